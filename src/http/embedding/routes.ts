/** Filings (备案), agreements and seats, and their verification by coordinators. */
import type { Deps } from '../../services/context';
import { declareAgreement, declareSeat, fileFiling } from '../../services/embedding/declare-embedding';
import { getEmbedding } from '../../services/embedding/read-embedding';
import { verifyOrganizationFields } from '../../services/verify-declaration';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import {
  AgreementBody,
  AgreementSchema,
  EmbeddingSchema,
  FilingBody,
  FilingSchema,
  SeatBody,
  SeatSchema,
  VerifiedFieldsSchema,
  VerifyFieldsBody,
} from './schemas';

const tags = ['embedding'];

export async function embeddingRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/organizations/:id/embedding',
    {
      schema: {
        tags,
        summary: 'Filings, agreements, seats and verified fields of an organization',
        params: IdParams,
        response: {
          200: EmbeddingSchema,
        },
      },
    },
    async (request) => getEmbedding(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/organizations/:id/filings',
    {
      schema: {
        tags,
        summary: 'Declare a filing (备案) with an emergency management department',
        params: IdParams,
        body: FilingBody,
        response: { 201: FilingSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await fileFiling(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/agreements',
    {
      schema: {
        tags,
        summary: 'Declare an agreement: MOU, service contract (政府购买服务) or inclusion in an emergency plan (预案)',
        body: AgreementBody,
        response: { 201: AgreementSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await declareAgreement(deps, actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/seats',
    {
      schema: {
        tags,
        summary: 'Declare a seat in a coordination structure, with a named liaison',
        body: SeatBody,
        response: { 201: SeatSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await declareSeat(deps, actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/organizations/:id/verify',
    {
      schema: {
        tags,
        summary: 'Verify an organization’s own fields against documents',
        params: IdParams,
        body: VerifyFieldsBody,
        response: { 200: VerifiedFieldsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await verifyOrganizationFields(deps, actor, request.params.id, request.body.fields);
      return { verifiedFields: (await getEmbedding(deps, actor, request.params.id)).verifiedFields };
    },
  );
}
