/** Needs, their claims, history and duplicate flags. Quantities change only by guarded UPDATEs. */
import { sql } from 'kysely';
import { areaPrefix } from '../../model/jurisdictions';
import {
  type CloseReason,
  cellsCovering,
  type DuplicateCandidate,
  type Need,
  type NeedKind,
  type NeedSource,
  type NeedStatus,
  placeCell,
  type Urgency,
  type VerificationLevel,
  type VulnerableGroup,
} from '../../model/need';
import type { ServiceCategory } from '../../model/taxonomy';
import { insertInChunks, selectInChunks } from '../bulk';
import type { Executor, NeedsTable } from '../schema';

export const toNeed = (r: NeedsTable): Need => ({
  id: r.id,
  incidentId: r.incident_id,
  title: r.title,
  description: r.description,
  kind: r.kind as NeedKind,
  category: r.category as ServiceCategory,
  quantity: Number(r.quantity),
  unit: r.unit,
  jurisdiction: r.jurisdiction,
  lat: r.lat === null ? null : Number(r.lat),
  lon: r.lon === null ? null : Number(r.lon),
  locationNeeded: Number(r.location_needed) === 1,
  urgency: r.urgency as Urgency,
  vulnerableGroups: JSON.parse(r.vulnerable_groups) as VulnerableGroup[],
  peopleAffected: r.people_affected === null ? null : Number(r.people_affected),
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  address: r.address,
  source: r.source as NeedSource,
  verification: { level: r.verification_level as VerificationLevel, by: r.verified_by, at: r.verified_at },
  status: r.status as NeedStatus,
  claimedQuantity: Number(r.claimed_quantity),
  fulfilledQuantity: Number(r.fulfilled_quantity),
  item: r.item ?? null,
  closeReason: r.close_reason as CloseReason | null,
  closeNote: r.close_note,
  duplicateOf: r.duplicate_of,
  receiptCode: r.receipt_code,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (n: Need): NeedsTable => ({
  id: n.id,
  incident_id: n.incidentId,
  title: n.title,
  description: n.description,
  kind: n.kind,
  category: n.category,
  quantity: n.quantity,
  unit: n.unit,
  jurisdiction: n.jurisdiction,
  lat: n.lat,
  lon: n.lon,
  location_needed: n.locationNeeded ? 1 : 0,
  cell: n.lat === null || n.lon === null ? null : placeCell(n.lat, n.lon),
  urgency: n.urgency,
  vulnerable_groups: JSON.stringify(n.vulnerableGroups),
  people_affected: n.peopleAffected,
  contact_name: n.contactName,
  contact_phone: n.contactPhone,
  address: n.address,
  source: n.source,
  verification_level: n.verification.level,
  verified_by: n.verification.by,
  verified_at: n.verification.at,
  status: n.status,
  claimed_quantity: n.claimedQuantity,
  fulfilled_quantity: n.fulfilledQuantity,
  item: n.item,
  close_reason: n.closeReason,
  close_note: n.closeNote,
  duplicate_of: n.duplicateOf,
  receipt_code: n.receiptCode,
  created_by: n.createdBy,
  created_at: n.createdAt,
  updated_at: n.updatedAt,
});

export async function insertNeeds(db: Executor, needs: Need[]): Promise<void> {
  await insertInChunks(db, 'needs', needs.map(toRow));
}

/** Saves everything but the quantities, which only the guarded updates below change. */
export async function saveNeed(db: Executor, need: Need): Promise<void> {
  const { id, claimed_quantity: _c, fulfilled_quantity: _f, ...rest } = toRow(need);
  await db.updateTable('needs').set(rest).where('id', '=', id).execute();
}

export async function findNeed(db: Executor, id: string): Promise<Need | undefined> {
  const row = await db.selectFrom('needs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toNeed(row) : undefined;
}

export async function findNeedByReceipt(db: Executor, code: string): Promise<Need | undefined> {
  const row = await db.selectFrom('needs').selectAll().where('receipt_code', '=', code).executeTakeFirst();
  return row ? toNeed(row) : undefined;
}

/**
 * Reserves quantity on a need if that much is still unclaimed; false when not. One guarded
 * UPDATE, so concurrent claims succeed in commit order and never over-claim.
 */
export async function reserveQuantity(db: Executor, needId: string, quantity: number): Promise<boolean> {
  const result = await db
    .updateTable('needs')
    .set((eb) => ({ claimed_quantity: eb('claimed_quantity', '+', quantity) }))
    .where('id', '=', needId)
    .where('close_reason', 'is', null)
    .where(sql<boolean>`quantity - claimed_quantity - fulfilled_quantity >= ${quantity}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives claimed quantity back (release, expiry, declined dispatch). */
export async function returnQuantity(db: Executor, needId: string, quantity: number): Promise<void> {
  await db
    .updateTable('needs')
    .set((eb) => ({ claimed_quantity: eb('claimed_quantity', '-', quantity) }))
    .where('id', '=', needId)
    .execute();
}

/** Moves claimed quantity to fulfilled. */
export async function fulfilQuantity(db: Executor, needId: string, quantity: number): Promise<void> {
  await db
    .updateTable('needs')
    .set((eb) => ({
      claimed_quantity: eb('claimed_quantity', '-', quantity),
      fulfilled_quantity: eb('fulfilled_quantity', '+', quantity),
    }))
    .where('id', '=', needId)
    .execute();
}

export interface NeedFilter {
  incidentId: string;
  statuses?: NeedStatus[];
  category?: ServiceCategory;
  urgency?: Urgency;
  vulnerableOnly?: boolean;
  unclaimedOnly?: boolean;
  /** Only needs waiting to be placed on the map (the board's list to locate). */
  locationNeeded?: boolean;
  box?: { south: number; west: number; north: number; east: number };
  /** Only needs whose area lies inside this one (GB/T 2260). */
  within?: string;
}

/** Needs of an incident, newest first, one page before a (createdAt, id) position. */
export async function listNeedRows(
  db: Executor,
  filter: NeedFilter,
  page: { limit: number; before?: { createdAt: string; id: string } },
): Promise<{ items: Need[]; total: number; next: { createdAt: string; id: string } | null }> {
  let q = db.selectFrom('needs').where('incident_id', '=', filter.incidentId);
  if (filter.statuses?.length) q = q.where('status', 'in', filter.statuses);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.urgency) q = q.where('urgency', '=', filter.urgency);
  if (filter.vulnerableOnly) q = q.where('vulnerable_groups', '<>', '[]');
  if (filter.within) q = q.where('jurisdiction', 'like', `${areaPrefix(filter.within)}%`);
  if (filter.locationNeeded !== undefined) q = q.where('location_needed', '=', filter.locationNeeded ? 1 : 0);
  if (filter.unclaimedOnly)
    q = q.where(sql<boolean>`quantity - claimed_quantity - fulfilled_quantity > 0`).where('close_reason', 'is', null);
  if (filter.box) {
    const { south, west, north, east } = filter.box;
    const cells = cellsCovering(filter.box);
    if (cells) q = q.where('cell', 'in', cells);
    q = q.where('lat', '>=', south).where('lat', '<=', north).where('lon', '>=', west).where('lon', '<=', east);
  }
  const counted = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  let rows = q.selectAll();
  if (page.before) {
    const { createdAt, id } = page.before;
    rows = rows.where((w) => w.or([w('created_at', '<', createdAt), w.and([w('created_at', '=', createdAt), w('id', '<', id)])]));
  }
  const found = await rows
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const last = found[page.limit - 1];
  return {
    items: found.slice(0, page.limit).map(toNeed),
    total: Number(counted.n),
    next: found.length > page.limit && last ? { createdAt: last.created_at, id: last.id } : null,
  };
}

const CANDIDATE_COLUMNS = [
  'id',
  'title',
  'description',
  'category',
  'jurisdiction',
  'lat',
  'lon',
  'contact_phone',
  'address',
  'created_at',
] as const satisfies readonly (keyof NeedsTable)[];

const toCandidate = (r: Pick<NeedsTable, (typeof CANDIDATE_COLUMNS)[number]>): DuplicateCandidate => ({
  id: r.id,
  title: r.title,
  description: r.description,
  category: r.category as ServiceCategory,
  jurisdiction: r.jurisdiction,
  lat: r.lat === null ? null : Number(r.lat),
  lon: r.lon === null ? null : Number(r.lon),
  contactPhone: r.contact_phone,
  address: r.address,
  createdAt: r.created_at,
});

/**
 * A page (by id) of the open needs of an incident that a new report may repeat: those
 * reported since a time, and those with a contact phone whatever their age.
 */
export async function duplicateCandidatePage(
  db: Executor,
  incidentId: string,
  since: string,
  after: string,
  limit: number,
): Promise<DuplicateCandidate[]> {
  const rows = await db
    .selectFrom('needs')
    .select(CANDIDATE_COLUMNS)
    .where('incident_id', '=', incidentId)
    .where('id', '>', after)
    .where('close_reason', 'is', null)
    .where((w) => w.or([w('created_at', '>=', since), w('contact_phone', 'is not', null)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toCandidate);
}

/** Needs by id as duplicate candidates, with whether each is closed. */
export async function duplicateCandidatesByIds(
  db: Executor,
  ids: readonly string[],
): Promise<{ need: DuplicateCandidate; closed: boolean }[]> {
  return selectInChunks(ids, async (chunk) => {
    const rows = await db
      .selectFrom('needs')
      .select([...CANDIDATE_COLUMNS, 'close_reason'])
      .where('id', 'in', chunk)
      .execute();
    return rows.map((r) => ({ need: toCandidate(r), closed: r.close_reason !== null }));
  });
}

export async function appendNeedEvent(
  db: Executor,
  needId: string,
  kind: string,
  detail: unknown,
  actor: string,
  at: string,
): Promise<void> {
  const last = await db
    .selectFrom('need_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('need_id', '=', needId)
    .executeTakeFirst();
  await db
    .insertInto('need_events')
    .values({ need_id: needId, seq: Number(last?.seq ?? 0) + 1, kind, detail: JSON.stringify(detail), actor_id: actor, at })
    .execute();
  // Anything that happens to a need is an update: a need nobody touches for long goes stale.
  await db.updateTable('needs').set({ updated_at: at }).where('id', '=', needId).where('updated_at', '<', at).execute();
}

/** The first history entries of needs just reported. */
export async function insertFirstNeedEvents(
  db: Executor,
  events: { needId: string; kind: string; detail: unknown; actor: string; at: string }[],
): Promise<void> {
  await insertInChunks(
    db,
    'need_events',
    events.map((e) => ({
      need_id: e.needId,
      seq: 1,
      kind: e.kind,
      detail: JSON.stringify(e.detail),
      actor_id: e.actor,
      at: e.at,
    })),
  );
}

export async function needHistory(
  db: Executor,
  needId: string,
): Promise<{ kind: string; detail: unknown; actor: string; at: string }[]> {
  const rows = await db.selectFrom('need_events').selectAll().where('need_id', '=', needId).orderBy('seq').execute();
  return rows.map((r) => ({ kind: r.kind, detail: JSON.parse(r.detail) as unknown, actor: r.actor_id, at: r.at }));
}

export interface DuplicateFlag {
  needId: string;
  candidateId: string;
  score: number;
  reasons: string[];
}

export async function flagDuplicates(db: Executor, flags: DuplicateFlag[], at: string): Promise<void> {
  await insertInChunks(
    db,
    'need_duplicates',
    flags.map((f) => ({
      need_id: f.needId,
      candidate_id: f.candidateId,
      score: f.score,
      reasons: JSON.stringify(f.reasons),
      status: 'open',
      created_at: at,
    })),
  );
}

export async function duplicateFlags(db: Executor, needId: string) {
  const rows = await db
    .selectFrom('need_duplicates')
    .selectAll()
    .where((w) => w.or([w('need_id', '=', needId), w('candidate_id', '=', needId)]))
    .where('status', '=', 'open')
    .execute();
  return rows.map((r) => ({
    needId: r.need_id,
    candidateId: r.candidate_id,
    score: Number(r.score),
    reasons: JSON.parse(r.reasons) as string[],
  }));
}

/** Settles the open duplicate flag between two needs; false when there was none. */
export async function settleDuplicate(db: Executor, a: string, b: string, status: 'merged' | 'dismissed'): Promise<boolean> {
  const result = await db
    .updateTable('need_duplicates')
    .set({ status })
    .where('status', '=', 'open')
    .where((w) =>
      w.or([w.and([w('need_id', '=', a), w('candidate_id', '=', b)]), w.and([w('need_id', '=', b), w('candidate_id', '=', a)])]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setNeedStatus(db: Executor, id: string, status: NeedStatus, at: string): Promise<void> {
  await db.updateTable('needs').set({ status, updated_at: at }).where('id', '=', id).execute();
}

/** What the board's map keeps of a need. */
export interface NeedPointRow {
  id: string;
  jurisdiction: string;
  lat: number;
  lon: number;
  createdAt: string;
  status: NeedStatus;
  urgency: Urgency;
  category: ServiceCategory;
  remaining: number;
  vulnerable: boolean;
  closed: boolean;
}

/** Needs without coordinates are not on the map until someone places them. */
function needPoints(db: Executor) {
  return db
    .selectFrom('needs')
    .where('lat', 'is not', null)
    .where('lon', 'is not', null)
    .select([
      'id',
      'jurisdiction',
      'lat',
      'lon',
      'created_at',
      'status',
      'urgency',
      'category',
      'quantity',
      'claimed_quantity',
      'fulfilled_quantity',
      'vulnerable_groups',
      'close_reason',
    ]);
}

const toPoint = (r: {
  id: string;
  jurisdiction: string;
  lat: number | null;
  lon: number | null;
  created_at: string;
  status: string;
  urgency: string;
  category: string;
  quantity: number;
  claimed_quantity: number;
  fulfilled_quantity: number;
  vulnerable_groups: string;
  close_reason: string | null;
}): NeedPointRow => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  lat: Number(r.lat),
  lon: Number(r.lon),
  createdAt: r.created_at,
  status: r.status as NeedStatus,
  urgency: r.urgency as Urgency,
  category: r.category as ServiceCategory,
  remaining: Number(r.quantity) - Number(r.claimed_quantity) - Number(r.fulfilled_quantity),
  vulnerable: r.vulnerable_groups !== '[]',
  closed: r.close_reason !== null,
});

/** One page of an incident's needs as map points, in id order after `afterId`. */
export async function needPointPage(db: Executor, incidentId: string, afterId: string, limit: number): Promise<NeedPointRow[]> {
  const rows = await needPoints(db)
    .where('incident_id', '=', incidentId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toPoint);
}

export async function needPointsByIds(db: Executor, ids: string[]): Promise<NeedPointRow[]> {
  const rows = await selectInChunks(ids, (chunk) => needPoints(db).where('id', 'in', chunk).execute());
  return rows.map(toPoint);
}

/** The mean position of an incident's located needs (where its work is), or null when none is located. */
export async function centreOfNeeds(db: Executor, incidentId: string): Promise<{ lat: number; lon: number } | null> {
  const row = await db
    .selectFrom('needs')
    .select([(eb) => eb.fn.avg<number>('lat').as('lat'), (eb) => eb.fn.avg<number>('lon').as('lon')])
    .where('incident_id', '=', incidentId)
    .where('lat', 'is not', null)
    .executeTakeFirst();
  return row && row.lat !== null && row.lon !== null ? { lat: Number(row.lat), lon: Number(row.lon) } : null;
}
