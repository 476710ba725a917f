/** Shapes of the HTTP API's JSON as the web UI reads them. */

import type { AuditRecord, ChainReport } from '../../src/model/audit';
import type { Agreement, AgreementType, Filing, Seat, Subsystem, VerifiableField, Verification } from '../../src/model/embedding';
import type { Jurisdiction, JurisdictionLevel } from '../../src/model/jurisdictions';
import type {
  ApplicationDecision,
  CultivationPlan,
  MembershipEvent,
  MembershipStatus,
  MembershipTier,
} from '../../src/model/membership';
import type { Membership, Organization, OrganizationKind } from '../../src/model/organization';
import type { Role } from '../../src/model/roles';
import type { User } from '../../src/model/user';

export type {
  Agreement,
  AgreementType,
  ApplicationDecision,
  AuditRecord,
  ChainReport,
  CultivationPlan,
  Filing,
  Jurisdiction,
  JurisdictionLevel,
  Membership,
  MembershipEvent,
  MembershipStatus,
  MembershipTier,
  Organization,
  Subsystem,
  User,
  VerifiableField,
  Verification,
};

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
  /** Fields a coordinator has checked against documents; the rest are self-declared. */
  verifiedFields: VerifiableField[];
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

/** What an applicant sends: its organization (never a government agency) and a contact person. */
export interface ApplicationInput {
  organization: Omit<OrganizationInput, 'kind' | 'base'> & {
    kind: Exclude<OrganizationKind, 'government_agency'>;
    base?: OrganizationInput['base'];
  };
  contact: { name: string; phone: string; email?: string | null };
}

/** The answer to a submitted application. */
export interface ApplicationReceipt {
  id: string;
  organizationId: string;
  status: 'under_review';
  createdAt: string;
}

/** An application as the review queue shows it. */
export interface Application {
  id: string;
  organizationId: string;
  homeJurisdiction: string;
  /** Null when the viewer's area does not hold the applicant's home. */
  contact: { name: string; phone: string; email: string | null } | null;
  status: 'under_review' | 'decided';
  decision: ApplicationDecision | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  organization: OrganizationSummary | null;
  viewerCanDecide: boolean;
}

export interface DecisionInput {
  decision: ApplicationDecision;
  reason: string;
  plan?: CultivationPlan;
}

/** An organization's membership with its history, oldest first. */
export interface MembershipDetail extends Membership {
  history: MembershipEvent[];
  viewerCanDecide: boolean;
}

export interface TransitionInput {
  to: MembershipStatus;
  reason: string;
  tier?: MembershipTier;
  plan?: CultivationPlan;
}

/** A seat as read: the liaison's name is hidden (null) from those who need not know it. */
export type SeatView = Omit<Seat, 'liaisonName'> & { liaisonName: string | null };

export interface Embedding {
  filings: Filing[];
  agreements: Agreement[];
  seats: SeatView[];
  verifiedFields: { field: VerifiableField; verification: Verification }[];
  viewerCanVerify: boolean;
}

export interface FilingInput {
  department: string;
  filedOn: string;
  reference?: string | null;
}

export interface AgreementInput {
  organizationId: string;
  counterpartId: string;
  type: AgreementType;
  validFrom: string;
  validTo?: string | null;
  reference?: string | null;
}

export interface SeatInput {
  organizationId: string;
  structure: string;
  subsystem: Subsystem;
  liaisonName: string;
  from: string;
  to?: string | null;
}
