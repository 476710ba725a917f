import type { Organization } from '../../model/organization';
import type { Actor, Deps } from '../context';
import { assertCanDecideMembership } from '../policy';
import { changeMembership, type MembershipChange, organizationForChange } from './change-membership';

/** A coordinator moves an organization along the lifecycle (cultivate, suspend, exit, readmit). */
export async function transitionMembership(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  change: MembershipChange,
): Promise<Organization> {
  return deps.db.transaction().execute(async (trx) => {
    const org = await organizationForChange(trx, organizationId);
    assertCanDecideMembership(actor, org);
    return changeMembership(trx, deps, actor, org, change);
  });
}
