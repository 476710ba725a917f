/** Needs of an incident: report, read, claim, dispatch, progress, release, close, verify, merge, evidence. */

import { createHash } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { EDXL_RM_MEDIA_TYPE } from '../../interop/edxl-rm';
import { featureCollection, pointOfLatLon } from '../../interop/geojson';
import { AppError } from '../../model/errors';
import { type Actor, actorId, type Deps } from '../../services/context';
import type { IdempotentRequest } from '../../services/idempotency';
import {
  answerDispatch,
  claimNeed,
  confirmClaim,
  dispatchNeed,
  rejectClaim,
  releaseClaim,
  reportProgress,
} from '../../services/needs/claims';
import { locateNeed } from '../../services/needs/locate-need';
import {
  addEvidence,
  closeNeed,
  dismissDuplicate,
  mergeNeeds,
  readEvidence,
  verifyNeed,
} from '../../services/needs/manage-needs';
import { MAP_LIMIT, needMap } from '../../services/needs/need-map';
import { claimAnswer, duplicatesShownTo, getNeed, listNeeds, newNeedView } from '../../services/needs/read-needs';
import { recommendOrganizations } from '../../services/needs/recommend-organizations';
import { reportNeed } from '../../services/needs/report-need';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Id, IdParams } from '../common-schemas';
import { GeoJsonFormat, sendGeoJson } from '../geojson';
import { IdempotencyHeaders, idempotencyOf } from '../idempotency-header';
import { EdxlFormat, edxlNeedRoutes, needAsEdxl } from './edxl-routes';
import {
  ClaimAnswerSchema,
  ClaimBody,
  CloseBody,
  LocateBody,
  NeedBody,
  NeedDetail,
  NeedListQuery,
  NeedMapAnswerSchema,
  NeedMapQuery,
  NeedPage,
  NeedSchema,
  RecommendationList,
  RecommendationQuery,
  ReportedNeedSchema,
} from './schemas';

const tags = ['needs'];
const strict = { additionalProperties: false } as const;

function parseBox(text: string | undefined) {
  if (!text) return undefined;
  const parts = text.split(',').map(Number);
  const [south, west, north, east] = parts;
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || south > north || west > east) {
    throw new AppError('invalid_input', { field: 'bbox', detail: 'bbox is south,west,north,east in degrees' });
  }
  return { south, west, north, east };
}

function filterOf(q: Static<typeof NeedMapQuery>) {
  return {
    statuses: q.status,
    category: q.category,
    urgency: q.urgency,
    vulnerableOnly: q.vulnerable,
    unclaimedOnly: q.unclaimed,
    box: parseBox(q.bbox),
  };
}

