import { cultivationDue, membershipHistory } from '../../db/repositories/membership';
import { findOrganization } from '../../db/repositories/organizations';
import { AppError } from '../../model/errors';
import type { MembershipEvent } from '../../model/membership';
import type { Membership, Organization } from '../../model/organization';
import type { Actor, Deps } from '../context';
import { assertCanReadApplications, canDecideMembership } from '../policy';

/** An organization's membership: status, tier, plan, full history, and whether the viewer decides. */
export async function getMembership(
  deps: Deps,
  actor: Actor,
  organizationId: string,
): Promise<Membership & { history: MembershipEvent[]; viewerCanDecide: boolean }> {
  const org = await findOrganization(deps.db, organizationId);
  if (!org) throw new AppError('not_found');
  const viewerCanDecide = !org.archived && canDecideMembership(actor, org);
  return { ...org.membership, history: await membershipHistory(deps.db, org.id), viewerCanDecide };
}

/** The cultivation desk: organizations in the viewer's area whose plan is due for review. */
export async function cultivationDesk(deps: Deps, actor: Actor): Promise<Organization[]> {
  assertCanReadApplications(actor);
  const today = deps.now().toISOString().slice(0, 10);
  const due: Organization[] = [];
  for (const id of await cultivationDue(deps.db, today)) {
    const org = await findOrganization(deps.db, id);
    if (!org) continue;
    if (canDecideMembership(actor, org)) due.push(org);
  }
  return due.sort((a, b) => (a.membership.plan?.reviewOn ?? '').localeCompare(b.membership.plan?.reviewOn ?? ''));
}
