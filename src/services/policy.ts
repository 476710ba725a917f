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
import { isGovernment, type Organization } from '../model/organization';
import { ROLES, type Role } from '../model/roles';
import type { Actor } from './context';

type UserActor = Extract<Actor, { kind: 'user' }>;

function isRole(actor: Actor, ...roles: Role[]): actor is UserActor {
  return actor.kind === 'system' || roles.includes(actor.role);
}

/** Whether a coordinator's jurisdiction contains every one of the codes. */
function coversAll(actor: UserActor, codes: readonly string[]): boolean {
  return actor.jurisdiction !== null && codes.length > 0 && codes.every((c) => isWithin(c, actor.jurisdiction as string));
}

/** Registering organizations (one by one or by roster import): admins anywhere, coordinators inside their area (checked on the fields). */
export function canCreateOrganizations(actor: Actor): boolean {
  return isRole(actor, 'platform_admin', 'coordinator');
}

export function assertCanCreateOrganizations(actor: Actor): void {
  if (canCreateOrganizations(actor)) return;
  throw new AppError('forbidden');
}

/** Listing archived organizations too: those who archive them (admins, coordinators). */
export function canIncludeArchived(actor: Actor): boolean {
  return isRole(actor, 'platform_admin', 'coordinator');
}

export function assertCanIncludeArchived(actor: Actor): void {
  if (canIncludeArchived(actor)) return;
  throw new AppError('forbidden', {
    field: 'includeArchived',
    detail: 'includeArchived: only coordinators and admins list archived organizations',
  });
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
 * `canEditOrganization`, the same rule that shows the edit button): a coordinator changes only
 * the areas inside their own — those an organization serves outside it stay exactly as they
 * were, none added and none removed, since they are another coordinator's to change; an
 * organization that is suspended or under review moves its home only with the coordinator of
 * the area it leaves (or an admin), so it cannot walk out of the reach of the one who holds it.
 */
