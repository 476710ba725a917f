/** Deployments (报备): filing, decisions, the team's moves and check-ins, and missed check-in alarms. */

import { Type } from 'typebox';
import { featureCollection } from '../../interop/geojson';
import { actorId, type Deps } from '../../services/context';
import { deploymentAlternatives } from '../../services/deployments/deployment-alternatives';
import { checkInDeployment, fileDeployment, moveDeployment } from '../../services/deployments/manage-deployments';
import { deploymentAlarms, getDeployment, listDeployments } from '../../services/deployments/read-deployments';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { GeoJsonFormat, sendGeoJson } from '../geojson';
import { IdempotencyHeaders, idempotencyOf } from '../idempotency-header';
import { RecommendationList, RecommendationQuery } from '../needs/schemas';
import {
  CheckInBody,
  DeploymentBody,
  DeploymentDetail,
  DeploymentList,
  DeploymentMoveBody,
  DeploymentQuery,
  DeploymentSchema,
} from './schemas';

const tags = ['deployments'];

export async function deploymentRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/incidents/:id/deployments',
    {
      schema: {
        tags,
        summary: 'Teams deployed to an incident; format=geojson: as GeoJSON, each at its last reported position',
        params: IdParams,
        querystring: Type.Object({ ...DeploymentQuery.properties, format: GeoJsonFormat }, { additionalProperties: false }),
        response: { 200: DeploymentList },
      },
    },
    async (request, reply) => {
      const items = await listDeployments(deps, actorOf(request), request.params.id, request.query.status);
      return request.query.format === 'geojson' ? sendGeoJson(reply, featureCollection(items)) : { items };
    },
  );

  app.post(
    '/api/v1/incidents/:id/deployments',
    {
      schema: {
        tags,
        summary: 'File a deployment (报备): the organization’s admin, or an agency’s staff',
        params: IdParams,
        body: DeploymentBody,
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
    {
      schema: { tags, summary: 'Deployed teams that missed their check-in', params: IdParams, response: { 200: DeploymentList } },
    },
    async (request) => ({ items: await deploymentAlarms(deps, actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/v1/deployments/:id',
    {
      schema: {
        tags,
        summary: 'One deployment with its log',
        params: IdParams,
        response: { 200: DeploymentDetail },
      },
    },
    async (request) => getDeployment(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/deployments/:id/alternatives',
    {
      schema: {
        tags,
        summary:
          'Who else could do this: other organizations ranked by function for the deployment’s work (coordinators of the incident)',
        params: IdParams,
        querystring: RecommendationQuery,
        response: { 200: RecommendationList },
      },
    },
    async (request) => ({ items: await deploymentAlternatives(deps, actorOf(request), request.params.id, request.query) }),
  );

  app.post(
    '/api/v1/deployments/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Approve, decline, hold on standby (coordinators); en route, checked in, working, withdrawn, returned (the team)',
        params: IdParams,
        body: DeploymentMoveBody,
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
        summary: 'The team reports in; send Idempotency-Key so a retry (an offline outbox resending) is not a second check-in',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CheckInBody,
        response: { 200: DeploymentSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // The deployment is part of what a retry repeats: the same key for another deployment is a mismatch.
      const idempotency = idempotencyOf(request, actorId(actor), { deployment: request.params.id, body: request.body });
      await checkInDeployment(deps, actor, request.params.id, request.body, idempotency);
      return getDeployment(deps, actor, request.params.id);
    },
  );
}
