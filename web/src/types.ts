/** Shapes of the HTTP API's JSON as the web UI reads them. */

import type { AuditRecord, ChainReport } from '../../src/model/audit';
import type {
  Availability,
  CapacityItem,
  CapacityKind,
  Certification,
  ExpiryState,
  ExpiryWarning,
  RescueSpecialty,
  Specialty,
  Volunteer,
} from '../../src/model/capacity';
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
  Availability,
  CapacityItem,
  CapacityKind,
  Certification,
  ChainReport,
  CultivationPlan,
  ExpiryState,
  ExpiryWarning,
  Filing,
  Jurisdiction,
  JurisdictionLevel,
  Membership,
  MembershipEvent,
  MembershipStatus,
  MembershipTier,
  Organization,
  RescueSpecialty,
  Specialty,
  Subsystem,
  User,
  VerifiableField,
  Verification,
  Volunteer,
};

export interface Session {
  user: User;
  csrfToken: string;
}

/** One account of the demo network, with its (public) password. */
export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  /** The organization's name, for accounts that belong to one. */
  organization: string | null;
  /** The division code, for coordinators. */
  jurisdiction: string | null;
}

/** The answer to setting up: the first admin's session and, when asked for, the demo network. */
export interface SetupAnswer extends Session {
  demo: { organizations: number; accounts: DemoAccount[] } | null;
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

/** An organization's typed capacity and graded rescue specialties. */
export interface CapacityView {
  capacity: CapacityItem[];
  specialties: (Specialty & { validity: ExpiryState })[];
  viewerCanDeclare: boolean;
  viewerCanVerify: boolean;
}

export interface CapacityInput {
  kind: CapacityKind;
  type: string;
  typeLevel: number;
  quantity: number;
  description?: string | null;
}

export type CapacityPatch = Partial<Pick<CapacityInput, 'typeLevel' | 'quantity' | 'description'>>;

export interface SpecialtyInput {
  specialty: RescueSpecialty;
  grade: number;
  assessedBy: string;
  validUntil: string;
}

/** A volunteer as read: name and phone are null for viewers who need not know them. */
export type VolunteerView = Omit<Volunteer, 'name' | 'phone'> & {
  name: string | null;
  phone: string | null;
  warnings: ExpiryWarning[];
};

export interface VolunteerList {
  items: VolunteerView[];
  summary: { total: number; available: number; withWarnings: number };
  viewerCanDeclare: boolean;
  viewerCanVerify: boolean;
}

export interface VolunteerInput {
  name: string;
  phone?: string | null;
  skills?: string[];
  certifications?: Certification[];
  insuranceExpiresOn?: string | null;
  availability?: Availability;
}

export type VolunteerPatch = Partial<VolunteerInput> & { active?: boolean };

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'refused';

export interface ImportRowReport {
  row: number;
  outcome: ImportOutcome;
  name: string | null;
  organizationId: string | null;
  problems: { field: string; message: string }[];
}

export interface ImportReport {
  total: number;
  counts: Record<ImportOutcome, number>;
  rows: ImportRowReport[];
}

/** A roster import running in the background, with its progress and, once done, its report. */
export interface ImportJob {
  id: string;
  kind: string;
  fileName: string | null;
  status: 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  report: ImportReport | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}
