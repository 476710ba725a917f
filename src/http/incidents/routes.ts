/** Incidents: declare, change, move through stages, read. */
import type { Deps } from '../../services/context';
import { declareIncident, moveIncidentStage, updateIncident } from '../../services/incidents/manage-incidents';
import { getIncident, listIncidents } from '../../services/incidents/read-incidents';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import {
  IncidentBody,
  IncidentDetail,
  IncidentList,
  IncidentPatchBody,
  IncidentQuery,
  IncidentSchema,
  StageBody,
} from './schemas';

const tags = ['incidents'];

export async function incidentRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents, newest first (open ones unless stages are given)',
        querystring: IncidentQuery,
        response: { 200: IncidentList },
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
        body: IncidentBody,
        response: { 201: IncidentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await declareIncident(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One incident with its stage history and its timeline of changes (stages, level, colour, areas, policy)',
        params: IdParams,
        response: { 200: IncidentDetail },
      },
    },
    async (request) => getIncident(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags,
        summary:
          'Change an incident’s particulars; a change of level, warning colour, areas or policy needs a reason and joins the timeline',
        params: IdParams,
        body: IncidentPatchBody,
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
        body: StageBody,
        response: { 200: IncidentSchema },
      },
    },
    async (request) => moveIncidentStage(deps, actorOf(request), request.params.id, request.body),
  );
}
