/** Bulletins and situation reports (通报, 简报, 情况报告): drafts, publication, the public page's list and its Atom feed. */
import type { Config } from '../../config';
import { atomXml } from '../../interop/atom';
import {
  createBulletin,
  editBulletin,
  getBulletin,
  listIncidentBulletins,
  publishBulletin,
  verifyBulletin,
} from '../../services/bulletins/bulletins';
import { draftSituationReport } from '../../services/bulletins/situation-report';
import type { Deps } from '../../services/context';
import { DEFAULT_PUBLIC_URL } from '../../services/statements/statements';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import {
  BulletinBody,
  BulletinList,
  BulletinPatchBody,
  BulletinSchema,
  FeedQuery,
  PublicBulletinAnswer,
  SituationReportBody,
} from './schemas';

const tags = ['bulletins'];

export async function bulletinRoutes(app: App, deps: Deps, config: Pick<Config, 'publicRateLimit'>): Promise<void> {
  const rateLimit = { max: config.publicRateLimit, timeWindow: '1 minute' };
  const base = () => deps.publicUrl ?? DEFAULT_PUBLIC_URL;

  app.post(
    '/api/v1/bulletins',
    {
      schema: {
        tags,
        summary:
          'Write a draft bulletin of an incident or an area (coordinators of the area for an agency of theirs; agency staff and organization admins for their own)',
        body: BulletinBody,
        response: { 201: BulletinSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createBulletin(deps, actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/incidents/:id/situation-report',
    {
      schema: {
        tags,
        summary:
          'Draft a situation report from the incident’s data (needs, deployments, teams on the ground, unserved vulnerable groups)',
        params: IdParams,
        body: SituationReportBody,
        response: { 201: BulletinSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await draftSituationReport(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/bulletins/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft bulletin',
        params: IdParams,
        body: BulletinPatchBody,
        response: { 200: BulletinSchema },
      },
    },
    async (request) => editBulletin(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/bulletins/:id/publish',
    {
      schema: { tags, summary: 'Publish a draft bulletin to its audience', params: IdParams, response: { 200: BulletinSchema } },
    },
    async (request) => publishBulletin(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/bulletins/:id/verify',
    {
      schema: {
        tags,
        summary: 'Mark an unverified bulletin verified (coordinators of its area)',
        params: IdParams,
        response: { 200: BulletinSchema },
      },
    },
    async (request) => verifyBulletin(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/bulletins/:id',
    {
      schema: {
        tags,
        summary: 'One bulletin, if its audience includes you',
        params: IdParams,
        response: { 200: BulletinSchema },
      },
    },
    async (request) => getBulletin(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/incidents/:id/bulletins',
    {
      schema: {
        tags,
        summary: 'The incident’s bulletins you may read, drafts you may see included',
        params: IdParams,
        response: { 200: BulletinList },
      },
    },
    async (request) => ({ items: await listIncidentBulletins(deps, actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/v1/public/incidents/:id/bulletins',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary: 'The incident’s public bulletins, newest first; `format=atom` for an Atom feed',
        params: IdParams,
        querystring: FeedQuery,
        response: { 200: PublicBulletinAnswer },
      },
    },
    async (request, reply) => {
      const items = await listIncidentBulletins(deps, null, request.params.id);
      if (request.query.format !== 'atom') return { items };
      const id = request.params.id;
      const page = `${base()}/public/incidents/${encodeURIComponent(id)}/bulletins`;
      const xml = atomXml({
        id: `urn:corespond:incident:${id}:bulletins`,
        title: `CoRespond 协应 — 通报 / Bulletins`,
        updated: items[0]?.publishedAt ?? new Date(0).toISOString(),
        links: [
          {
            rel: 'self',
            type: 'application/atom+xml',
            href: `${base()}/api/v1/public/incidents/${encodeURIComponent(id)}/bulletins?format=atom`,
          },
          { rel: 'alternate', type: 'text/html', href: page },
        ],
        entries: items.map((b) => ({
          id: `urn:corespond:bulletin:${b.id}`,
          title: b.title,
          updated: b.publishedAt ?? b.updatedAt,
          published: b.publishedAt,
          author: b.authorName,
          links: [{ rel: 'alternate', type: 'text/html', href: `${page}#${encodeURIComponent(b.id)}` }],
          content: b.body,
          categories: [b.kind, b.authority, ...(b.supersededBy ? [`superseded-by:${b.supersededBy.id}`] : [])],
        })),
      });
      return reply.type('application/atom+xml; charset=utf-8').send(xml);
    },
  );
}
