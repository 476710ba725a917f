/**
 * What the signed-in account may do, as the session answer tells the UI: each answer comes
 * from the same policy function the services enforce (src/services/policy.ts), so the buttons
 * and pages the UI offers cannot drift from what the server accepts. Answers about one record
 * (may edit this organization, coordinate this incident) come with the record (`viewerCan…`).
 */
import { findOrganization } from '../../db/repositories/organizations';
import { type MembershipStatus, mayAct } from '../../model/membership';
import type { Role } from '../../model/roles';
import type { Actor, Deps } from '../context';
import {
  actsForAnyOrganization,
  assignableRoles,
  canChooseOrganization,
  canClaimNeeds,
  canCreateOrganizations,
  canCreateWebhooks,
  canDeclareIncidents,
  canFileDeployments,
  canIncludeArchived,
  canManageUsers,
  canReadAnyUser,
  canReadApiDocs,
  canReadApplications,
  canReadAudit,
  canRecordLessons,
  canRecordPrograms,
  canRecordReviews,
  fieldOrganizationOf,
  programLeadOf,
} from '../policy';

export interface Capabilities {
  createOrganizations: boolean;
  importOrganizations: boolean;
  includeArchived: boolean;
  manageUsers: boolean;
  assignableRoles: Role[];
  chooseOrganization: boolean;
  readAnyAccount: boolean;
  readAudit: boolean;
  readApiDocs: boolean;
  reviewMembership: boolean;
  declareIncidents: boolean;
  fileDeployments: boolean;
  claimNeeds: boolean;
  actsForAnyOrganization: boolean;
  fieldOrganizationId: string | null;
  recordLessons: boolean;
  recordReviews: boolean;
  recordPrograms: boolean;
  programLeadOrganizationId: string | null;
  manageWebhooks: boolean;
}

/**
 * The account's capabilities, from the policy. `organizationStatus` is the membership status of
 * the account's organization: one that may not act (src/model/membership.ts) claims no needs
 * and files no deployments, as the services refuse them (membership_inactive).
 */
export function capabilitiesOf(actor: Actor, organizationStatus: MembershipStatus | null = null): Capabilities {
  const mayActNow = organizationStatus === null || mayAct(organizationStatus);
  return {
    createOrganizations: canCreateOrganizations(actor),
    // A roster import registers organizations: the same rule (src/services/imports/import-jobs.ts).
    importOrganizations: canCreateOrganizations(actor),
    includeArchived: canIncludeArchived(actor),
    manageUsers: canManageUsers(actor),
    assignableRoles: [...assignableRoles(actor)],
    chooseOrganization: canChooseOrganization(actor),
    readAnyAccount: canReadAnyUser(actor),
    readAudit: canReadAudit(actor),
    readApiDocs: canReadApiDocs(actor),
    reviewMembership: canReadApplications(actor),
    declareIncidents: canDeclareIncidents(actor),
    fileDeployments: canFileDeployments(actor) && mayActNow,
    claimNeeds: canClaimNeeds(actor) && mayActNow,
    actsForAnyOrganization: actsForAnyOrganization(actor),
    fieldOrganizationId: fieldOrganizationOf(actor),
    recordLessons: canRecordLessons(actor),
    recordReviews: canRecordReviews(actor),
    recordPrograms: canRecordPrograms(actor),
    programLeadOrganizationId: programLeadOf(actor),
    manageWebhooks: canCreateWebhooks(actor),
  };
}

/** The capabilities of a signed-in account, with its organization's membership status looked up. */
export async function capabilitiesOfUser(deps: Deps, actor: Actor): Promise<Capabilities> {
  const organizationId = actor.kind === 'user' ? actor.organizationId : null;
  const organization = organizationId ? await findOrganization(deps.db, organizationId) : undefined;
  return capabilitiesOf(actor, organization?.membership.status ?? null);
}
