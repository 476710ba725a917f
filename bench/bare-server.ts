/** The ingest benchmark's baseline: a bare Fastify route that validates the same body and answers 201 without storing it. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { NeedBody } from '../src/http/needs/schemas';

const app = Fastify({
  ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
}).withTypeProvider<TypeBoxTypeProvider>();
app.post('/api/v1/incidents/:id/needs', { schema: { body: NeedBody } }, async (request, reply) =>
  reply.status(201).send({ need: request.body }),
);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
