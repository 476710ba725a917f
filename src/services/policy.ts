/**
 * Who may do what, by role and scope (SPEC §2). Each rule throws `forbidden` when the role
 * may never do it and `out_of_scope` when it may, but not for this organization or place.
 * Who sees which field of what is read is decided elsewhere, by the privacy policy
 * (src/services/disclosure.ts). Reading the directory (every organization's public and
 * internal fields) is open to every signed-in account and to no one else: the HTTP layer
 * answers 401 without an account, and no service reads the directory for the public.
 */

import { AppError } from '../model/errors';
import { isWithin, overlaps } from '../model/jurisdictions';
import type { Organization } from '../model/organization';
import type { Role } from '../model/roles';
import type { Actor } from './context';

type UserActor = Extract<Actor, { kind: 'user' }>;

function isRole(actor: Actor, ...roles: Role[]): actor is UserActor {
  return actor.kind === 'system' || roles.includes(actor.role);
}

/** Whether a coordinator's jurisdiction contains every one of the codes. */
function coversAll(actor: UserActor, codes: readonly string[]): boolean {
  return actor.jurisdiction !== null && codes.length > 0 && codes.every((c) => isWithin(c, actor.jurisdiction as string));
}

/** Registering organizations: admins anywhere, coordinators inside their area (checked on the fields). */
export function assertCanCreateOrganizations(actor: Actor): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin' || actor.role === 'coordinator') return;
  throw new AppError('forbidden');
}

/** A coordinator may only place an organization inside their own area. */
export function assertCanPlaceOrganization(actor: Actor, jurisdictions: readonly string[]): void {
  if (actor.kind === 'user' && actor.role === 'coordinator' && !coversAll(actor, jurisdictions)) {
    throw new AppError('out_of_scope', { field: 'jurisdictions' });
  }
}

/** Editing a profile: admins; coordinators for organizations at home in their area; its own admin. */
export function canEditOrganization(actor: Actor, org: Organization): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  if (actor.role === 'coordinator') return coversAll(actor, org.jurisdictions.slice(0, 1));
  if (actor.role === 'org_admin') return actor.organizationId === org.id;
  return false;
}

export function assertCanEditOrganization(actor: Actor, org: Organization): void {
  if (canEditOrganization(actor, org)) return;
  throw isRole(actor, 'coordinator', 'org_admin') ? new AppError('out_of_scope') : new AppError('forbidden');
}

/** Membership statuses in which an organization's home may move only with the coordinator of the area it leaves. */
const HELD_STATUSES = new Set(['suspended', 'under_review']);

/**
 * Checks the new state of an edited organization against the editor's powers (after
 * `canEditOrganization`, the same rule that shows the edit button): a coordinator may keep the
 * areas an organization already serves outside their own but may add only areas inside it; an
 * organization that is suspended or under review moves its home only with the coordinator of
 * the area it leaves (or an admin), so it cannot walk out of the reach of the one who holds it.
 */
export function assertCanChangeOrganizationTo(actor: Actor, org: Organization, next: Organization): void {
  const added = next.jurisdictions.filter((j) => !org.jurisdictions.includes(j));
  const homeMoves = next.jurisdictions[0] !== org.jurisdictions[0];
  if (actor.kind === 'user' && actor.role === 'coordinator') {
    if (!coversAll(actor, next.jurisdictions.slice(0, 1)) || (added.length > 0 && !coversAll(actor, added))) {
      throw new AppError('out_of_scope', { field: 'jurisdictions' });
    }
  }
  if (homeMoves && HELD_STATUSES.has(org.membership.status) && !canDecideMembership(actor, org)) {
    throw new AppError('out_of_scope', {
      field: 'jurisdictions',
      detail: `jurisdictions: while the organization is ${org.membership.status}, only the coordinator of its home area may move its home`,
    });
  }
  // Only government may say an organization is government.
  const kindChangesGovernment = (org.kind === 'government_agency') !== (next.kind === 'government_agency');
  if (actor.kind === 'user' && actor.role === 'org_admin' && kindChangesGovernment) {
    throw new AppError('forbidden', { field: 'kind' });
  }
}

export function assertCanArchiveOrganization(actor: Actor, org: Organization): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return;
  if (actor.role !== 'coordinator') throw new AppError('forbidden');
  if (!coversAll(actor, org.jurisdictions.slice(0, 1))) throw new AppError('out_of_scope');
}

