/** Incident command: the coordination centre (现场协调中心) with its seats, and the standby roster. */
import { activateCentre, staffCentreSeat } from '../../services/command/activate-centre';
import { answerStandby } from '../../services/command/answer-standby';
import { getIncidentCentres, listEligibleStaff } from '../../services/command/read-centre';
import { getStandbyRoster } from '../../services/command/read-standby';
import { standDownIncidentCentre } from '../../services/command/stand-down-centre';
import { requestStandby, withdrawStandby } from '../../services/command/standby-roster';
import type { Deps } from '../../services/context';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import {
  ActivateBody,
  CentreSchema,
  EligibleList,
  IncidentCentresSchema,
  SeatInputSchema,
  StandbyAnswerBody,
  StandbyBody,
  StandbyParams,
  StandbyRosterSchema,
  StandbySchema,
  StandDownBody,
} from './schemas';

const tags = ['incident command'];

export async function commandRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/incidents/:id/centre',
    {
      schema: {
        tags,
        summary: 'The incident’s running coordination centre (现场协调中心) and its earlier periods, with seats',
        params: IdParams,
        response: { 200: IncidentCentresSchema },
      },
    },
    async (request) => getIncidentCentres(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/incidents/:id/centre/eligible',
    {
      schema: {
        tags,
        summary:
          'Organizations that may staff the centre: active members holding a seat or agreement in force for the incident’s areas',
        params: IdParams,
        response: { 200: EligibleList },
      },
    },
    async (request) => ({ items: await listEligibleStaff(deps, actorOf(request), request.params.id) }),
  );

  app.post(
    '/api/v1/incidents/:id/centre/activate',
    {
      schema: {
        tags,
        summary: 'Activate the coordination centre with its seats (409 centre_active while one runs)',
        params: IdParams,
        body: ActivateBody,
        response: { 201: CentreSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await activateCentre(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/incidents/:id/centre/seats',
    {
      schema: {
        tags,
        summary: 'Staff one more seat of the running centre',
        params: IdParams,
        body: SeatInputSchema,
        response: { 201: CentreSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await staffCentreSeat(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/incidents/:id/centre/stand-down',
    {
      schema: {
        tags,
        summary: 'Stand the running centre down, with a reason',
        params: IdParams,
        body: StandDownBody,
        response: { 200: CentreSchema },
      },
    },
    async (request) => standDownIncidentCentre(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/incidents/:id/standby',
    {
      schema: {
        tags,
        summary: 'The standby roster: organizations asked to be ready (an organization’s people see their own)',
        params: IdParams,
        response: { 200: StandbyRosterSchema },
      },
    },
    async (request) => getStandbyRoster(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/incidents/:id/standby',
    {
      schema: {
        tags,
        summary: 'Ask an organization to stand by (incident in preparedness; active members and those under cultivation)',
        params: IdParams,
        body: StandbyBody,
        response: { 201: StandbySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestStandby(deps, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/incidents/:id/standby/:organizationId',
    {
      schema: {
        tags,
        summary: 'Take an organization off the standby roster (incident in preparedness; kept on record)',
        params: StandbyParams,
      },
    },
    async (request, reply) => {
      await withdrawStandby(deps, actorOf(request), request.params.id, request.params.organizationId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/incidents/:id/standby/:organizationId/answer',
    {
      schema: {
        tags,
        summary: 'The organization answers its standby request: ready or unavailable',
        params: StandbyParams,
        body: StandbyAnswerBody,
        response: { 200: StandbySchema },
      },
    },
    async (request) => answerStandby(deps, actorOf(request), request.params.id, request.params.organizationId, request.body),
  );
}
