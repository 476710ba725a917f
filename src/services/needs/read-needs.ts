/**
 * Reading needs, each through the privacy policy (src/services/disclosure.ts): the coordinators
 * of a need's area and the organizations holding it see its personal and sensitive fields;
 * other readers see its public and internal fields with the location on the ~1 km grid; the
 * public, its public fields.
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
import type { HolderView, Need, NeedView } from '../../model/need';
import type { Audience } from '../../model/privacy';

export type { HolderView, NeedView };

import { selectInChunks } from '../../db/bulk';
import type { Actor, Deps } from '../context';
import { audienceOf, disclose, needSubject, PUBLIC_AUDIENCE } from '../disclosure';
import { decodeCursor, encodeCursor } from '../pagination';
import type { PossibleDuplicate } from './duplicate-check';
import { filterForReader } from './need-filters';

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

/** The reader's relation to a need: its area's coordinator and its holders are its stewards. */
function audienceFor(actor: Actor, need: Need, claims: readonly Claim[]): Audience {
  return audienceOf(actor, needSubject(need, claims));
}

/** Needs as the reader may see them, with their holders (through the privacy policy). */
export async function viewsOf(db: Executor, actor: Actor, needs: Need[]): Promise<NeedView[]> {
  const held = await holdersOf(
    db,
    needs.map((n) => n.id),
  );
  return needs.map((need) => viewOf(actor, need, held.get(need.id) ?? { claims: [], holders: [] }));
}

function viewOf(actor: Actor, need: Need, { claims, holders }: { claims: Claim[]; holders: HolderView[] }): NeedView {
  return disclose('need', { ...need, holders }, audienceFor(actor, need, claims)) as NeedView;
}

/**
 * The likely duplicates a reporter is told of: only needs whose personal data the reporter may
 * see, since a flag says that a phone or a place matched (otherwise reporting would be a way to ask).
 */
export function duplicatesShownTo(actor: Actor, found: readonly PossibleDuplicate[]): Omit<PossibleDuplicate, 'jurisdiction'>[] {
  return found
    .filter((d) => audienceOf(actor, { kind: 'need', jurisdiction: d.jurisdiction, holderIds: [] }) === 'steward')
    .map(({ jurisdiction: _place, ...shown }) => shown);
}

/** The answer to a claim or a dispatch: the claim and its need, each as the policy shows them to the actor. */
export async function claimAnswer(deps: Deps, actor: Actor, claim: Claim) {
  const need = await getNeed(deps, actor, claim.needId);
  const audience = need.personalDataVisible ? 'steward' : 'member';
  const { personalDataVisible: _p, ...shown } = disclose('claim', claim, audience);
  return { claim: shown as Claim, need };
}

/** How a need just reported looks to its reporter: nobody holds it yet. */
export function newNeedView(actor: Actor, need: Need): NeedView {
  return viewOf(actor, need, { claims: [], holders: [] });
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
  const need = await findNeed(deps.db, id);
  if (!need) throw new AppError('not_found');
  const held = (await holdersOf(deps.db, [id])).get(id) ?? { claims: [], holders: [] };
  const audience = audienceFor(actor, need, held.claims);
  const history = (await needHistory(deps.db, id)).map((h) => {
    const { personalDataVisible: _p, ...shown } = disclose('needEvent', h, audience);
    return shown as typeof h;
  });
  // A flag says that a phone or a place matched: for the need's stewards only.
  const duplicates = audience === 'steward' ? await duplicateFlags(deps.db, id) : [];
  return { ...viewOf(actor, need, held), history, duplicates };
}

export async function listNeeds(
  deps: Deps,
  actor: Actor,
  filter: NeedFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: NeedView[]; total: number; nextCursor: string | null }> {
  const incident = await incidentFor(deps, filter.incidentId);

  let before: { createdAt: string; id: string } | undefined;
  if (page.cursor) {
    const [createdAt, id] = decodeCursor(page.cursor, 2);
    before = { createdAt: String(createdAt), id: String(id) };
  }
  const found = await listNeedRows(deps.db, filterForReader(actor, incident, filter), { limit: page.limit, before });
  const items = await viewsOf(deps.db, actor, found.items);
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
  item: string | null;
  jurisdiction: string;
  lat: number | null;
  lon: number | null;
  status: Need['status'];
  verification: Need['verification']['level'];
  createdAt: string;
  updatedAt: string;
}

/** The public projection: the public fields of a need as the policy shows them to the public (the grid cell, no person). */
export function publicView(need: Need): PublicNeed {
  const shown = disclose('need', need, PUBLIC_AUDIENCE) as Need;
  return {
    id: shown.id,
    incidentId: shown.incidentId,
    title: shown.title,
    category: shown.category,
    urgency: shown.urgency,
    quantity: shown.quantity,
    unit: shown.unit,
    item: shown.item,
    jurisdiction: shown.jurisdiction,
    lat: shown.lat,
    lon: shown.lon,
    status: shown.status,
    // The level is a public column (verification_level); who verified and when are internal.
    verification: need.verification.level,
    createdAt: shown.createdAt,
    updatedAt: shown.updatedAt,
  };
}

/** The public map of an incident's needs: those placed on it (a need known only by its address waits to be located). */
export async function listPublicNeeds(deps: Deps, incidentId: string, limit: number): Promise<PublicNeed[]> {
  await incidentFor(deps, incidentId);
  const found = await listNeedRows(
    deps.db,
    { incidentId, statuses: ['open', 'claimed', 'in_progress'], locationNeeded: false },
    { limit },
  );
  return found.items.map(publicView);
}

/** A reporter looks up their need by its receipt code. */
export async function needByReceipt(deps: Deps, code: string): Promise<PublicNeed & { history: { kind: string; at: string }[] }> {
  const need = await findNeedByReceipt(deps.db, code.trim().toUpperCase());
  if (!need) throw new AppError('not_found', { field: 'code', detail: 'no need has this receipt code' });
  const history = (await needHistory(deps.db, need.id)).map((h) => ({ kind: h.kind, at: h.at }));
  return { ...publicView(need), history };
}
