/** Normal-time programs and activities: record, list, read. */
import { Type } from 'typebox';
import { COOPERATION_TYPES, PROGRAM_KINDS, RECOVERY_FOCI } from '../../model/program';
import { PHASES, STAGES, STRATEGIES } from '../../model/taxonomy';
import type { Deps } from '../../services/context';
import { createProgram, getProgram, listPrograms } from '../../services/programs/manage-programs';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Cursor, Day, Id, IdParams, JurisdictionCode, Limit, Nullable, Page } from '../common-schemas';

const tags = ['programs'];
const strict = { additionalProperties: false } as const;
const Cell = Type.Object({ strategy: Type.Enum(STRATEGIES), phase: Type.Enum(PHASES) }, strict);

const ProgramBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum(PROGRAM_KINDS),
    recoveryFocus: Type.Optional(Nullable(Type.Enum(RECOVERY_FOCI))),
    cell: Cell,
    stage: Type.Enum(STAGES),
    leadOrganizationId: Id,
    partnerIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    jurisdictions: Type.Array(JurisdictionCode, { minItems: 1, maxItems: 50 }),
    startsOn: Day,
    endsOn: Type.Optional(Nullable(Day)),
    peopleReached: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    cooperationType: Type.Enum(COOPERATION_TYPES),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  },
  strict,
);

export const ProgramSchema = Type.Object({
  ...ProgramBody.properties,
  id: Id,
  recoveryFocus: Nullable(Type.Enum(RECOVERY_FOCI)),
  partnerIds: Type.Array(Id),
  endsOn: Nullable(Day),
  peopleReached: Type.Integer(),
  description: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export async function programRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/programs',
    {
      schema: {
        tags,
        summary: 'Record a normal-time program (the lead organization’s admin, coordinators of its areas)',
        body: ProgramBody,
        response: { 201: ProgramSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createProgram(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/programs',
    {
      schema: {
        tags,
        summary: 'Programs, latest start first: by area (overlapping), period, organization and kind',
        querystring: Type.Object(
          {
            jurisdiction: Type.Optional(JurisdictionCode),
            from: Type.Optional(Day),
            to: Type.Optional(Day),
            organizationId: Type.Optional(Id),
            kind: Type.Optional(Type.Enum(PROGRAM_KINDS)),
            limit: Limit,
            cursor: Type.Optional(Cursor),
          },
          strict,
        ),
        response: { 200: Page(ProgramSchema) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return listPrograms(deps, actorOf(request), filter, { limit, cursor });
    },
  );

  app.get(
    '/api/v1/programs/:id',
    { schema: { tags, summary: 'One program', params: IdParams, response: { 200: ProgramSchema } } },
    async (request) => getProgram(deps, actorOf(request), request.params.id),
  );
}
