/**
 * Reading offers. Signed-in readers see an incident's offers; a donor's name, phone and note
 * are shown only to the coordinators of the incident and to the offering organization, and a
 * public donor's place only on the public grid to others — decided by the one policy.
 */
import { findIncident } from '../../db/repositories/incidents';
import { findOffer, findOfferByReference, listOffers } from '../../db/repositories/offers';
import { findOrganization, findOrganizations } from '../../db/repositories/organizations';
import { AppError } from '../../model/errors';
import type { Offer, OfferKind, OfferStatus } from '../../model/offer';
import type { Actor, Deps } from '../context';
import { audienceOf, type DisclosureMarks, disclose, PUBLIC_AUDIENCE } from '../disclosure';
import { pageOf, positionOf } from '../pagination';

/** Fields that some readers see as null (the reference code never leaves the server but to the donor). */
type Hideable =
  | 'donorName'
  | 'donorPhone'
  | 'note'
  | 'jurisdiction'
  | 'lat'
  | 'lon'
  | 'availableFrom'
  | 'availableUntil'
  | 'conditions'
  | 'source'
  | 'unwantedReason'
  | 'raisedPublicly'
  | 'createdBy';

/** An offer as a reader sees it, with the offering organization's name. */
export type OfferView = Omit<Offer, Hideable | 'referenceCode'> & { [K in Hideable]: Offer[K] | null } & {
  organizationName: string | null;
} & DisclosureMarks;

/** An offer as the public sees it: what was given and how far it got, never who gave it. */
export type PublicOffer = Pick<
  Offer,
  'id' | 'incidentId' | 'kind' | 'item' | 'quantity' | 'amountFen' | 'status' | 'receivedQuantity' | 'createdAt'
>;

/** An incident's offers for a signed-in reader, newest first. */
export async function listIncidentOffers(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  query: { organizationId?: string; kind?: OfferKind; status?: OfferStatus; limit: number; cursor?: string },
): Promise<{ items: OfferView[]; nextCursor: string | null }> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found');
  const rows = await listOffers(deps.db, incidentId, {
    organizationId: query.organizationId,
    kind: query.kind,
    status: query.status,
    limit: query.limit + 1,
    before: positionOf(query.cursor),
  });
  const page = pageOf(rows, query.limit, (o) => [o.createdAt, o.id]);
  const orgs = await findOrganizations(deps.db, [
    ...new Set(page.items.flatMap((o) => (o.organizationId ? [o.organizationId] : []))),
  ]);
  const items = page.items.map((offer) =>
    shownTo(actor, offer, incident.jurisdictions, offer.organizationId ? (orgs.get(offer.organizationId)?.name ?? null) : null),
  );
  return { items, nextCursor: page.nextCursor };
}

function shownTo(actor: Actor, offer: Offer, incidentAreas: readonly string[], organizationName: string | null): OfferView {
  const audience = audienceOf(actor, { kind: 'offer', organizationId: offer.organizationId, incidentAreas });
  return disclose('offer', { ...offer, organizationName }, audience) as unknown as OfferView;
}

/** One offer as a reader sees it (after recording or withdrawing it). */
export async function viewOffer(deps: Deps, actor: Actor, offer: Offer): Promise<OfferView> {
  const incident = await findIncident(deps.db, offer.incidentId);
  if (!incident) throw new AppError('not_found');
  const org = offer.organizationId ? await findOrganization(deps.db, offer.organizationId) : undefined;
  return shownTo(actor, offer, incident.jurisdictions, org?.name ?? null);
}

/**
 * One offer by its id, as the incident's offers list shows it to the same reader (every
 * signed-in account reads an incident's offers); an unknown id is not found.
 */
export async function getOffer(deps: Deps, actor: Actor, id: string): Promise<OfferView> {
  const offer = await findOffer(deps.db, id);
  if (!offer) throw new AppError('not_found');
  return viewOffer(deps, actor, offer);
}

/** The public's view of an offer. */
export function publicOfferView(offer: Offer): PublicOffer {
  const shown = disclose('offer', offer, PUBLIC_AUDIENCE) as Offer;
  return {
    id: shown.id,
    incidentId: shown.incidentId,
    kind: shown.kind,
    item: shown.item,
    quantity: shown.quantity,
    amountFen: shown.amountFen,
    status: shown.status,
    receivedQuantity: shown.receivedQuantity,
    createdAt: shown.createdAt,
  };
}

/** The offer a reference code stands for; an unknown code is simply not found. */
export async function offerByReference(deps: Deps, code: string): Promise<Offer> {
  const offer = await findOfferByReference(deps.db, code.trim().toUpperCase());
  if (!offer) throw new AppError('not_found', { field: 'referenceCode' });
  return offer;
}
