/** Deployments (报备): filing, decisions, the team's moves and check-ins, and missed check-in alarms. */
import { Type } from 'typebox';
import { RESCUE_SPECIALTIES } from '../../model/capacity';
import { DEPLOYMENT_STATUSES } from '../../model/deployment';
import type { Deps } from '../../services/context';
import { checkInDeployment, fileDeployment, moveDeployment } from '../../services/deployments/manage-deployments';
import { deploymentAlarms, getDeployment, listDeployments } from '../../services/deployments/read-deployments';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Id, IdParams, JurisdictionCode, Nullable } from '../common-schemas';

const tags = ['deployments'];
const strict = { additionalProperties: false } as const;

const DeploymentSchema = Type.Object({
  id: Id,
  incidentId: Id,
  organizationId: Id,
  teamName: Type.String(),
  leaderName: Nullable(Type.String()),
  leaderPhone: Nullable(Type.String()),
  headcount: Type.Integer(),
  specialties: Type.Array(Type.Enum(RESCUE_SPECIALTIES)),
  equipment: Type.Array(Type.String()),
  vehicles: Type.Integer(),
  origin: Type.String(),
  eta: Nullable(Type.String()),
  invitationReference: Nullable(Type.String()),
  status: Type.Enum(DEPLOYMENT_STATUSES),
  zone: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  lastCheckInAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  personalDataVisible: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const LogEntry = Type.Object({
  kind: Type.Enum(['status', 'check_in']),
  from: Type.Union([Type.Enum(DEPLOYMENT_STATUSES), Type.Null()]),
  to: Type.Union([Type.Enum(DEPLOYMENT_STATUSES), Type.Null()]),
  note: Nullable(Type.String()),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  actor: Type.String(),
  at: Type.String(),
});
const Items = Type.Object({ items: Type.Array(DeploymentSchema) });

export async function deploymentRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/incidents/:id/deployments',
    {
      schema: {
        tags,
        summary: 'Teams deployed to an incident',
        params: IdParams,
        querystring: Type.Object({ status: Type.Optional(Type.Enum(DEPLOYMENT_STATUSES)) }, strict),
        response: { 200: Items },
      },
    },
    async (request) => ({ items: await listDeployments(deps, actorOf(request), request.params.id, request.query.status) }),
  );

  app.post(
    '/api/v1/incidents/:id/deployments',
    {
      schema: {
        tags,
        summary: 'File a deployment (报备): the organization’s admin, or an agency’s staff',
        params: IdParams,
        body: Type.Object(
          {
            organizationId: Id,
            teamName: Type.String({ minLength: 1, maxLength: 100 }),
            leaderName: Type.String({ minLength: 1, maxLength: 50 }),
            leaderPhone: Type.String({ minLength: 5, maxLength: 30 }),
            headcount: Type.Integer({ minimum: 1, maximum: 10_000 }),
            specialties: Type.Optional(Type.Array(Type.Enum(RESCUE_SPECIALTIES), { maxItems: 5 })),
            equipment: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
            vehicles: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
            origin: JurisdictionCode,
            eta: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
            invitationReference: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          },
          strict,
        ),
        response: { 201: DeploymentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const filed = await fileDeployment(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await getDeployment(deps, actor, filed.id));
    },
  );

  app.get(
    '/api/v1/incidents/:id/alarms',
    { schema: { tags, summary: 'Deployed teams that missed their check-in', params: IdParams, response: { 200: Items } } },
    async (request) => ({ items: await deploymentAlarms(deps, actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/v1/deployments/:id',
    {
      schema: {
        tags,
        summary: 'One deployment with its log',
        params: IdParams,
        response: { 200: Type.Object({ ...DeploymentSchema.properties, log: Type.Array(LogEntry) }) },
      },
    },
    async (request) => getDeployment(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/deployments/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Approve, decline, hold on standby (coordinators); en route, checked in, working, withdrawn, returned (the team)',
        params: IdParams,
        body: Type.Object(
          {
            to: Type.Enum(DEPLOYMENT_STATUSES),
            reason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            zone: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          },
          strict,
        ),
        response: { 200: DeploymentSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await moveDeployment(deps, actor, request.params.id, request.body);
      return getDeployment(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/deployments/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'The team reports in',
        params: IdParams,
        body: Type.Object(
          {
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
            lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
          },
          strict,
        ),
        response: { 200: DeploymentSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await checkInDeployment(deps, actor, request.params.id, request.body);
      return getDeployment(deps, actor, request.params.id);
    },
  );
}
