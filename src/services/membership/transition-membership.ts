import { findPendingApplication, saveApplication } from '../../db/repositories/membership';
import { type ApplicationDecision, mayAct } from '../../model/membership';
import type { Organization } from '../../model/organization';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { releaseClaimsOf } from '../needs/claims';
import { organizationForWrite } from '../organizations/load-organization';
import { revokeOrganizationPasses } from '../passes/revoke-passes';
import { assertCanDecideMembership } from '../policy';
import { changeMembership, type MembershipChange } from './change-membership';

/** A coordinator moves an organization along the lifecycle (cultivate, suspend, exit, readmit). */
export async function transitionMembership(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  change: MembershipChange,
): Promise<Organization> {
  return deps.db.transaction().execute(async (trx) => {
    const org = await organizationForWrite(trx, deps.dialect, organizationId);
    assertCanDecideMembership(actor, org);
    const after = await changeMembership(trx, deps, actor, org, change);
    // An organization that may no longer act lets go of the needs it holds, so they reopen for others.
    if (mayAct(org.membership.status) && !mayAct(after.membership.status)) {
      await releaseClaimsOf(trx, deps, actor, org.id, `membership ${after.membership.status}: ${change.reason.trim()}`);
      // Its teams' passes are revoked with it: a checkpoint asking online is told at once.
      await revokeOrganizationPasses(trx, deps, actor, org.id, `membership ${after.membership.status}`);
    }
    // Leaving review by a transition decides the pending application too, so none is left stranded.
    const pending = org.membership.status === 'under_review' ? await findPendingApplication(trx, org.id) : undefined;
    if (pending) {
      const decision = decisionFor(after);
      await saveApplication(trx, {
        ...pending,
        status: 'decided',
        decision,
        reason: change.reason.trim(),
        decidedBy: actorId(actor),
        decidedAt: nowIso(deps),
      });
    }
    return after;
  });
}

/** The application decision a move out of review amounts to. */
function decisionFor(org: Organization): ApplicationDecision {
  if (org.membership.status === 'cultivation') return 'cultivate';
  if (org.membership.status === 'declined') return 'decline';
  return org.membership.tier === 'provisional' ? 'admit_provisional' : 'admit';
}
