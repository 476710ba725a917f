/** Filings (备案), agreements and seats, and their verification by coordinators. */
import { Type } from 'typebox';
import { AGREEMENT_TYPES, SUBSYSTEMS, VERIFIABLE_FIELDS } from '../../model/embedding';
import type { Deps } from '../../services/context';
import { declareAgreement, declareSeat, fileFiling } from '../../services/embedding/declare-embedding';
import { getEmbedding } from '../../services/embedding/read-embedding';
import { verifyOrganizationFields } from '../../services/verify-declaration';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Id, IdParams } from '../common-schemas';
import { AgreementSchema, Day, FilingSchema, NullableText, SeatSchema, Text, VerifiedField } from './schemas';

const tags = ['embedding'];
const strict = { additionalProperties: false } as const;
export async function embeddingRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/organizations/:id/embedding',
    {
      schema: {
        tags,
        summary: 'Filings, agreements, seats and verified fields of an organization',
        params: IdParams,
        response: {
          200: Type.Object({
            filings: Type.Array(FilingSchema),
            agreements: Type.Array(AgreementSchema),
            seats: Type.Array(SeatSchema),
            verifiedFields: Type.Array(VerifiedField),
            viewerCanVerify: Type.Boolean(),
          }),
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
        body: Type.Object({ department: Text(200), filedOn: Day, reference: Type.Optional(NullableText(200)) }, strict),
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
        body: Type.Object(
          {
            organizationId: Id,
            counterpartId: Id,
            type: Type.Enum(AGREEMENT_TYPES),
            validFrom: Day,
            validTo: Type.Optional(Type.Union([Day, Type.Null()])),
            reference: Type.Optional(NullableText(200)),
          },
          strict,
        ),
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
        body: Type.Object(
          {
            organizationId: Id,
            structure: Text(200),
            subsystem: Type.Enum(SUBSYSTEMS),
            liaisonName: Text(50),
            from: Day,
            to: Type.Optional(Type.Union([Day, Type.Null()])),
          },
          strict,
        ),
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
        body: Type.Object(
          { fields: Type.Array(Type.Enum(VERIFIABLE_FIELDS), { minItems: 1, maxItems: VERIFIABLE_FIELDS.length }) },
          strict,
        ),
        response: { 200: Type.Object({ verifiedFields: Type.Array(VerifiedField) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await verifyOrganizationFields(deps, actor, request.params.id, request.body.fields);
      return { verifiedFields: (await getEmbedding(deps, actor, request.params.id)).verifiedFields };
    },
  );
}
