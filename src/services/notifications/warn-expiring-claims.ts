/**
 * The claim.expiring sweep: a holding claim whose expiry is near is announced once (per claim
 * and expiry) as a platform event, so its organization can report progress before the need
 * goes back to others. Safe on several nodes: the warning row is unique and only the node
 * whose insert took effect records the event.
 */
import { HOLDING_STATUSES } from '../../db/repositories/claims';
import { findNeed } from '../../db/repositories/needs';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { claimFacts } from './event-facts';

const SWEEP: Actor = { kind: 'system', label: 'claim-expiry-warning' };
/** A claim is announced as expiring this long before it expires. */
export const CLAIM_WARNING_MINUTES = 30;
const BATCH = 500;

/** Records claim.expiring for each holding claim expiring within the warning window; answers how many. */
export async function warnExpiringClaims(deps: Deps, withinMinutes = CLAIM_WARNING_MINUTES): Promise<number> {
  const now = nowIso(deps);
  const horizon = new Date(deps.now().getTime() + withinMinutes * 60_000).toISOString();
  const due = await deps.db
    .selectFrom('need_claims')
    .leftJoin('claim_warnings', (j) =>
      j.onRef('claim_warnings.claim_id', '=', 'need_claims.id').onRef('claim_warnings.expires_at', '=', 'need_claims.expires_at'),
    )
    .select(['need_claims.id', 'need_claims.need_id', 'need_claims.organization_id', 'need_claims.expires_at'])
    .where('need_claims.status', 'in', HOLDING_STATUSES)
    .where('need_claims.expires_at', '>=', now)
    .where('need_claims.expires_at', '<=', horizon)
    .where('claim_warnings.claim_id', 'is', null)
    .orderBy('need_claims.expires_at')
    .limit(BATCH)
    .execute();
  let warned = 0;
  for (const claim of due) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('claim_warnings')
        .values({ claim_id: claim.id, expires_at: claim.expires_at, warned_at: now })
        .onConflict((oc) => oc.columns(['claim_id', 'expires_at']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      const need = await findNeed(trx, claim.need_id);
      if (!need) return false;
      await recordChange(trx, deps, SWEEP, {
        action: 'claim.expiry_warning',
        entityType: 'claim',
        entityId: claim.id,
        after: { expiresAt: claim.expires_at },
        event: claimFacts('claim.expiring', need, claim.organization_id),
      });
      return true;
    });
    if (done) warned++;
  }
  return warned;
}
