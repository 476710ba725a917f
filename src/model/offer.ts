/**
 * Offers and pledges (资源介入): goods, money, services, equipment and vehicles offered to an
 * incident by organizations, companies and members of the public — and the rule that keeps
 * unwanted goods from becoming a "second disaster": the public may offer goods only where an
 * open need asks for them and the coordinators have not marked them not needed. Pure rules.
 */

export const OFFER_KINDS = ['goods', 'money', 'service', 'equipment', 'vehicle'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** Who offers: a member of the public without an account, or an organization. */
export const OFFER_SOURCES = ['public', 'organization'] as const;
export type OfferSource = (typeof OFFER_SOURCES)[number];

export const OFFER_STATUSES = ['pledged', 'partly_received', 'received', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export interface Offer {
  id: string;
  incidentId: string;
  referenceCode: string;
  kind: OfferKind;
  item: string | null;
  quantity: number | null;
  /** Money in fen (分), an integer. */
  amountFen: number | null;
  jurisdiction: string;
  lat: number | null;
  lon: number | null;
  availableFrom: string | null;
  availableUntil: string | null;
  conditions: string | null;
  note: string | null;
  donorName: string | null;
  donorPhone: string | null;
  organizationId: string | null;
  source: OfferSource;
  /** Why an organization recorded goods that no open need asks for or that are marked not needed. */
  unwantedReason: string | null;
  /** Money an organization raised from the public (公开募捐) for this offer. */
  raisedPublicly: boolean;
  status: OfferStatus;
  receivedQuantity: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** An offer as a donor or an organization sends it. */
export interface OfferInput {
  kind: OfferKind;
  item?: string | null;
  quantity?: number | null;
  amountFen?: number | null;
  jurisdiction: string;
  lat?: number | null;
  lon?: number | null;
  availableFrom?: string | null;
  availableUntil?: string | null;
  conditions?: string | null;
  donorName?: string | null;
  donorPhone?: string | null;
  note?: string | null;
}

/** An open quantity of an item that an incident's needs still ask for. */
export interface NeededItem {
  item: string;
  quantity: number;
}

/** An item the coordinators marked as not wanted, with their reason. */
export interface UnwantedItem {
  item: string;
  reason: string;
}

/** Why goods of an item are not wanted now, or null when an open need asks for them. */
export function whyNotNeeded(
  item: string,
  needed: readonly NeededItem[],
  unwanted: readonly UnwantedItem[],
): { reason: 'marked_not_needed'; detail: string } | { reason: 'no_open_need' } | null {
  const marked = unwanted.find((u) => u.item === item);
  if (marked) return { reason: 'marked_not_needed', detail: marked.reason };
  return needed.some((n) => n.item === item && n.quantity > 0) ? null : { reason: 'no_open_need' };
}

/** An offer's status from what has been received of it so far. */
export function offerStatus(offer: Pick<Offer, 'kind' | 'quantity' | 'amountFen' | 'receivedQuantity' | 'status'>): OfferStatus {
  if (offer.status === 'withdrawn') return 'withdrawn';
  const promised = offer.kind === 'money' ? (offer.amountFen ?? 0) : (offer.quantity ?? 0);
  if (offer.receivedQuantity <= 0) return 'pledged';
  return offer.receivedQuantity >= promised ? 'received' : 'partly_received';
}
