/** Offers and pledges, the items an incident does not want, and what its needs still ask for. */
import { sql } from 'kysely';
import type { NeededItem, Offer, OfferKind, OfferSource, OfferStatus, UnwantedItem } from '../../model/offer';
import type { Executor, OffersTable } from '../schema';

const toOffer = (r: OffersTable): Offer => ({
  id: r.id,
  incidentId: r.incident_id,
  referenceCode: r.reference_code,
  kind: r.kind as OfferKind,
  item: r.item,
  quantity: r.quantity === null ? null : Number(r.quantity),
  amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
  jurisdiction: r.jurisdiction,
  lat: r.lat === null ? null : Number(r.lat),
  lon: r.lon === null ? null : Number(r.lon),
  availableFrom: r.available_from,
  availableUntil: r.available_until,
  conditions: r.conditions,
  note: r.note,
  donorName: r.donor_name,
  donorPhone: r.donor_phone,
  organizationId: r.organization_id,
  source: r.source as OfferSource,
  unwantedReason: r.unwanted_reason,
  raisedPublicly: Number(r.raised_publicly) === 1,
  status: r.status as OfferStatus,
  receivedQuantity: Number(r.received_quantity),
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (o: Offer): OffersTable => ({
  id: o.id,
  incident_id: o.incidentId,
  reference_code: o.referenceCode,
  kind: o.kind,
  item: o.item,
  quantity: o.quantity,
  amount_fen: o.amountFen,
  jurisdiction: o.jurisdiction,
  lat: o.lat,
  lon: o.lon,
  available_from: o.availableFrom,
  available_until: o.availableUntil,
  conditions: o.conditions,
  note: o.note,
  donor_name: o.donorName,
  donor_phone: o.donorPhone,
  organization_id: o.organizationId,
  source: o.source,
  unwanted_reason: o.unwantedReason,
  raised_publicly: o.raisedPublicly ? 1 : 0,
  status: o.status,
  received_quantity: o.receivedQuantity,
  created_by: o.createdBy,
  created_at: o.createdAt,
  updated_at: o.updatedAt,
});

export async function insertOffer(db: Executor, offer: Offer): Promise<void> {
  await db.insertInto('offers').values(toRow(offer)).execute();
}

export async function saveOffer(db: Executor, offer: Offer): Promise<void> {
  const { id, ...rest } = toRow(offer);
  await db.updateTable('offers').set(rest).where('id', '=', id).execute();
}

export async function findOffer(db: Executor, id: string): Promise<Offer | undefined> {
  const row = await db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOffer(row) : undefined;
}

export async function findOfferByReference(db: Executor, code: string): Promise<Offer | undefined> {
  const row = await db.selectFrom('offers').selectAll().where('reference_code', '=', code).executeTakeFirst();
  return row ? toOffer(row) : undefined;
}

/** An incident's offers, newest first, optionally of one organization or one kind. */
export async function listOffers(
  db: Executor,
  incidentId: string,
  filter: { organizationId?: string; kind?: OfferKind; status?: OfferStatus; limit: number; before?: { at: string; id: string } },
): Promise<Offer[]> {
  let query = db.selectFrom('offers').selectAll().where('incident_id', '=', incidentId);
  if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toOffer);
}

/** The open quantity per item that an incident's needs for goods still ask for (not yet held or fulfilled). */
export async function neededItems(db: Executor, incidentId: string): Promise<NeededItem[]> {
  const rows = await db
    .selectFrom('needs')
    .select(['item', sql<number>`sum(quantity - claimed_quantity - fulfilled_quantity)`.as('open')])
    .where('incident_id', '=', incidentId)
    .where('item', 'is not', null)
    .where('close_reason', 'is', null)
    .where('status', 'not in', ['fulfilled', 'closed'])
    .groupBy('item')
    .orderBy('item')
    .execute();
  return rows.flatMap((r) => (r.item !== null && Number(r.open) > 0 ? [{ item: r.item, quantity: Number(r.open) }] : []));
}

/** What is pledged but not yet received, per item: what donors already promised of the needed-now list. */
export async function outstandingPledges(db: Executor, incidentId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('offers')
    .select(['item', sql<number>`sum(quantity - received_quantity)`.as('outstanding')])
    .where('incident_id', '=', incidentId)
    .where('item', 'is not', null)
    .where('status', 'in', ['pledged', 'partly_received'])
    .groupBy('item')
    .execute();
  return new Map(rows.flatMap((r) => (r.item === null ? [] : [[r.item, Number(r.outstanding)]])));
}

export async function unwantedItems(db: Executor, incidentId: string): Promise<(UnwantedItem & { markedAt: string })[]> {
  const rows = await db
    .selectFrom('unwanted_items')
    .select(['item', 'reason', 'marked_at'])
    .where('incident_id', '=', incidentId)
    .orderBy('item')
    .execute();
  return rows.map((r) => ({ item: r.item, reason: r.reason, markedAt: r.marked_at }));
}

/** Marks an item not needed (or changes the reason); true when it was not marked before. */
export async function markUnwanted(
  db: Executor,
  row: { incidentId: string; item: string; reason: string; markedBy: string; at: string },
): Promise<boolean> {
  const deleted = await db
    .deleteFrom('unwanted_items')
    .where('incident_id', '=', row.incidentId)
    .where('item', '=', row.item)
    .executeTakeFirst();
  await db
    .insertInto('unwanted_items')
    .values({ incident_id: row.incidentId, item: row.item, reason: row.reason, marked_by: row.markedBy, marked_at: row.at })
    .execute();
  return Number(deleted.numDeletedRows) === 0;
}

export async function unmarkUnwanted(db: Executor, incidentId: string, item: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('unwanted_items')
    .where('incident_id', '=', incidentId)
    .where('item', '=', item)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
