/**
 * What each role may reach in the UI. The server enforces every rule again; these only
 * decide which buttons and pages to offer.
 */
import type { Role } from '../../src/model/roles';

export function canCreateOrganization(role: Role): boolean {
  return role === 'platform_admin' || role === 'coordinator';
}

export function canManageUsers(role: Role): boolean {
  return role === 'platform_admin' || role === 'org_admin';
}

export function canReadAudit(role: Role): boolean {
  return role === 'platform_admin';
}

export function canReadApiDocs(role: Role): boolean {
  return role === 'platform_admin';
}
