/** Incidents: declare, change, move through stages, read. */
import { Type } from 'typebox';
import { INCIDENT_CATEGORIES, INCIDENT_LEVELS, INCIDENT_STAGES, WARNING_COLORS } from '../../model/incident';
import type { Deps } from '../../services/context';
import { declareIncident, moveIncidentStage, updateIncident } from '../../services/incidents/manage-incidents';
import { getIncident, listIncidents } from '../../services/incidents/read-incidents';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Id, IdParams, JurisdictionCode } from '../common-schemas';

const tags = ['incidents'];
const strict = { additionalProperties: false } as const;
const Level = Type.Enum(INCIDENT_LEVELS, { description: '1 特别重大 (most severe) … 4 一般' });
const Policy = Type.Object(
  {
    invitationRequired: Type.Boolean(),
    checkInIntervalMinutes: Type.Integer({ minimum: 15, maximum: 10_080 }),
  },
  strict,
);
const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  category: Type.Enum(INCIDENT_CATEGORIES),
  type: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. 洪涝, 地震, 危化品泄漏' }),
  level: Level,
  warningColor: Type.Optional(Type.Union([Type.Enum(WARNING_COLORS), Type.Null()])),
  jurisdictions: Type.Array(JurisdictionCode, { minItems: 1, maxItems: 100 }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
};
const StageChange = Type.Object({
  from: Type.Union([Type.Enum(INCIDENT_STAGES), Type.Null()]),
  to: Type.Enum(INCIDENT_STAGES),
  at: Type.String(),
  actor: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export const IncidentSummary = Type.Object({
  id: Id,
  name: Type.String(),
  category: Type.Enum(INCIDENT_CATEGORIES),
  type: Type.String(),
  level: Type.Integer(),
  warningColor: Type.Union([Type.Enum(WARNING_COLORS), Type.Null()]),
  jurisdictions: Type.Array(Type.String()),
  stage: Type.Enum(INCIDENT_STAGES),
  policy: Policy,
  description: Type.Union([Type.String(), Type.Null()]),
  declaredBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const IncidentSchema = Type.Object({ ...IncidentSummary.properties, stages: Type.Array(StageChange) });
const IncidentDetail = Type.Object({
  ...IncidentSchema.properties,
  viewerCanManage: Type.Boolean(),
  viewerCanCoordinate: Type.Boolean(),
});

export async function incidentRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents, newest first (open ones unless stages are given)',
        querystring: Type.Object(
          { stage: Type.Optional(Type.Array(Type.Enum(INCIDENT_STAGES))), jurisdiction: Type.Optional(JurisdictionCode) },
          strict,
        ),
        response: { 200: Type.Object({ items: Type.Array(IncidentSummary), total: Type.Integer(), nextCursor: Type.Null() }) },
      },
    },
    async (request) => {
      const stages = request.query.stage ?? ['preparedness', 'response', 'recovery'];
      const items = await listIncidents(deps, actorOf(request), { stages, jurisdiction: request.query.jurisdiction });
      return { items, total: items.length, nextCursor: null };
    },
  );

  app.post(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'Declare an incident (a coordinator whose area holds every affected area)',
        body: Type.Object(
          {
            ...fields,
            stage: Type.Optional(Type.Enum(['preparedness', 'response'])),
            policy: Type.Optional(Type.Partial(Policy)),
          },
          strict,
        ),
        response: { 201: IncidentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await declareIncident(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/incidents/:id',
    { schema: { tags, summary: 'One incident with its stage history', params: IdParams, response: { 200: IncidentDetail } } },
    async (request) => getIncident(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Change an incident’s particulars or policy',
        params: IdParams,
        body: Type.Object(
          { ...Type.Partial(Type.Object(fields)).properties, policy: Type.Optional(Type.Partial(Policy)) },
          strict,
        ),
        response: { 200: IncidentSchema },
      },
    },
    async (request) => updateIncident(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/incidents/:id/stage',
    {
      schema: {
        tags,
        summary: 'Move the incident to its next stage (response, recovery, closed)',
        params: IdParams,
        body: Type.Object(
          { to: Type.Enum(INCIDENT_STAGES), reason: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])) },
          strict,
        ),
        response: { 200: IncidentSchema },
      },
    },
    async (request) => moveIncidentStage(deps, actorOf(request), request.params.id, request.body),
  );
}
