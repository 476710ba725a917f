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
