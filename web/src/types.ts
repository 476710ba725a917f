/** Shapes of the HTTP API's JSON as the web UI reads them. */
import type { Organization } from '../../src/model/organization';
import type { Role } from '../../src/model/roles';

export type { Organization };

export interface User {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  organizationId: string | null;
  jurisdiction: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt?: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export type JurisdictionLevel = 'province' | 'city' | 'county';

export interface Jurisdiction {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentCode: string | null;
  retired: boolean;
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

export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first record that does not hold (older servers answered with its number only). */
  firstBad?: { seq: number; reason?: string } | number | null;
}

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  displayName?: string;
  organizationId?: string;
  jurisdiction?: string;
}

export type UserPatch = Partial<Pick<User, 'role' | 'disabled' | 'displayName' | 'jurisdiction' | 'organizationId'>>;
