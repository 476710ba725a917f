/** Shapes of the HTTP API's JSON as the web UI reads them. */

import type { CollaborationGraph, TieKind } from '../../src/analysis/collaboration';
import type { CooperationMode, Recognition } from '../../src/analysis/cooperation-modes';
import type { CoverageCell } from '../../src/analysis/function-coverage';
import type { PrincipleIndicators } from '../../src/analysis/principles';
import type { GroupCoverage } from '../../src/analysis/special-needs';
import type { Substitution } from '../../src/analysis/substitution';
import type { ActivityRow } from '../../src/analysis/who-what-where';
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
import type { DeploymentStatus } from '../../src/model/deployment';
import type { Agreement, AgreementType, Filing, Seat, Subsystem, VerifiableField, Verification } from '../../src/model/embedding';
import type {
  Incident,
  IncidentCategory,
  IncidentLevel,
  IncidentPolicy,
  IncidentStage,
  StageChange,
  WarningColor,
} from '../../src/model/incident';
import type { Jurisdiction, JurisdictionLevel } from '../../src/model/jurisdictions';
import type { LessonKind } from '../../src/model/lesson';
import type {
  ApplicationDecision,
  CultivationPlan,
  MembershipEvent,
  MembershipStatus,
  MembershipTier,
} from '../../src/model/membership';
import type {
  CloseReason,
  HolderView,
  NeedInput,
  NeedKind,
  NeedSource,
  NeedStatus,
  NeedView,
  Urgency,
  VerificationLevel,
  VulnerableGroup,
} from '../../src/model/need';
import type { Membership, Organization, OrganizationKind } from '../../src/model/organization';
import type { CooperationType, Program, ProgramKind } from '../../src/model/program';
import type { Role } from '../../src/model/roles';
import type { Phase, ServiceCategory, Strategy } from '../../src/model/taxonomy';
import type { User } from '../../src/model/user';

