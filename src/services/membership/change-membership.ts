/** The one way an organization's membership changes: new state, history entry, audit record. */

import { appendMembershipEvent } from '../../db/repositories/membership';
import { findOrganization, saveOrganization } from '../../db/repositories/organizations';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import {
  type CultivationPlan,
  canTransition,
  type MembershipStatus,
  type MembershipTier,
  mayBeProvisional,
} from '../../model/membership';
import type { Organization } from '../../model/organization';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';

export interface MembershipChange {
  to: MembershipStatus;
  reason: string;
  tier?: MembershipTier;
  plan?: CultivationPlan | null;
}

/**
 * Checks a change against the lifecycle and applies it inside the caller's transaction. `org`
 * is saved whole, so the caller loads it locked (organizationForWrite).
 */
export async function changeMembership(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  org: Organization,
  change: MembershipChange,
): Promise<Organization> {
  const reason = change.reason.trim();
  if (!reason) throw new AppError('invalid_input', { field: 'reason', detail: 'reason must not be blank' });
  const from = org.membership.status;
  const tier = change.tier ?? (change.to === 'active' ? org.membership.tier : 'standard');
  if (!canTransition(from, change.to, tier !== org.membership.tier)) {
    throw new AppError('invalid_transition', { field: 'to', detail: `membership cannot move from ${from} to ${change.to}` });
  }
  if (tier === 'provisional' && !mayBeProvisional(org.kind)) {
    throw new AppError('invalid_input', {
      field: 'tier',
      detail: 'only grassroots, community and volunteer groups may be admitted provisionally',
    });
  }
  let plan: CultivationPlan | null = null;
  if (change.to === 'cultivation') {
    plan = change.plan ?? null;
    if (!plan || plan.goals.filter((g) => g.trim()).length === 0) throw new AppError('plan_required', { field: 'plan' });
    if (plan.mentorOrganizationId && !(await findOrganization(trx, plan.mentorOrganizationId))) {
      throw new AppError('not_found', { field: 'plan/mentorOrganizationId', detail: 'no such mentor organization' });
    }
    plan = { ...plan, goals: plan.goals.map((g) => g.trim()).filter(Boolean) };
  }
  const at = nowIso(deps);
  const after: Organization = { ...org, membership: { status: change.to, tier, plan }, updatedAt: at };
  await saveOrganization(trx, after);
  await appendMembershipEvent(trx, org.id, { from, to: change.to, tier, actor: actorId(actor), reason, plan, at });
  await recordChange(trx, deps, actor, {
    action: 'membership.transition',
    entityType: 'organization',
    entityId: org.id,
    before: org.membership,
    after: { ...after.membership, reason },
  });
  return after;
}
