/**
 * Reading needs. Personal data — contact name and phone, exact address, vulnerable groups —
 * is shown only to coordinators of the incident and to organizations holding the need; the
 * public sees locations snapped to a ~1 km grid and nothing personal.
 */

import { type Claim, holdingClaimsOf } from '../../db/repositories/claims';
import { findIncident } from '../../db/repositories/incidents';
import {
  duplicateFlags,
  findNeed,
  findNeedByReceipt,
  listNeedRows,
  type NeedFilter,
  needHistory,
} from '../../db/repositories/needs';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import type { Incident } from '../../model/incident';
import { type HolderView, type Need, type NeedView, snapToGrid } from '../../model/need';

export type { HolderView, NeedView };

import { selectInChunks } from '../../db/bulk';
import type { Actor, Deps } from '../context';
import { decodeCursor, encodeCursor } from '../pagination';
import { actsFor, assertCanReadDirectory, canCoordinateIncident } from '../policy';

/** The claims holding each of the needs and their holders' names, in two queries. */
async function holdersOf(db: Executor, needIds: string[]): Promise<Map<string, { claims: Claim[]; holders: HolderView[] }>> {
  const claims = await holdingClaimsOf(db, needIds);
  const orgIds = [...new Set(claims.map((c) => c.organizationId))];
  const rows = await selectInChunks(orgIds, (chunk) =>
    db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', chunk).execute(),
  );
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const byNeed = new Map<string, { claims: Claim[]; holders: HolderView[] }>(
    needIds.map((id) => [id, { claims: [], holders: [] }]),
  );
  for (const c of claims) {
    const entry = byNeed.get(c.needId);
    entry?.claims.push(c);
    entry?.holders.push({
      claimId: c.id,
      organizationId: c.organizationId,
      organizationName: names.get(c.organizationId) ?? '',
      quantity: c.quantity,
      status: c.status,
      expiresAt: c.expiresAt,
    });
  }
  return byNeed;
}

/** Whether the viewer may see a need's personal data. */
function seesPersonal(actor: Actor, incident: Incident, claims: Claim[]): boolean {
  return canCoordinateIncident(actor, incident.jurisdictions) || claims.some((c) => actsFor(actor, c.organizationId));
}

async function viewsOf(db: Executor, actor: Actor, incident: Incident, needs: Need[]): Promise<NeedView[]> {
  const held = await holdersOf(
    db,
    needs.map((n) => n.id),
  );
  return needs.map((need) => viewOf(actor, incident, need, held.get(need.id) ?? { claims: [], holders: [] }));
}

function viewOf(
  actor: Actor,
  incident: Incident,
  need: Need,
  { claims, holders }: { claims: Claim[]; holders: HolderView[] },
): NeedView {
  const personal = seesPersonal(actor, incident, claims);
  const { receiptCode: _r, ...rest } = need;
  return {
    ...rest,
    contactName: personal ? need.contactName : null,
    contactPhone: personal ? need.contactPhone : null,
    address: personal ? need.address : null,
    vulnerableGroups: personal ? need.vulnerableGroups : null,
    personalDataVisible: personal,
    holders,
  };
}

/** How a need just reported looks to its reporter: nobody holds it yet. */
export function newNeedView(actor: Actor, incident: Incident, need: Need): NeedView {
  return viewOf(actor, incident, need, { claims: [], holders: [] });
}

async function incidentFor(deps: Deps, id: string): Promise<Incident> {
  const incident = await findIncident(deps.db, id);
  if (!incident) throw new AppError('not_found');
  return incident;
}

export async function getNeed(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<
  NeedView & { history: Awaited<ReturnType<typeof needHistory>>; duplicates: Awaited<ReturnType<typeof duplicateFlags>> }
> {
  assertCanReadDirectory(actor);
  const need = await findNeed(deps.db, id);
  if (!need) throw new AppError('not_found');
  const incident = await incidentFor(deps, need.incidentId);
  const [view] = await viewsOf(deps.db, actor, incident, [need]);
  return { ...view, history: await needHistory(deps.db, id), duplicates: await duplicateFlags(deps.db, id) };
}

export async function listNeeds(
  deps: Deps,
  actor: Actor,
  filter: NeedFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: NeedView[]; total: number; nextCursor: string | null }> {
  assertCanReadDirectory(actor);
  const incident = await incidentFor(deps, filter.incidentId);
  let before: { createdAt: string; id: string } | undefined;
  if (page.cursor) {
    const [createdAt, id] = decodeCursor(page.cursor, 2);
    before = { createdAt: String(createdAt), id: String(id) };
  }
  const found = await listNeedRows(deps.db, filter, { limit: page.limit, before });
  const items = await viewsOf(deps.db, actor, incident, found.items);
  return { items, total: found.total, nextCursor: found.next ? encodeCursor([found.next.createdAt, found.next.id]) : null };
}

/** What anyone may see of a need: no personal data, the place snapped to the public grid. */
export interface PublicNeed {
  id: string;
  incidentId: string;
  title: string;
  category: Need['category'];
  urgency: Need['urgency'];
  quantity: number;
  unit: string;
  jurisdiction: string;
  lat: number;
  lon: number;
  status: Need['status'];
  verification: Need['verification']['level'];
  createdAt: string;
  updatedAt: string;
}

export function publicView(need: Need): PublicNeed {
  const place = snapToGrid(need.lat, need.lon);
  return {
    id: need.id,
    incidentId: need.incidentId,
    title: need.title,
    category: need.category,
    urgency: need.urgency,
    quantity: need.quantity,
    unit: need.unit,
    jurisdiction: need.jurisdiction,
    ...place,
    status: need.status,
    verification: need.verification.level,
    createdAt: need.createdAt,
    updatedAt: need.updatedAt,
  };
}

/** The public map of an incident's needs. */
export async function listPublicNeeds(deps: Deps, incidentId: string, limit: number): Promise<PublicNeed[]> {
  await incidentFor(deps, incidentId);
  const found = await listNeedRows(deps.db, { incidentId, statuses: ['open', 'claimed', 'in_progress'] }, { limit });
  return found.items.map(publicView);
}

/** A reporter looks up their need by its receipt code. */
export async function needByReceipt(deps: Deps, code: string): Promise<PublicNeed & { history: { kind: string; at: string }[] }> {
  const need = await findNeedByReceipt(deps.db, code.trim().toUpperCase());
  if (!need) throw new AppError('not_found', { field: 'code', detail: 'no need has this receipt code' });
  const history = (await needHistory(deps.db, need.id)).map((h) => ({ kind: h.kind, at: h.at }));
  return { ...publicView(need), history };
}