export async function needRoutes(app: App, deps: Deps): Promise<void> {
  const whoFor = (actor: Actor) => actorId(actor);

  app.post(
    '/api/v1/incidents/:id/needs',
    {
      schema: {
        tags,
        summary: 'Report a need (coordinators, organizations); send Idempotency-Key to retry safely',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: NeedBody,
        response: { 201: ReportedNeedSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const outcome = await reportNeed(deps, actor, request.params.id, request.body, idempotencyOf(request, whoFor(actor)));
      if (outcome.replayed)
        return reply.status(201).send({ need: await getNeed(deps, actor, outcome.needId), possibleDuplicates: [] });
      const { need, possibleDuplicates } = outcome.reported;
      return reply
        .status(201)
        .send({ need: newNeedView(actor, need), possibleDuplicates: duplicatesShownTo(actor, possibleDuplicates) });
    },
  );

  app.get(
    '/api/v1/incidents/:id/needs',
    {
      schema: {
        tags,
        summary: 'Needs of an incident, newest first, with filters; format=geojson: the same page as GeoJSON',
        params: IdParams,
        querystring: Type.Object({ ...NeedListQuery.properties, format: GeoJsonFormat }, { additionalProperties: false }),
        response: { 200: NeedPage },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const page = await listNeeds(
        deps,
        actorOf(request),
        { incidentId: request.params.id, ...filterOf(q), locationNeeded: q.locationNeeded },
        { limit: q.limit, cursor: q.cursor },
      );
      if (q.format !== 'geojson') return page;
      const { items, ...rest } = page;
      return sendGeoJson(reply, featureCollection(items, pointOfLatLon, { foreign: rest }));
    },
  );

  app.get(
    '/api/v1/incidents/:id/need-map',
    {
      schema: {
        tags,
        summary: `The board's map: the newest needs in a viewport (at most ${MAP_LIMIT}) and how many matched`,
        params: IdParams,
        querystring: NeedMapQuery,
        response: { 200: NeedMapAnswerSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return needMap(deps, actorOf(request), request.params.id, filterOf(q));
    },
  );

  app.get(
    '/api/v1/needs/:id',
    {
      schema: {
        tags,
        summary:
          'One need with holders, history and duplicate flags; format=edxl-rm: as an EDXL-RM RequestResource (with claim={claimId}: that claim as a CommitResource)',
        params: IdParams,
        querystring: Type.Object(
          {
            format: EdxlFormat,
            claim: Type.Optional(Id),
          },
          strict,
        ),
        response: { 200: NeedDetail },
      },
    },
    async (request, reply) => {
      if (request.query.format !== 'edxl-rm') return getNeed(deps, actorOf(request), request.params.id);
      const xml = await needAsEdxl(deps, request, request.params.id, request.query.claim);
      // A string is sent as it is: the JSON schema of the 200 answer does not apply to the XML.
      return reply.type(`${EDXL_RM_MEDIA_TYPE}; charset=utf-8`).send(xml as never);
    },
  );

  app.get(
    '/api/v1/needs/:id/recommendations',
    {
      schema: {
        tags,
        summary: 'Organizations ranked by function for this need, each score explained',
        params: IdParams,
        querystring: RecommendationQuery,
        response: { 200: RecommendationList },
      },
    },
    async (request) => ({ items: await recommendOrganizations(deps, actorOf(request), request.params.id, request.query) }),
  );

  app.post(
    '/api/v1/needs/:id/claims',
    {
      schema: {
        tags,
        summary: 'Claim a need or a quantity of it (no quantity: all that remains); 409 names the holders',
        params: IdParams,
        body: ClaimBody,
        response: { 201: ClaimAnswerSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { claim } = await claimNeed(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await claimAnswer(deps, actor, claim));
    },
  );

  app.post(
    '/api/v1/needs/:id/dispatch',
    {
      schema: {
        tags,
        summary: 'Dispatch a need to an organization (coordinators); it accepts or declines',
        params: IdParams,
        body: ClaimBody,
        response: { 201: ClaimAnswerSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { claim } = await dispatchNeed(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await claimAnswer(deps, actor, claim));
    },
  );

  const claimAction = (
    path: string,
    summary: string,
    body: ReturnType<typeof Type.Object> | null,
    run: (actor: Actor, id: string, input: never, idempotency: IdempotentRequest | undefined) => Promise<{ id: string }>,
    idempotent = false,
  ) =>
    app.post(
      `/api/v1/claims/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          ...(idempotent ? { headers: IdempotencyHeaders } : {}),
          ...(body ? { body } : {}),
          response: { 200: NeedSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        // The claim is part of what a retry repeats: the same key for another claim is a mismatch.
        const idempotency = idempotent
          ? idempotencyOf(request, whoFor(actor), { claim: request.params.id, body: request.body })
          : undefined;
        const need = await run(actor, request.params.id, request.body as never, idempotency);
        return getNeed(deps, actor, need.id);
      },
    );
  claimAction(
    'release',
    'Release a claim (one action)',
    Type.Object({ reason: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])) }, strict),
    (actor, id, input: { reason?: string | null }) => releaseClaim(deps, actor, id, input?.reason),
  );
  claimAction(
    'answer',
    'Accept or decline (with a reason) a dispatched need',
    Type.Object(
      { accept: Type.Boolean(), reason: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])) },
      strict,
    ),
    (actor, id, input: { accept: boolean; reason?: string | null }) => answerDispatch(deps, actor, id, input),
  );
  claimAction(
    'progress',
    'Report progress (keeps the claim alive) or that the claimed part is done; send Idempotency-Key so a retry reports nothing twice',
    Type.Object(
      { note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])), done: Type.Optional(Type.Boolean()) },
      strict,
    ),
    (actor, id, input: { note?: string | null; done?: boolean }, idempotency) =>
      reportProgress(deps, actor, id, input, idempotency),
    true,
  );

  claimAction('confirm', "Confirm a provisional organization's claim (coordinators of the need's area)", null, (actor, id) =>
    confirmClaim(deps, actor, id),
  );
  claimAction(
    'reject',
    "Reject a provisional organization's claim with a reason (coordinators of the need's area); its quantity is free again",
    Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, strict),
    (actor, id, input: { reason: string }) => rejectClaim(deps, actor, id, input.reason),
  );

  app.post(
    '/api/v1/needs/:id/location',
    {
      schema: {
        tags,
        summary: 'Place a need on the map (a need imported with an address only): coordinators of its incident and its holders',
        params: IdParams,
        body: LocateBody,
        response: { 200: NeedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await locateNeed(deps, actor, request.params.id, request.body);
      return getNeed(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/needs/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a need: duplicate, not found, done by others, referred',
        params: IdParams,
        body: CloseBody,
        response: { 200: NeedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await closeNeed(deps, actor, request.params.id, request.body);
      return getNeed(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/needs/:id/verify',
    {
      schema: {
        tags,
        summary: 'Verify a need (coordinators): verified or official',
        params: IdParams,
        body: Type.Object({ level: Type.Enum(['verified', 'official']) }, strict),
        response: { 200: NeedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await verifyNeed(deps, actor, request.params.id, request.body.level);
      return getNeed(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/needs/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge this need into the one it repeats (both records and histories are kept)',
        params: IdParams,
        body: Type.Object({ into: Id }, strict),
        response: { 200: NeedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await mergeNeeds(deps, actor, request.params.id, request.body.into);
      return getNeed(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/needs/:id/duplicates/:otherId/dismiss',
    {
      schema: {
        tags,
        summary: 'Decide that two needs flagged as likely duplicates are different (coordinators)',
        params: Type.Object({ id: Id, otherId: Id }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await dismissDuplicate(deps, actorOf(request), request.params.id, request.params.otherId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/needs/:id/evidence/:file',
    {
      schema: {
        tags,
        summary: 'An evidence photo (coordinators and the organizations holding the need)',
        params: Type.Object({ id: Id, file: Type.String({ maxLength: 60 }) }),
      },
    },
    async (request, reply) => {
      const photo = await readEvidence(deps, actorOf(request), request.params.id, request.params.file);
      return reply.type(photo.contentType).header('cache-control', 'private, max-age=3600').send(photo.content);
    },
  );

  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp'],
    { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
    (_r, body, done) => done(null, body),
  );
  app.post(
    '/api/v1/needs/:id/evidence',
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Attach an evidence photo (JPEG, PNG or WebP as the body); send Idempotency-Key so a retried upload stores one photo',
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 201: Type.Object({ file: Type.String() }) },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw new AppError('unsupported_media_type', { detail: 'send the photo itself as image/jpeg, image/png or image/webp' });
      const contentType = String(request.headers['content-type'] ?? '').split(';')[0];
      const actor = actorOf(request);
      // A retry repeats the need and the photo's bytes; the digest stands for the bytes.
      const photo = { need: request.params.id, contentType, sha256: createHash('sha256').update(request.body).digest('hex') };
      const idempotency = idempotencyOf(request, whoFor(actor), photo);
      return reply
        .status(201)
        .send(await addEvidence(deps, actor, request.params.id, { content: request.body, contentType }, idempotency));
    },
  );

  await edxlNeedRoutes(app, deps);
}
