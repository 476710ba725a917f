/**
 * The public door, no account: open incidents, their needs on a coarse grid, reporting a need
 * (rate-limited per client so that a flood never slows the coordinators), and following it by
 * its receipt code — including saying it is resolved, so stale entries do not linger.
 */
import { Type } from 'typebox';
import type { Config } from '../../config';
import { findNeed } from '../../db/repositories/needs';
import type { Deps } from '../../services/context';
import { listIncidents } from '../../services/incidents/read-incidents';
import { resolveByReceipt } from '../../services/needs/manage-needs';
import { listPublicNeeds, needByReceipt, publicView } from '../../services/needs/read-needs';
import { reportPublicNeed } from '../../services/needs/report-need';
import type { App } from '../app-types';
import { Id, IdParams } from '../common-schemas';
import { IncidentSummary } from '../incidents/routes';
import { idempotencyOf } from '../needs/routes';
import { NeedBody, PublicNeedSchema } from '../needs/schemas';

const tags = ['public'];
const PUBLIC_READER = { kind: 'system', label: 'public' } as const;
const Receipt = Type.Object({ code: Type.String({ minLength: 4, maxLength: 20 }) });

export async function publicRoutes(app: App, deps: Deps, config: Pick<Config, 'publicRateLimit'>): Promise<void> {
  const rateLimit = { max: config.publicRateLimit, timeWindow: '1 minute' };

  app.get(
    '/api/v1/public/incidents',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Open incidents the public can report needs to',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Pick(IncidentSummary, ['id', 'name', 'category', 'type', 'level', 'warningColor', 'jurisdictions', 'stage']),
            ),
          }),
        },
      },
    },
    async () => ({ items: await listIncidents(deps, PUBLIC_READER, { stages: ['preparedness', 'response', 'recovery'] }) }),
  );

  app.get(
    '/api/v1/public/incidents/:id/needs',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Open needs on the public map (about 1 km grid, no personal data)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(PublicNeedSchema) }) },
      },
    },
    async (request) => ({ items: await listPublicNeeds(deps, request.params.id, 2000) }),
  );

  app.post(
    '/api/v1/public/needs',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Report a need without an account; keep the receipt code to follow it',
        body: Type.Object({ ...NeedBody.properties, incidentId: Id }, { additionalProperties: false }),
        response: { 201: Type.Object({ receiptCode: Type.String(), need: PublicNeedSchema }) },
      },
    },
    async (request, reply) => {
      const { incidentId, ...input } = request.body;
      const outcome = await reportPublicNeed(deps, incidentId, input, idempotencyOf(request, `ip:${request.ip}`));
      const need = outcome.replayed ? await findNeed(deps.db, outcome.needId) : outcome.reported.need;
      if (!need?.receiptCode) throw new Error('a public need has a receipt code');
      return reply.status(201).send({ receiptCode: need.receiptCode, need: publicView(need) });
    },
  );

  app.get(
    '/api/v1/public/receipts/:code',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Follow a reported need by its receipt code',
        params: Receipt,
        response: {
          200: Type.Object({
            ...PublicNeedSchema.properties,
            history: Type.Array(Type.Object({ kind: Type.String(), at: Type.String() })),
          }),
        },
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
        params: Receipt,
        response: { 200: PublicNeedSchema },
      },
    },
    async (request) => publicView(await resolveByReceipt(deps, request.params.code)),
  );
}