export type {
  ActivityRow,
  Agreement,
  AgreementType,
  ApplicationDecision,
  AuditRecord,
  Availability,
  CapacityItem,
  CapacityKind,
  Certification,
  ChainReport,
  CloseReason,
  CooperationMode,
  CooperationType,
  CoverageCell,
  CultivationPlan,
  DeploymentStatus,
  ExpiryState,
  ExpiryWarning,
  Filing,
  GroupCoverage,
  Incident,
  IncidentCategory,
  IncidentLevel,
  IncidentPolicy,
  IncidentStage,
  Jurisdiction,
  JurisdictionLevel,
  Membership,
  MembershipEvent,
  MembershipStatus,
  MembershipTier,
  NeedInput,
  NeedKind,
  NeedSource,
  NeedStatus,
  NeedView,
  Organization,
  OrganizationKind,
  Phase,
  ProgramKind,
  Recognition,
  RescueSpecialty,
  ServiceCategory,
  Specialty,
  StageChange,
  Strategy,
  Subsystem,
  TieKind,
  Urgency,
  User,
  VerifiableField,
  Verification,
  VerificationLevel,
  Volunteer,
  VulnerableGroup,
  WarningColor,
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

/** An incident as lists show it (no stage history). */
export type IncidentSummary = Omit<Incident, 'stages'>;

/** One incident with its stage history and what the reader may do with it. */
export interface IncidentDetail extends Incident {
  viewerCanManage: boolean;
  viewerCanCoordinate: boolean;
}

export interface IncidentInput {
  name: string;
  category: IncidentCategory;
  type: string;
  level: IncidentLevel;
  warningColor?: WarningColor | null;
  jurisdictions: string[];
  description?: string | null;
  stage?: 'preparedness' | 'response';
  policy?: Partial<IncidentPolicy>;
}

/** A deployed team; the leader's name and phone are null for readers who need not know them. */
export interface DeploymentView {
  id: string;
  incidentId: string;
  organizationId: string;
  teamName: string;
  leaderName: string | null;
  leaderPhone: string | null;
  headcount: number;
  specialties: RescueSpecialty[];
  equipment: string[];
  vehicles: number;
  origin: string;
  eta: string | null;
  invitationReference: string | null;
  status: DeploymentStatus;
  zone: string | null;
  reason: string | null;
  lastCheckInAt: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DeploymentLogEntry {
  kind: 'status' | 'check_in';
  from: DeploymentStatus | null;
  to: DeploymentStatus | null;
  note: string | null;
  lat: number | null;
  lon: number | null;
  actor: string;
  at: string;
}

export interface DeploymentDetail extends DeploymentView {
  log: DeploymentLogEntry[];
}

export interface DeploymentInput {
  organizationId: string;
  teamName: string;
  leaderName: string;
  leaderPhone: string;
  headcount: number;
  specialties?: RescueSpecialty[];
  equipment?: string[];
  vehicles?: number;
  origin: string;
  eta?: string | null;
  invitationReference?: string | null;
}

export interface DeploymentMove {
  to: DeploymentStatus;
  reason?: string | null;
  zone?: string | null;
}

/** An organization holding (a quantity of) a need. */
export type Holder = HolderView;

export interface NeedHistoryEntry {
  kind: string;
  detail: unknown;
  actor: string;
  at: string;
}

export interface DuplicateFlag {
  needId: string;
  candidateId: string;
  score: number;
  reasons: string[];
}

export interface NeedDetail extends NeedView {
  history: NeedHistoryEntry[];
  duplicates: DuplicateFlag[];
}

export interface NeedQuery {
  status?: NeedStatus[];
  category?: ServiceCategory;
  urgency?: Urgency;
  vulnerable?: boolean;
  unclaimed?: boolean;
  bbox?: string;
  limit?: number;
  cursor?: string;
}

/** One need on the board's map: where it is and how to draw it (no title: the drawer fetches the detail). */
export interface NeedMapPoint {
  id: string;
  lat: number;
  lon: number;
  status: NeedStatus;
  urgency: Urgency;
  category: ServiceCategory;
  /** Quantity neither claimed nor fulfilled. */
  remaining: number;
  /** Null when the viewer may not see who the need is for. */
  vulnerable: boolean | null;
}

/** The newest needs in a box (at most the server's cap) and how many matched in all. */
export interface NeedMapAnswer {
  items: NeedMapPoint[];
  total: number;
  truncated: boolean;
}

/** The board's map style; null when none is configured (the board draws its own map). */
export interface MapSettings {
  styleUrl: string | null;
}

export interface ReportedNeed {
  need: NeedView;
  possibleDuplicates: { id: string; score: number; reasons: string[] }[];
}

export interface Claim {
  id: string;
  needId: string;
  organizationId: string;
  quantity: number;
  status: string;
  dispatchedBy: string | null;
  note: string | null;
  claimedBy: string;
  claimedAt: string;
  progressAt: string | null;
  expiresAt: string;
  endedAt: string | null;
}

/** Who holds a need, as a claim_conflict problem names them. */
export interface ConflictHolder {
  organizationId: string;
  organizationName: string;
  quantity: number;
  status: string;
}

/** An open incident as the public sees it. */
export type PublicIncident = Pick<
  Incident,
  'id' | 'name' | 'category' | 'type' | 'level' | 'warningColor' | 'jurisdictions' | 'stage'
>;

/** A need as anyone may see it: no personal data, the place snapped to a ~1 km grid. */
export interface PublicNeed {
  id: string;
  incidentId: string;
  title: string;
  category: ServiceCategory;
  urgency: Urgency;
  quantity: number;
  unit: string;
  jurisdiction: string;
  lat: number;
  lon: number;
  status: NeedStatus;
  verification: VerificationLevel;
  createdAt: string;
  updatedAt: string;
}

export interface PublicReceipt extends PublicNeed {
  history: { kind: string; at: string }[];
}

/** Network analytics (GET /api/v1/analytics/…): aggregates of an area and a period, no personal data. */
export interface AnalyticsScope {
  jurisdiction: string;
  /** YYYY-MM-DD; the server defaults to a year before `to`. */
  from?: string;
  /** YYYY-MM-DD; the server defaults to today. */
  to?: string;
}

/** One non-government organization placed by service similarity × embedding. */
export interface CooperationModeItem {
  organizationId: string;
  name: string;
  kind: OrganizationKind;
  similarity: number;
  embedding: number;
  mode: CooperationMode;
  explanation: string;
  shared: ServiceCategory[];
  recognitions: Recognition[];
}

/** How many organizations of a mode sit at a point of the plane (both axes rounded to tenths). */
export interface CooperationModeCell {
  similarity: number;
  embedding: number;
  mode: CooperationMode;
  count: number;
}

/** A page of the placements (of one mode, if asked), with the whole area's counts and density. */
export interface CooperationModes extends Page<CooperationModeItem> {
  to: string;
  counts: Record<CooperationMode, number>;
  density: CooperationModeCell[];
}

/** A page of a long list, asked for with the cursor of the page before (a province has tens of thousands). */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

export interface FunctionCoverage {
  from: string;
  to: string;
  cells: CoverageCell[];
}

export interface SpecialNeedsCoverage {
  from: string;
  to: string;
  vulnerable: GroupCoverage;
  others: GroupCoverage;
  unservedCount: number;
  /** How many of the unserved lie in the asker's own area and are listed (null: not a coordinator of the area). */
  unservedListed: number | null;
  /** Only for coordinators of the area, a page at a time; null for everyone else. */
  unserved: UnservedNeed[] | null;
  unservedNextCursor: string | null;
}

export interface UnservedNeed {
  id: string;
  title: string;
  category: ServiceCategory;
  urgency: Urgency;
  jurisdiction: string;
  reportedAt: string;
}

export interface Lifecycle {
  from: string;
  to: string;
  active: number;
  reactiveOnly: number;
  /** reactiveOnly ÷ active; null with no active organization. */
  share: number | null;
  byPhase: Record<Phase, number>;
  /** A page of the organizations (`total` in all). */
  organizations: { organizationId: string; name: string; phases: Phase[] }[];
  total: number;
  nextCursor: string | null;
}

/**
 * Who worked with whom in the area and period: the whole graph's measures; `nodes` and `edges`
 * are only its best-connected organizations and the ties among them, `isolated` the first 1,000.
 */
export type Collaboration = CollaborationGraph & {
  from: string;
  to: string;
  /** Organizations in the whole graph. */
  order: number;
  /** Ties in the whole graph. */
  size: number;
  isolatedCount: number;
};

/** 常态化, 综合化, 互嵌化 and 开放化 of the area and period. */
export type Principles = PrincipleIndicators & { from: string; to: string };

/** Social organizations' share of one incident's work, day by day; who left and when. */
export interface IncidentSubstitution extends Omit<Substitution, 'departures'> {
  incidentId: string;
  departures: (Substitution['departures'][number] & { name: string })[];
}

/** A total of the 3W rows by organization (its id), by what or by place (its code). */
export interface ActivityTotal {
  key: string;
  count: number;
  organizations: number;
}

/** A place's total, named, and where its activity lies (null when nothing there has a position). */
export interface PlaceTotal extends ActivityTotal {
  name: string;
  lat: number | null;
  lon: number | null;
}

/** 3W: who did what where when in the area and period. */
export interface WhoWhatWhere {
  from: string;
  to: string;
  /** A page of the rows (`total` in all). */
  rows: ActivityRow[];
  total: number;
  nextCursor: string | null;
  /** The organizations with most activity (`organizations` in all). */
  byOrganization: ActivityTotal[];
  organizations: number;
  byWhat: ActivityTotal[];
  byPlace: PlaceTotal[];
}

export type { Lesson, LessonKind, PerformanceNote } from '../../src/model/lesson';
export type { Program, RecoveryFocus } from '../../src/model/program';

/** Recording a lesson or review (POST /lessons); a performance note's rating is optional. */
export interface LessonInput {
  kind: LessonKind;
  title: string;
  body: string;
  jurisdiction: string;
  incidentId?: string | null;
  programId?: string | null;
  tags?: string[];
  performance?: { organizationId: string; note: string; rating?: number | null }[];
}

export interface LessonQuery {
  q?: string;
  kind?: LessonKind;
  jurisdiction?: string;
  incidentId?: string;
  programId?: string;
  limit?: number;
  cursor?: string;
}

/** Recording a normal-time program (POST /programs). */
export type ProgramInput = Omit<Program, 'id' | 'createdBy' | 'createdAt' | 'updatedAt'>;

export interface ProgramQuery {
  jurisdiction?: string;
  from?: string;
  to?: string;
  organizationId?: string;
  kind?: ProgramKind;
  limit?: number;
  cursor?: string;
}
