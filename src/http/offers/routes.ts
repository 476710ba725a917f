/**
 * Resources offered to an incident: the item catalogue, what is needed now and what is not,
 * public and organizations' offers, and the coordinators' not-needed list.
 */
import type { Config } from '../../config';
import { EDXL_RM_MEDIA_TYPE } from '../../interop/edxl-rm';
import { ITEM_CLASS_NAMES, ITEM_CLASSES, ITEMS } from '../../model/items';
import type { Deps } from '../../services/context';
import { actorId, nowIso } from '../../services/context';
import { markNotNeeded, neededNow, unmarkNotNeeded } from '../../services/resources/needed-now';
import { offerPublicly, recordOrganizationOffer, withdrawOffer } from '../../services/resources/offers';
import { getOffer, listIncidentOffers, publicOfferView, viewOffer } from '../../services/resources/read-offers';
import { donationPath, incidentTransparency } from '../../services/resources/transparency';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { idempotencyOf } from '../idempotency-header';
import { OfferFormat, offerAsEdxl } from './edxl';
import {
  DonationParams,
  DonationPathSchema,
  ItemCatalogue,
  NeededNowSchema,
  NotNeededBody,
  NotNeededParams,
  OfferList,
  OfferQuery,
  OfferSchema,
  OrganizationOfferBody,
  PublicOfferAnswer,
  PublicOfferBody,
  TransparencySchema,
  WithdrawBody,
} from './schemas';

const tags = ['resources'];
const CATALOGUE = {
  items: [...ITEMS],
  classes: ITEM_CLASSES.map((code) => ({ code, nameZh: ITEM_CLASS_NAMES[code].zh, nameEn: ITEM_CLASS_NAMES[code].en })),
};

export async function offerRoutes(app: App, deps: Deps, config: Pick<Config, 'publicRateLimit'>): Promise<void> {
  const rateLimit = { max: config.publicRateLimit, timeWindow: '1 minute' };

  app.get(
    '/api/v1/items',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'The item catalogue (GB/T 38565-2020 top classes; local codes labelled local)',
        response: { 200: ItemCatalogue },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return CATALOGUE;
    },
  );

  app.get(
    '/api/v1/public/incidents/:id/needed',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary: 'What the incident needs now (open quantities per item) and what it does not, for donors',
        params: IdParams,
        response: { 200: NeededNowSchema },
      },
    },
    async (request) => neededNow(deps, request.params.id),
  );

  app.post(
    '/api/v1/public/incidents/:id/offers',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary:
          'Offer goods, money, services, equipment or vehicles without an account; 422 not_needed lists what is needed now',
        params: IdParams,
        body: PublicOfferBody,
        response: { 201: PublicOfferAnswer },
      },
    },
    async (request, reply) => {
      const offer = await offerPublicly(deps, request.params.id, request.body, idempotencyOf(request, 'public'));
      return reply.status(201).send({
        referenceCode: offer.referenceCode,
        offer: publicOfferView(offer),
        needed: await neededNow(deps, offer.incidentId),
      });
    },
  );

  app.get(
    '/api/v1/public/incidents/:id/transparency',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary: 'Money and goods pledged, received, allocated and delivered, by item, organization and area (no personal data)',
        params: IdParams,
        response: { 200: TransparencySchema },
      },
    },
    async (request) => incidentTransparency(deps, request.params.id),
  );

  app.get(
    '/api/v1/public/donations/:referenceCode',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary: 'The path of a donation from pledge to delivery, for whoever holds its reference code',
        params: DonationParams,
        response: { 200: DonationPathSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return donationPath(deps, request.params.referenceCode);
    },
  );

  app.post(
    '/api/v1/incidents/:id/offers',
    {
      schema: {
        tags,
        summary:
          "Record an organization's offer (its people, or a coordinator of the incident); goods not needed now need a reason",
        params: IdParams,
        body: OrganizationOfferBody,
        response: { 201: OfferSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const offer = await recordOrganizationOffer(
        deps,
        actor,
        request.params.id,
        request.body,
        idempotencyOf(request, actorId(actor)),
      );
      return reply.status(201).send(await viewOffer(deps, actor, offer));
    },
  );

  app.get(
    '/api/v1/incidents/:id/offers',
    {
      schema: {
        tags,
        summary: "An incident's offers; donors' names and phones only for its coordinators and the offering organization",
        params: IdParams,
        querystring: OfferQuery,
        response: { 200: OfferList },
      },
    },
    async (request) =>
      listIncidentOffers(deps, actorOf(request), request.params.id, { ...request.query, limit: request.query.limit ?? 50 }),
  );

  app.get(
    '/api/v1/offers/:id',
    {
      schema: {
        tags,
        summary:
          "One offer, as its incident's offers list shows it to the reader; format=edxl-rm: as an EDXL-RM OfferUnsolicitedResource",
        params: IdParams,
        querystring: OfferFormat,
        response: { 200: OfferSchema },
      },
    },
    async (request, reply) => {
      const offer = await getOffer(deps, actorOf(request), request.params.id);
      if (request.query.format !== 'edxl-rm') return offer;
      // A string is sent as it is: the JSON schema of the 200 answer does not apply to the XML.
      return reply.type(`${EDXL_RM_MEDIA_TYPE}; charset=utf-8`).send(offerAsEdxl(offer, nowIso(deps)) as never);
    },
  );

  app.post(
    '/api/v1/offers/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw an offer nothing of which was received (the offering organization, coordinators of the incident)',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: OfferSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return viewOffer(deps, actor, await withdrawOffer(deps, actor, request.params.id, request.body.reason));
    },
  );

  app.put(
    '/api/v1/incidents/:id/not-needed/:item',
    {
      schema: {
        tags,
        summary: 'Mark an item not needed for the incident, with the reason donors will read (coordinators)',
        params: NotNeededParams,
        body: NotNeededBody,
        response: { 200: NeededNowSchema },
      },
    },
    async (request) => markNotNeeded(deps, actorOf(request), request.params.id, request.params.item, request.body.reason),
  );

  app.delete(
    '/api/v1/incidents/:id/not-needed/:item',
    {
      schema: {
        tags,
        summary: 'Take an item off the not-needed list (coordinators)',
        params: NotNeededParams,
        response: { 200: NeededNowSchema },
      },
    },
    async (request) => unmarkNotNeeded(deps, actorOf(request), request.params.id, request.params.item),
  );
}
