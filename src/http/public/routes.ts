/**
 * The public door, no account: open incidents, their needs on a coarse grid, reporting a need
 * (every route, reads as well as writes, rate-limited per client so that a flood never slows
 * the coordinators), and following it by its receipt code — including saying it is resolved,
 * so stale entries do not linger.
 */
import { Type } from 'typebox';
import type { Config } from '../../config';
import { featureCollection } from '../../interop/geojson';
import type { Deps } from '../../services/context';
import { listIncidents } from '../../services/incidents/read-incidents';
import { resolveByReceipt } from '../../services/needs/manage-needs';
import { listPublicNeeds, needByReceipt, publicView } from '../../services/needs/read-needs';
import { publicReportAnswer, reportPublicNeed } from '../../services/needs/report-need';
import type { App } from '../app-types';
import { IdParams } from '../common-schemas';
import { GeoJsonFormat, sendGeoJson } from '../geojson';
import { IdempotencyHeaders, idempotencyOf } from '../idempotency-header';
import { PublicNeedSchema } from '../needs/schemas';
import {
  PublicIncidentList,
  PublicNeedList,
  PublicReceiptSchema,
  PublicReportAnswer,
  PublicReportBody,
  ReceiptParams,
} from './schemas';

const tags = ['public'];
const PUBLIC_READER = { kind: 'system', label: 'public' } as const;

export async function publicRoutes(app: App, deps: Deps, config: Pick<Config, 'publicRateLimit'>): Promise<void> {
  const rateLimit = { max: config.publicRateLimit, timeWindow: '1 minute' };

  app.get(
    '/api/v1/public/incidents',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Open incidents the public can report needs to',
        response: { 200: PublicIncidentList },
      },
    },
    async () => ({ items: await listIncidents(deps, PUBLIC_READER, { stages: ['preparedness', 'response', 'recovery'] }) }),
  );

  app.get(
    '/api/v1/public/incidents/:id/needs',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Open needs on the public map (about 1 km grid, no personal data); format=geojson: as GeoJSON',
        params: IdParams,
        querystring: Type.Object({ format: GeoJsonFormat }, { additionalProperties: false }),
        response: { 200: PublicNeedList },
      },
    },
    async (request, reply) => {
      const items = await listPublicNeeds(deps, request.params.id, 2000);
      return request.query.format === 'geojson' ? sendGeoJson(reply, featureCollection(items)) : { items };
    },
  );

  app.post(
    '/api/v1/public/needs',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Report a need without an account; keep the receipt code to follow it',
        headers: IdempotencyHeaders,
        body: PublicReportBody,
        response: { 201: PublicReportAnswer },
      },
    },
    async (request, reply) => {
      const { incidentId, ...input } = request.body;
      const outcome = await reportPublicNeed(deps, incidentId, input, idempotencyOf(request, 'public'));
      return reply.status(201).send(await publicReportAnswer(deps, outcome));
    },
  );

  app.get(
    '/api/v1/public/receipts/:code',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Follow a reported need by its receipt code',
        params: ReceiptParams,
        response: { 200: PublicReceiptSchema },
      },
    },
    async (request) => needByReceipt(deps, request.params.code),
  );

  app.post(
    '/api/v1/public/receipts/:code/resolve',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'The reporter marks the need resolved (已获救/已解决)',
        params: ReceiptParams,
        response: { 200: PublicNeedSchema },
      },
    },
    async (request) => publicView(await resolveByReceipt(deps, request.params.code)),
  );
}
