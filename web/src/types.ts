/** Shapes of the HTTP API's JSON as the web UI reads them. */

import type { AuditRecord, ChainReport } from '../../src/model/audit';
import type { Jurisdiction, JurisdictionLevel } from '../../src/model/jurisdictions';
import type { Organization } from '../../src/model/organization';
import type { Role } from '../../src/model/roles';
import type { User } from '../../src/model/user';

export type { AuditRecord, ChainReport, Jurisdiction, JurisdictionLevel, Organization, User };

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export interface JurisdictionWithPath extends Jurisdiction {
  path: Array<Jurisdiction | string>;
}

/** An organization as the directory lists it. */
export interface OrganizationSummary extends Organization {
  jurisdictionNames: string[];
}

/** One organization as its profile shows it. */
export interface OrganizationDetail extends OrganizationSummary {
  viewerCanEdit: boolean;
}

/** The editable fields of an organization, as sent on create and update. */
export type OrganizationInput = Pick<
  Organization,
  'kind' | 'name' | 'nameEn' | 'creditCode' | 'supervisingAgency' | 'jurisdictions' | 'base' | 'capabilities'
>;

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  displayName?: string;
  organizationId?: string;
  jurisdiction?: string;
}

export type UserPatch = Partial<Pick<User, 'role' | 'disabled' | 'displayName' | 'jurisdiction' | 'organizationId'>>;