const ORG_MANAGED_ROLES: readonly Role[] = ['org_admin', 'org_member'];

/** Creating or changing accounts: platform admins for all; organization admins for their own members. */
export function assertCanManageUser(actor: Actor, target: { role: Role; organizationId: string | null }): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return;
  if (actor.role !== 'org_admin') throw new AppError('forbidden');
  if (!ORG_MANAGED_ROLES.includes(target.role)) throw new AppError('forbidden', { field: 'role' });
  if (target.organizationId !== actor.organizationId) throw new AppError('out_of_scope', { field: 'organizationId' });
}

/** Listing accounts: platform admins see all; organization admins their own organization's. */
export function userListScope(actor: Actor): { organizationId?: string } {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return {};
  if (actor.role === 'org_admin' && actor.organizationId) return { organizationId: actor.organizationId };
  throw new AppError('forbidden');
}

export function assertCanReadUser(actor: Actor, target: { id: string; organizationId: string | null }): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return;
  if (actor.userId === target.id) return;
  if (actor.role === 'org_admin' && actor.organizationId !== null && actor.organizationId === target.organizationId) return;
  throw actor.role === 'org_admin' ? new AppError('out_of_scope') : new AppError('forbidden');
}

/** The audit log holds every change: platform admins only. */
export function assertCanReadAudit(actor: Actor): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return;
  throw new AppError('forbidden');
}

/** Membership decisions: the coordinator whose area holds the organization's home, or an admin. */
export function canDecideMembership(actor: Actor, org: Organization): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  return actor.role === 'coordinator' && coversAll(actor, org.jurisdictions.slice(0, 1));
}

export function assertCanDecideMembership(actor: Actor, org: Organization): void {
  if (canDecideMembership(actor, org)) return;
  throw isRole(actor, 'coordinator') ? new AppError('out_of_scope') : new AppError('forbidden');
}

/** The application queue: coordinators (all may read) and admins. */
export function assertCanReadApplications(actor: Actor): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin' || actor.role === 'coordinator') return;
  throw new AppError('forbidden');
}

/** Declaring filings, seats and agreements: the organization's admin, its home coordinator, admins. */
export function canDeclareFor(actor: Actor, org: Organization): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  if (actor.role === 'org_admin') return actor.organizationId === org.id;
  return actor.role === 'coordinator' && coversAll(actor, org.jurisdictions.slice(0, 1));
}

export function assertCanDeclareFor(actor: Actor, ...orgs: Organization[]): void {
  if (orgs.some((org) => canDeclareFor(actor, org))) return;
  throw isRole(actor, 'coordinator', 'org_admin') ? new AppError('out_of_scope') : new AppError('forbidden');
}

/** Declaring and running an incident: a coordinator whose area holds every affected area, or an admin. */
export function canManageIncident(actor: Actor, jurisdictions: readonly string[]): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  return actor.role === 'coordinator' && coversAll(actor, jurisdictions);
}

export function assertCanManageIncident(actor: Actor, jurisdictions: readonly string[]): void {
  if (canManageIncident(actor, jurisdictions)) return;
  throw isRole(actor, 'coordinator') ? new AppError('out_of_scope', { field: 'jurisdictions' }) : new AppError('forbidden');
}

/** Deciding on deployments: any coordinator whose area shares ground with the incident's. */
export function canCoordinateIncident(actor: Actor, jurisdictions: readonly string[]): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  const own = actor.role === 'coordinator' ? actor.jurisdiction : null;
  return own !== null && jurisdictions.some((j) => overlaps(j, own));
}

/** Acting for an organization in the field: its admin, its members, or an agency's staff. */
export function actsFor(actor: Actor, organizationId: string): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  return ['org_admin', 'org_member', 'agency_staff'].includes(actor.role) && actor.organizationId === organizationId;
}

/** Filing a deployment: the organization's admin or, for a government agency, its staff. */
export function assertCanFileFor(actor: Actor, organizationId: string): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return;
  if (actor.role !== 'org_admin' && actor.role !== 'agency_staff') throw new AppError('forbidden');
  if (actor.organizationId !== organizationId) throw new AppError('out_of_scope', { field: 'organizationId' });
}