export function assertCanChangeOrganizationTo(actor: Actor, org: Organization, next: Organization): void {
  const homeMoves = next.jurisdictions[0] !== org.jurisdictions[0];
  if (actor.kind === 'user' && actor.role === 'coordinator') {
    const beyond = (codes: readonly string[]) => new Set(codes.filter((code) => !coversAll(actor, [code])));
    const before = beyond(org.jurisdictions);
    const after = beyond(next.jurisdictions);
    const beyondChanges = before.size !== after.size || [...after].some((code) => !before.has(code));
    if (!coversAll(actor, next.jurisdictions.slice(0, 1)) || beyondChanges) {
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
  if (!canIncludeArchived(actor)) throw new AppError('forbidden');
  if (!coversAll(actor, org.jurisdictions.slice(0, 1))) throw new AppError('out_of_scope');
}

const ORG_MANAGED_ROLES: readonly Role[] = ['org_admin', 'org_member'];

/** Managing accounts at all: platform admins every account, organization admins their own organization's. */
export function canManageUsers(actor: Actor): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  return actor.role === 'org_admin' && actor.organizationId !== null;
}

/** The roles an account manager may give: any for platform admins, an organization's own roles for its admin. */
export function assignableRoles(actor: Actor): readonly Role[] {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return ROLES;
  return actor.role === 'org_admin' ? ORG_MANAGED_ROLES : [];
}

/** Whether a manager places accounts in any organization (organization admins only in their own). */
export function canChooseOrganization(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'platform_admin';
}

/** Creating or changing an account: a role the manager may give, in an organization the manager may place it in. */
export function canManageUser(actor: Actor, target: { role: Role; organizationId: string | null }): boolean {
  if (!assignableRoles(actor).includes(target.role)) return false;
  return canChooseOrganization(actor) || (actor.kind === 'user' && target.organizationId === actor.organizationId);
}

export function assertCanManageUser(actor: Actor, target: { role: Role; organizationId: string | null }): void {
  if (canManageUser(actor, target)) return;
  if (assignableRoles(actor).length === 0) throw new AppError('forbidden');
  if (!assignableRoles(actor).includes(target.role)) throw new AppError('forbidden', { field: 'role' });
  throw new AppError('out_of_scope', { field: 'organizationId' });
}

/** Listing accounts: platform admins see all; organization admins their own organization's. */
export function userListScope(actor: Actor): { organizationId?: string } {
  if (!canManageUsers(actor)) throw new AppError('forbidden');
  return actor.kind === 'user' && actor.role === 'org_admin' && actor.organizationId
    ? { organizationId: actor.organizationId }
    : {};
}

/** Reading any account (to name the actors of the audit log, say): platform admins; others their own and, for organization admins, their organization's. */
export function canReadAnyUser(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'platform_admin';
}

export function assertCanReadUser(actor: Actor, target: { id: string; organizationId: string | null }): void {
  if (canReadAnyUser(actor) || actor.kind === 'system') return;
  if (actor.userId === target.id) return;
  if (actor.role === 'org_admin' && actor.organizationId !== null && actor.organizationId === target.organizationId) return;
  throw actor.role === 'org_admin' ? new AppError('out_of_scope') : new AppError('forbidden');
}

/** The audit log holds every change: platform admins only. */
export function canReadAudit(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'platform_admin';
}

export function assertCanReadAudit(actor: Actor): void {
  if (canReadAudit(actor)) return;
  throw new AppError('forbidden');
}

/**
 * Whom the UI offers the API documentation: platform admins, who set up machine clients and
 * issue their tokens. The OpenAPI document itself is public (it holds no data).
 */
export function canReadApiDocs(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'platform_admin';
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

/** The application queue and the cultivation desk: coordinators (all may read) and admins. */
export function canReadApplications(actor: Actor): boolean {
  return isRole(actor, 'platform_admin', 'coordinator');
}

export function assertCanReadApplications(actor: Actor): void {
  if (canReadApplications(actor)) return;
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

/** Whether an actor coordinates incidents at all: admins, and coordinators (in their area). */
export function coordinatesIncidents(actor: Actor): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  return actor.role === 'coordinator' && actor.jurisdiction !== null;
}

/** Declaring incidents at all (each one only inside the coordinator's area: canManageIncident). */
export function canDeclareIncidents(actor: Actor): boolean {
  return coordinatesIncidents(actor);
}

/** Declaring and running an incident: a coordinator whose area holds every affected area, or an admin. */
export function canManageIncident(actor: Actor, jurisdictions: readonly string[]): boolean {
  if (!canDeclareIncidents(actor)) return false;
  return actor.kind === 'system' || actor.role === 'platform_admin' || coversAll(actor, jurisdictions);
}

export function assertCanManageIncident(actor: Actor, jurisdictions: readonly string[]): void {
  if (canManageIncident(actor, jurisdictions)) return;
  throw isRole(actor, 'coordinator') ? new AppError('out_of_scope', { field: 'jurisdictions' }) : new AppError('forbidden');
}

/** Deciding on deployments, verifying needs, after-action reviews: any coordinator whose area shares ground with the incident's. */
export function canCoordinateIncident(actor: Actor, jurisdictions: readonly string[]): boolean {
  if (!coordinatesIncidents(actor)) return false;
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  const own = actor.jurisdiction as string;
  return jurisdictions.some((j) => overlaps(j, own));
}

/**
 * Requests about a person's own data (export, erasure): platform admins, and coordinators for
 * the needs and offers of incidents they may manage (their area holds all of the incident's).
 */
export function canHandlePersonalDataRequest(actor: Actor, incidentAreas: readonly string[]): boolean {
  return canManageIncident(actor, incidentAreas);
}

/** Whether the actor handles such requests at all (before anything is looked up). */
export function assertCanHandlePersonalDataRequests(actor: Actor): void {
  if (coordinatesIncidents(actor)) return;
  throw new AppError('forbidden');
}

/** After-action reviews of an incident: its coordinators (canCoordinateIncident), so admins and coordinators. */
export function canRecordReviews(actor: Actor): boolean {
  return coordinatesIncidents(actor);
}

/**
 * Issuing an official statement on behalf of an organization (a government agency, checked
 * apart): the agency's own staff, and coordinators for an agency at home in their area. Not
 * platform admins: a statement is the agency's word, and an admin speaks for no agency.
 */
export function canIssueStatementFor(actor: Actor, org: Organization): boolean {
  if (actor.kind === 'system') return true;
  if (actor.role === 'agency_staff') return actor.organizationId === org.id;
  return actor.role === 'coordinator' && coversAll(actor, org.jurisdictions.slice(0, 1));
}

export function assertCanIssueStatementFor(actor: Actor, org: Organization): void {
  if (canIssueStatementFor(actor, org)) return;
  throw isRole(actor, 'coordinator', 'agency_staff')
    ? new AppError('out_of_scope', {
        field: 'issuingOrganizationId',
        detail: 'issuingOrganizationId: you issue statements for your own agency or an agency of your area',
      })
    : new AppError('forbidden', { detail: 'statements are issued by agency staff and coordinators' });
}

/** Recording rumours about an incident: its coordinators and whoever acts for an organization in the field (observers only read). */
export function canRecordRumours(actor: Actor, incidentAreas: readonly string[]): boolean {
  if (actor.kind === 'user' && actor.role === 'coordinator') return canCoordinateIncident(actor, incidentAreas);
  return coordinatesIncidents(actor) || fieldOrganizationOf(actor) !== null;
}

/**
 * Writing (and editing, publishing) a bulletin of an area for an author organization: admins;
 * coordinators of the area, for a government agency at home in their own; an organization's
 * admin or an agency's staff for their own organization.
 */
export function canWriteBulletin(actor: Actor, author: Organization, areas: readonly string[]): boolean {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return true;
  if (actor.role === 'coordinator') {
    return canCoordinateIncident(actor, areas) && isGovernment(author.kind) && canIssueStatementFor(actor, author);
  }
  return (actor.role === 'org_admin' || actor.role === 'agency_staff') && actor.organizationId === author.id;
}

export function assertCanWriteBulletin(actor: Actor, author: Organization, areas: readonly string[]): void {
  if (canWriteBulletin(actor, author, areas)) return;
  throw isRole(actor, 'coordinator', 'org_admin', 'agency_staff')
    ? new AppError('out_of_scope', {
        field: 'authorOrganizationId',
        detail:
          'authorOrganizationId: you write for your own organization (coordinators: an agency of their area, in their area)',
      })
    : new AppError('forbidden', { detail: 'bulletins are written by coordinators, agency staff and organization admins' });
}

/** Marking a bulletin verified: the coordinators of its area and admins. */
export function canVerifyBulletin(actor: Actor, areas: readonly string[]): boolean {
  return canCoordinateIncident(actor, areas);
}

/**
 * Reading a bulletin (`actor` null for the public). A draft: its author organization's people,
 * the coordinators of its area, admins. A published one by its audience: `public` everyone,
 * `network` every signed-in account, `coordinators` the coordinators of its area, admins and its author organization.
 */
export function canReadBulletin(
  actor: Actor | null,
  bulletin: { status: string; audience: string; authorOrganizationId: string },
  areas: readonly string[],
): boolean {
  if (bulletin.status === 'published' && bulletin.audience === 'public') return true;
  if (actor === null) return false;
  if (bulletin.status === 'published' && bulletin.audience === 'network') return true;
  return canCoordinateIncident(actor, areas) || fieldOrganizationOf(actor) === bulletin.authorOrganizationId;
}

const FIELD_ROLES: readonly Role[] = ['org_admin', 'org_member', 'agency_staff'];

/** The organization an account acts for in the field (its admin, its members, an agency's staff); null for other roles. */
export function fieldOrganizationOf(actor: Actor): string | null {
  return actor.kind === 'user' && FIELD_ROLES.includes(actor.role) ? actor.organizationId : null;
}

/** Whether an actor acts for every organization in the field (admins pick which). */
export function actsForAnyOrganization(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'platform_admin';
}

/** Acting for an organization in the field: its admin, its members, or an agency's staff. */
export function actsFor(actor: Actor, organizationId: string): boolean {
  return actsForAnyOrganization(actor) || fieldOrganizationOf(actor) === organizationId;
}

/** Moving a shipment on (in transit, delivered, lost, returned): the organization carrying it, or a coordinator of the incident. */
export function canMoveShipment(actor: Actor, carrierId: string, incidentAreas: readonly string[]): boolean {
  return actsFor(actor, carrierId) || canCoordinateIncident(actor, incidentAreas);
}

/** Claiming needs (for the organization one acts for): whoever acts for an organization. */
export function canClaimNeeds(actor: Actor): boolean {
  return actsForAnyOrganization(actor) || fieldOrganizationOf(actor) !== null;
}

/** Whether an actor reports needs at all: the incidents' coordinators and the organizations in the field; observers only read. */
export function reportsNeeds(actor: Actor): boolean {
  return coordinatesIncidents(actor) || fieldOrganizationOf(actor) !== null;
}

/** Reporting a need to an incident: a coordinator of the incident, any organization in the field, an admin. */
export function canReportNeed(actor: Actor, jurisdictions: readonly string[]): boolean {
  if (!reportsNeeds(actor)) return false;
  return actor.kind === 'user' && actor.role === 'coordinator' ? canCoordinateIncident(actor, jurisdictions) : true;
}

export function assertCanReportNeed(actor: Actor, jurisdictions: readonly string[]): void {
  if (canReportNeed(actor, jurisdictions)) return;
  throw isRole(actor, 'coordinator') ? new AppError('out_of_scope') : new AppError('forbidden');
}

const FILING_ROLES: readonly Role[] = ['org_admin', 'agency_staff'];

/** Filing deployments at all: an organization's admin or, for a government agency, its staff; admins for any. */
export function canFileDeployments(actor: Actor): boolean {
  if (actsForAnyOrganization(actor)) return true;
  return actor.kind === 'user' && FILING_ROLES.includes(actor.role) && actor.organizationId !== null;
}

/** Filing a deployment for an organization: its admin or, for a government agency, its staff. */
export function assertCanFileFor(actor: Actor, organizationId: string): void {
  if (!canFileDeployments(actor)) throw new AppError('forbidden');
  if (actsForAnyOrganization(actor) || fieldOrganizationOf(actor) === organizationId) return;
  throw new AppError('out_of_scope', { field: 'organizationId' });
}

/** Answering a standby request (ready or unavailable): the organization's admin or, for a government agency, its staff; admins for any. */
export function canAnswerStandby(actor: Actor, organizationId: string): boolean {
  if (actsForAnyOrganization(actor)) return true;
  return actor.kind === 'user' && FILING_ROLES.includes(actor.role) && actor.organizationId === organizationId;
}

export function assertCanAnswerStandby(actor: Actor, organizationId: string): void {
  if (canAnswerStandby(actor, organizationId)) return;
  throw canFileDeployments(actor) ? new AppError('out_of_scope', { field: 'organizationId' }) : new AppError('forbidden');
}

/** Recording experience and lessons in the knowledge base: every signed-in role but observers. */
export function canRecordLessons(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role !== 'observer';
}

/** Recording normal-time programs at all: admins, coordinators, and an organization's admin (as its lead). */
export function canRecordPrograms(actor: Actor): boolean {
  return isRole(actor, 'platform_admin', 'coordinator', 'org_admin');
}

/** The lead of the programs an organization's admin records: its own organization; null for everyone else (admins and coordinators name any lead). */
export function programLeadOf(actor: Actor): string | null {
  return actor.kind === 'user' && actor.role === 'org_admin' ? actor.organizationId : null;
}

/** Whether an actor may record (or edit) a program like this one. */
export function canRecordProgram(
  actor: Actor,
  program: { leadOrganizationId: string; jurisdictions: readonly string[] },
): boolean {
  try {
    assertCanRecordProgram(actor, program);
    return true;
  } catch {
    return false;
  }
}

/** A program: its lead organization's admin, a coordinator whose area holds every area of the program, or an admin. */
export function assertCanRecordProgram(
  actor: Actor,
  program: { leadOrganizationId: string; jurisdictions: readonly string[] },
): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return;
  if (actor.role === 'org_admin' && programLeadOf(actor) === program.leadOrganizationId) return;
  if (actor.role === 'coordinator') {
    const area = actor.jurisdiction;
    if (area && program.jurisdictions.every((code) => isWithin(code, area))) return;
    throw new AppError('out_of_scope', { field: 'jurisdictions' });
  }
  throw new AppError(canRecordPrograms(actor) ? 'out_of_scope' : 'forbidden');
}

/** Creating warehouses and collection points at all: admins, coordinators (inside their area), an organization's admin (for it). */
export function canCreateWarehouses(actor: Actor): boolean {
  return isRole(actor, 'platform_admin', 'coordinator', 'org_admin');
}

/** A warehouse of an organization at a place: admins; a coordinator whose area holds the place; the organization's admin. */
export function assertCanCreateWarehouse(actor: Actor, warehouse: { organizationId: string; jurisdiction: string }): void {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return;
  if (actor.role === 'coordinator') {
    if (coversAll(actor, [warehouse.jurisdiction])) return;
    throw new AppError('out_of_scope', { field: 'jurisdiction' });
  }
  if (actor.role === 'org_admin') {
    if (actor.organizationId === warehouse.organizationId) return;
    throw new AppError('out_of_scope', { field: 'organizationId' });
  }
  throw new AppError('forbidden');
}

/**
 * Recording movements of a warehouse's stock: admins; a coordinator whose area holds the
 * warehouse; the owner organization's people (its admin, its members, an agency's staff).
 */
export function canMoveStock(actor: Actor, warehouse: { organizationId: string; jurisdiction: string }): boolean {
  if (actsFor(actor, warehouse.organizationId)) return true;
  return actor.kind === 'user' && actor.role === 'coordinator' && coversAll(actor, [warehouse.jurisdiction]);
}

export function assertCanMoveStock(actor: Actor, warehouse: { organizationId: string; jurisdiction: string }): void {
  if (canMoveStock(actor, warehouse)) return;
  const mayForSome = isRole(actor, 'coordinator') || fieldOrganizationOf(actor) !== null;
  throw new AppError(mayForSome ? 'out_of_scope' : 'forbidden');
}

/**
 * Recording an organization's money (received, disbursed, given back): whoever acts for it —
 * its admin, its members, an agency's staff, a platform admin. Not a coordinator: the money
 * is the organization's, and it answers for its own accounts.
 */
export function canHandleMoney(actor: Actor, organizationId: string): boolean {
  return actsFor(actor, organizationId);
}

export function assertCanHandleMoney(actor: Actor, organizationId: string): void {
  if (canHandleMoney(actor, organizationId)) return;
  // Another organization's people may record their own; nobody else records any.
  const mayForSome = fieldOrganizationOf(actor) !== null;
  throw new AppError(mayForSome ? 'out_of_scope' : 'forbidden', { field: 'organizationId' });
}

/**
 * Who reads an incident's ledger: its coordinators and admins all of it (`'all'`); an
 * organization's people only if their organization takes part in the incident (the caller
 * checks), so the answer names it. Observers never: the ledger lists accounts one by one.
 */
export function ledgerReader(actor: Actor, incidentAreas: readonly string[]): 'all' | { organizationId: string } {
  if (canCoordinateIncident(actor, incidentAreas)) return 'all';
  const own = fieldOrganizationOf(actor);
  if (own) return { organizationId: own };
  throw new AppError(isRole(actor, 'coordinator') ? 'out_of_scope' : 'forbidden');
}

/** Publishing early warnings at all: admins, and coordinators (each warning inside their area). */
export function canPublishAlerts(actor: Actor): boolean {
  return coordinatesIncidents(actor);
}

/** A warning for some areas: admins; a coordinator whose area holds every one of them. */
export function assertCanPublishAlert(actor: Actor, jurisdictions: readonly string[]): void {
  if (
    canPublishAlerts(actor) &&
    (actor.kind === 'system' || actor.role === 'platform_admin' || coversAll(actor, jurisdictions))
  ) {
    return;
  }
  throw isRole(actor, 'coordinator') ? new AppError('out_of_scope', { field: 'jurisdictions' }) : new AppError('forbidden');
}

/** Ingesting CAP alerts from other senders: platform admins and coordinators (their API tokens too). */
export function canIngestAlerts(actor: Actor): boolean {
  return isRole(actor, 'platform_admin', 'coordinator');
}

export function assertCanIngestAlerts(actor: Actor): void {
  if (canIngestAlerts(actor)) return;
  throw new AppError('forbidden');
}

/** Webhooks: platform admins, coordinators (receiving their area's events) and organization admins (their organization's view). */
export function canCreateWebhooks(actor: Actor): boolean {
  return actor.kind === 'system' || ['platform_admin', 'coordinator', 'org_admin'].includes(actor.role);
}

export function assertCanCreateWebhooks(actor: Actor): void {
  if (!canCreateWebhooks(actor)) throw new AppError('forbidden');
}

/** A webhook is its owner's; platform admins see and manage every one. Others do not learn it exists. */
export function canManageWebhook(actor: Actor, webhook: { ownerId: string }): boolean {
  return actor.kind === 'system' || actor.role === 'platform_admin' || actor.userId === webhook.ownerId;
}
