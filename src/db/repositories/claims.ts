/** Claims on needs: who holds what quantity, until when. */

import { selectInChunks } from '../bulk';
import type { Executor, NeedClaimsTable } from '../schema';

/**
 * offered: dispatched by a coordinator, awaiting the organization's answer; unconfirmed: claimed
 * by a provisional-tier organization, awaiting a coordinator's confirmation; active: being worked;
 * then released, expired, declined (a dispatch), rejected (an unconfirmed claim) or fulfilled.
 */
export type ClaimStatus = 'offered' | 'unconfirmed' | 'active' | 'released' | 'expired' | 'declined' | 'rejected' | 'fulfilled';

/** The statuses in which a claim holds its quantity of the need. */
export const HOLDING_STATUSES: ClaimStatus[] = ['offered', 'unconfirmed', 'active'];

export interface Claim {
  id: string;
  needId: string;
  organizationId: string;
  quantity: number;
  status: ClaimStatus;
  dispatchedBy: string | null;
  note: string | null;
  claimedBy: string;
  claimedAt: string;
  progressAt: string | null;
  expiresAt: string;
  endedAt: string | null;
}

const toClaim = (r: NeedClaimsTable): Claim => ({
  id: r.id,
  needId: r.need_id,
  organizationId: r.organization_id,
  quantity: Number(r.quantity),
  status: r.status as ClaimStatus,
  dispatchedBy: r.dispatched_by,
  note: r.note,
  claimedBy: r.claimed_by,
  claimedAt: r.claimed_at,
  progressAt: r.progress_at,
  expiresAt: r.expires_at,
  endedAt: r.ended_at,
});

const claimRow = (c: Claim): NeedClaimsTable => ({
  id: c.id,
  need_id: c.needId,
  organization_id: c.organizationId,
  quantity: c.quantity,
  status: c.status,
  dispatched_by: c.dispatchedBy,
  note: c.note,
  claimed_by: c.claimedBy,
  claimed_at: c.claimedAt,
  progress_at: c.progressAt,
  expires_at: c.expiresAt,
  ended_at: c.endedAt,
});

export async function insertClaim(db: Executor, c: Claim): Promise<void> {
  await db.insertInto('need_claims').values(claimRow(c)).execute();
}

export async function saveClaim(db: Executor, c: Claim): Promise<void> {
  const { id, ...rest } = claimRow(c);
  await db.updateTable('need_claims').set(rest).where('id', '=', id).execute();
}

export async function findClaim(db: Executor, id: string): Promise<Claim | undefined> {
  const row = await db.selectFrom('need_claims').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toClaim(row) : undefined;
}

/** Claims that hold quantity on a need now (offered by dispatch, unconfirmed or active). */
export async function holdingClaims(db: Executor, needId: string): Promise<Claim[]> {
  const rows = await db
    .selectFrom('need_claims')
    .selectAll()
    .where('need_id', '=', needId)
    .where('status', 'in', HOLDING_STATUSES)
    .orderBy('claimed_at')
    .execute();
  return rows.map(toClaim);
}

/** Holding claims of many needs at once (the board shows a page of needs with their holders). */
export async function holdingClaimsOf(db: Executor, needIds: string[]): Promise<Claim[]> {
  const rows = await selectInChunks(needIds, (chunk) =>
    db
      .selectFrom('need_claims')
      .selectAll()
      .where('need_id', 'in', chunk)
      .where('status', 'in', HOLDING_STATUSES)
      .orderBy('claimed_at')
      .execute(),
  );
  return rows.map(toClaim);
}

/** Holding claims past their expiry, on one need or everywhere. */
export async function dueClaims(db: Executor, now: string, needId?: string): Promise<Claim[]> {
  let q = db.selectFrom('need_claims').selectAll().where('status', 'in', HOLDING_STATUSES).where('expires_at', '<', now);
  if (needId) q = q.where('need_id', '=', needId);
  return (await q.limit(1000).execute()).map(toClaim);
}

/** Moves a claim out of the given statuses; false when another writer got there first. */
export async function endClaim(db: Executor, id: string, from: ClaimStatus[], to: ClaimStatus, at: string): Promise<boolean> {
  const result = await db
    .updateTable('need_claims')
    .set({ status: to, ended_at: to === 'active' ? null : at })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The needs that claims are on. */
export async function needIdsOfClaims(db: Executor, claimIds: string[]): Promise<string[]> {
  const rows = await selectInChunks(claimIds, (chunk) =>
    db.selectFrom('need_claims').select('need_id').where('id', 'in', chunk).execute(),
  );
  return [...new Set(rows.map((r) => r.need_id))];
}

/** The needs of an incident that an organization holds now (an active or unconfirmed claim, or a dispatch awaiting its answer). */
export async function needsHeldBy(db: Executor, organizationId: string, incidentId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('need_claims')
    .innerJoin('needs', 'needs.id', 'need_claims.need_id')
    .select('need_claims.need_id')
    .where('need_claims.organization_id', '=', organizationId)
    .where('need_claims.status', 'in', HOLDING_STATUSES)
    .where('needs.incident_id', '=', incidentId)
    .execute();
  return new Set(rows.map((r) => r.need_id));
}

/** The claims an organization holds now, on any need (an active or unconfirmed claim, or a dispatch awaiting its answer). */
export async function holdingClaimsOfOrganization(db: Executor, organizationId: string): Promise<Claim[]> {
  const rows = await db
    .selectFrom('need_claims')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('status', 'in', HOLDING_STATUSES)
    .orderBy('claimed_at')
    .execute();
  return rows.map(toClaim);
}
