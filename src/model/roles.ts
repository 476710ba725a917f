/** Roles of SPEC §2. The public has no account and so no role. */
export const ROLES = ['platform_admin', 'coordinator', 'agency_staff', 'org_admin', 'org_member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one organization and so must belong to one. */
export const ORGANIZATION_ROLES: readonly Role[] = ['agency_staff', 'org_admin', 'org_member'];

/** Whether a role requires an organization. */
export function roleNeedsOrganization(role: Role): boolean {
  return ORGANIZATION_ROLES.includes(role);
}

/** Whether a role requires a jurisdiction scope. */
export function roleNeedsJurisdiction(role: Role): boolean {
  return role === 'coordinator';
}
