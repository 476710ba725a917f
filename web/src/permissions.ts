/**
 * What each role may reach in the UI. The server enforces every rule again; these only
 * decide which buttons and pages to offer.
 */
import { ROLES, type Role } from '../../src/model/roles';
import type { User } from './types';

/** The roles an organization admin may give, inside its own organization (src/services/policy.ts). */
const ORGANIZATION_MANAGED_ROLES: readonly Role[] = ['org_admin', 'org_member'];

export function canCreateOrganization(role: Role): boolean {
  return role === 'platform_admin' || role === 'coordinator';
}

/** Whether the directory may also list archived organizations for this role. */
export function canIncludeArchived(role: Role): boolean {
  return role === 'platform_admin' || role === 'coordinator';
}

export function canManageUsers(role: Role): boolean {
  return role === 'platform_admin' || role === 'org_admin';
}

/** The roles a manager may give an account. */
export function assignableRoles(manager: User): readonly Role[] {
  return manager.role === 'platform_admin' ? ROLES : ORGANIZATION_MANAGED_ROLES;
}

/** Whether a manager picks the organization of an account (org admins only add to their own). */
export function canChooseOrganization(manager: User): boolean {
  return manager.role === 'platform_admin';
}

/** Whether a manager may change, disable or reset another account. */
export function canManageAccount(manager: User, target: User): boolean {
  if (manager.role === 'platform_admin') return true;
  return (
    manager.role === 'org_admin' &&
    manager.organizationId !== null &&
    manager.organizationId === target.organizationId &&
    ORGANIZATION_MANAGED_ROLES.includes(target.role)
  );
}

export function canReadAudit(role: Role): boolean {
  return role === 'platform_admin';
}

export function canReadApiDocs(role: Role): boolean {
  return role === 'platform_admin';
}

/** The membership desk: the review queue and the cultivation desk (coordinators and admins). */
export function canReviewMembership(role: Role): boolean {
  return role === 'platform_admin' || role === 'coordinator';
}

/** Roster import (名录导入): those who may register organizations, so platform admins and coordinators. */
export function canImportOrganizations(role: Role): boolean {
  return role === 'platform_admin' || role === 'coordinator';
}

/** Declaring incidents: coordinators (for their own area) and admins. */
export function canDeclareIncident(role: Role): boolean {
  return role === 'platform_admin' || role === 'coordinator';
}

/** Acting for an organization in the field: its admin, its members, or an agency's staff (src/services/policy.ts actsFor). */
export function actsFor(user: User, organizationId: string): boolean {
  if (user.role === 'platform_admin') return true;
  return (
    (user.role === 'org_admin' || user.role === 'org_member' || user.role === 'agency_staff') &&
    user.organizationId === organizationId
  );
}

/** The organization a user works for in the field, if any (platform admins pick one). */
export function fieldOrganization(user: User): string | null {
  if (user.role === 'org_admin' || user.role === 'org_member' || user.role === 'agency_staff') return user.organizationId;
  return null;
}

/** Filing a deployment (报备): an organization's admin or an agency's staff, for their own organization; admins for any. */
export function canFileDeployment(user: User): boolean {
  if (user.role === 'platform_admin') return true;
  return (user.role === 'org_admin' || user.role === 'agency_staff') && user.organizationId !== null;
}

/** Claiming needs: whoever acts for an organization (admins pick which). */
export function canClaimNeeds(user: User): boolean {
  return user.role === 'platform_admin' || fieldOrganization(user) !== null;
}

/** Reporting a need on the board: the incident's coordinators and organizations (observers only read). */
export function canReportNeed(user: User, viewerCanCoordinate: boolean): boolean {
  return viewerCanCoordinate || fieldOrganization(user) !== null;
}

/** Recording experience and lessons in the knowledge base: every role but observers. */
export function canRecordLesson(role: Role): boolean {
  return role !== 'observer';
}

/** After-action reviews of an incident: its coordinators and admins. */
export function canRecordReview(role: Role): boolean {
  return role === 'platform_admin' || role === 'coordinator';
}

/** Recording a normal-time program: coordinators, admins, and an organization's admin (as its lead). */
export function canRecordProgram(role: Role): boolean {
  return role === 'platform_admin' || role === 'coordinator' || role === 'org_admin';
}
