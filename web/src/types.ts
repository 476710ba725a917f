/**
 * Shapes of the HTTP API's JSON as the web UI reads and sends them, each derived from the
 * server's TypeBox schema (src/http/<resource>/schemas.ts) — the schema that validates and
 * serializes the answer and documents it in the OpenAPI — so the UI cannot drift from the API.
 * Every import here is type-only: nothing of the server reaches the browser bundle. The
 * domain's words (statuses, kinds, categories) come from src/model, as on the server.
 */
import type { Static } from 'typebox';
import type * as alarms from '../../src/http/alarms/schemas';
import type * as alerts from '../../src/http/alerts/schemas';
import type * as allocation from '../../src/http/allocation/schemas';
import type * as analytics from '../../src/http/analytics/schemas';
import type * as audit from '../../src/http/audit/schemas';
import type * as auth from '../../src/http/auth/schemas';
import type * as bulletins from '../../src/http/bulletins/schemas';
import type * as capacity from '../../src/http/capacity/schemas';
import type * as command from '../../src/http/command/schemas';
import type * as common from '../../src/http/common-schemas';
import type * as deployments from '../../src/http/deployments/schemas';
import type * as embedding from '../../src/http/embedding/schemas';
import type * as imports from '../../src/http/imports/schemas';
import type * as evaluation from '../../src/http/incidents/evaluation-schemas';
import type * as incidents from '../../src/http/incidents/schemas';
import type * as knowledge from '../../src/http/knowledge/schemas';
import type * as ledger from '../../src/http/ledger/schemas';
import type * as membership from '../../src/http/membership/schemas';
import type * as money from '../../src/http/money/schemas';
import type * as needs from '../../src/http/needs/schemas';
import type * as notifications from '../../src/http/notifications/schemas';
import type * as offers from '../../src/http/offers/schemas';
import type * as organizations from '../../src/http/organizations/schemas';
import type * as passes from '../../src/http/passes/schemas';
import type * as programs from '../../src/http/programs/schemas';
import type * as publicDoor from '../../src/http/public/schemas';
import type * as reference from '../../src/http/reference/schemas';
import type * as revisions from '../../src/http/revision-schemas';
import type * as setup from '../../src/http/setup/schemas';
import type * as statements from '../../src/http/statements/schemas';
import type * as tasks from '../../src/http/tasks/schemas';
import type * as users from '../../src/http/users/schemas';
import type * as warehouses from '../../src/http/warehouses/schemas';
import type * as webhooks from '../../src/http/webhooks/schemas';

export type { TieKind } from '../../src/analysis/collaboration';
export type { CooperationMode, Recognition } from '../../src/analysis/cooperation-modes';
export type { Availability, CapacityKind, ExpiryState, RescueSpecialty } from '../../src/model/capacity';
export type { DeploymentStatus } from '../../src/model/deployment';
export type { AgreementType, Subsystem, VerifiableField } from '../../src/model/embedding';
export type { IncidentCategory, IncidentLevel, IncidentStage, WarningColor } from '../../src/model/incident';
export type { ChangeKind, IcsSection, StandbyAnswer } from '../../src/model/incident-command';
export type { MovementKind, WarehouseKind } from '../../src/model/inventory';
export type { JurisdictionLevel } from '../../src/model/jurisdictions';
export type { LessonKind } from '../../src/model/lesson';
export type { ApplicationDecision, MembershipStatus, MembershipTier } from '../../src/model/membership';
export type {
  CloseReason,
  NeedKind,
  NeedSource,
  NeedStatus,
  Urgency,
  VerificationLevel,
  VulnerableGroup,
} from '../../src/model/need';
export type { OfferKind, OfferSource, OfferStatus } from '../../src/model/offer';
export type { OrganizationKind } from '../../src/model/organization';
export type { CooperationType, ProgramKind, RecoveryFocus } from '../../src/model/program';
export type { Phase, ServiceCategory, Strategy } from '../../src/model/taxonomy';

// Accounts and sessions
export type User = Static<typeof users.UserSchema>;
/** An account as the account list shows it, with whether the reader may manage it. */
export type ManagedUser = Static<typeof users.ManagedUserSchema>;
export type UserPage = Static<typeof users.UserPage>;
export type NewUser = Static<typeof users.NewUserBody>;
export type UserPatch = Static<typeof users.UserPatchBody>;
export type Session = Static<typeof auth.SessionSchema>;
/** What the signed-in account may do (src/services/auth/capabilities.ts). */
export type Capabilities = Static<typeof auth.CapabilitiesSchema>;
export type DemoAccount = Static<typeof setup.DemoAccountSchema>;
export type SetupAnswer = Static<typeof setup.SetupAnswerSchema>;

// Reference data
export type Jurisdiction = Static<typeof reference.JurisdictionSchema>;
export type JurisdictionWithPath = Static<typeof reference.JurisdictionDetailSchema>;
export type MapSettings = Static<typeof reference.MapSettingsSchema>;

// The directory
export type OrganizationSummary = Static<typeof organizations.OrganizationSchema>;
export type Organization = OrganizationSummary;
export type OrganizationDetail = Static<typeof organizations.OrganizationDetailSchema>;
export type OrganizationPage = Static<typeof organizations.OrganizationPage>;
export type OrganizationInput = Static<typeof organizations.OrganizationBody>;
export type OrganizationPatch = Static<typeof organizations.OrganizationPatchBody>;
export type Membership = Static<typeof organizations.MembershipSchema>;
export type CultivationPlan = Static<typeof organizations.PlanSchema>;

// Membership
export type ApplicationInput = Static<typeof membership.ApplicationBody>;
export type ApplicationReceipt = Static<typeof membership.ApplicationReceiptSchema>;
export type Application = Static<typeof membership.ApplicationSchema>;
export type ApplicationPage = Static<typeof membership.ApplicationPage>;
export type DecisionInput = Static<typeof membership.DecisionBody>;
export type MembershipEvent = Static<typeof membership.MembershipEventSchema>;
export type MembershipDetail = Static<typeof membership.MembershipDetail>;
export type TransitionInput = Static<typeof membership.TransitionBody>;

// Embedding: filings, agreements, seats, verification
export type Filing = Static<typeof embedding.FilingSchema>;
export type Agreement = Static<typeof embedding.AgreementSchema>;
export type SeatView = Static<typeof embedding.SeatViewSchema>;
export type Verification = NonNullable<Static<typeof embedding.Verification>>;
export type Embedding = Static<typeof embedding.EmbeddingSchema>;
export type FilingInput = Static<typeof embedding.FilingBody>;
export type AgreementInput = Static<typeof embedding.AgreementBody>;
export type SeatInput = Static<typeof embedding.SeatBody>;

// Capacity and volunteers
export type CapacityItem = Static<typeof capacity.CapacitySchema>;
export type Specialty = Static<typeof capacity.SpecialtySchema>;
export type CapacityView = Static<typeof capacity.CapacityViewSchema>;
export type CapacityInput = Static<typeof capacity.CapacityBody>;
export type CapacityPatch = Static<typeof capacity.CapacityPatchBody>;
export type SpecialtyInput = Static<typeof capacity.SpecialtyBody>;
export type ExpiryWarning = Static<typeof capacity.WarningSchema>;
export type VolunteerView = Static<typeof capacity.VolunteerViewSchema>;
export type Certification = VolunteerView['certifications'][number];
export type VolunteerList = Static<typeof capacity.VolunteerListSchema>;
export type VolunteerInput = Static<typeof capacity.VolunteerBody>;
export type VolunteerPatch = Static<typeof capacity.VolunteerPatchBody>;

// Roster import
export type ImportRowReport = Static<typeof imports.ImportRowReportSchema>;
export type ImportOutcome = ImportRowReport['outcome'];
export type ImportReport = Static<typeof imports.ImportReportSchema>;
export type ImportJob = Static<typeof imports.ImportJobSchema>;
export type NeedImportJob = Static<typeof imports.NeedImportJobSchema>;
export type NeedImportRow = Static<typeof imports.NeedImportRowSchema>;
export type NeedImportOutcome = NeedImportRow['outcome'];
export type SheetField = Static<typeof imports.SheetField>;

// Incidents and deployments
export type IncidentSummary = Static<typeof incidents.IncidentSummary>;
export type Incident = Static<typeof incidents.IncidentSchema>;
export type IncidentDetail = Static<typeof incidents.IncidentDetail>;
export type IncidentPolicy = Static<typeof incidents.PolicySchema>;
export type StageChange = Static<typeof incidents.StageChangeSchema>;
export type IncidentInput = Static<typeof incidents.IncidentBody>;
export type AlarmView = Static<typeof alarms.AlarmSchema>;
export type MyTasks = Static<typeof tasks.MyTasksSchema>;
export type IncidentPatch = Static<typeof incidents.IncidentPatchBody>;
export type IncidentChange = Static<typeof incidents.IncidentChangeSchema>;
export type IncidentCentres = Static<typeof command.IncidentCentresSchema>;
export type CentreView = Static<typeof command.CentreSchema>;
export type CentreActivation = Static<typeof command.ActivateBody>;
export type CentreSeatInput = Static<typeof command.SeatInputSchema>;
export type EligibleStaff = Static<typeof command.EligibleList>['items'][number];
export type StandbyRosterView = Static<typeof command.StandbyRosterSchema>;
export type StandbyRequestView = Static<typeof command.StandbySchema>;
export type DeploymentView = Static<typeof deployments.DeploymentSchema>;
export type DeploymentLogEntry = Static<typeof deployments.DeploymentLogEntry>;
export type DeploymentDetail = Static<typeof deployments.DeploymentDetail>;
export type DeploymentInput = Static<typeof deployments.DeploymentBody>;
export type DeploymentMove = Static<typeof deployments.DeploymentMoveBody>;
export type PassView = Static<typeof passes.PassSchema>;
export type PassClaims = Static<typeof passes.PassClaimsSchema>;
export type PassStatus = Static<typeof passes.PassStatusSchema>;
export type Jwks = Static<typeof passes.JwksSchema>;

// Needs
export type NeedView = Static<typeof needs.NeedSchema>;
export type NeedPage = Static<typeof needs.NeedPage>;
export type Holder = Static<typeof needs.HolderSchema>;
export type NeedHistoryEntry = Static<typeof needs.NeedHistoryEntry>;
export type DuplicateFlag = Static<typeof needs.DuplicateFlagSchema>;
export type NeedDetail = Static<typeof needs.NeedDetail>;
export type NeedMapPoint = Static<typeof needs.NeedMapPointSchema>;
export type NeedMapAnswer = Static<typeof needs.NeedMapAnswerSchema>;
export type ReportedNeed = Static<typeof needs.ReportedNeedSchema>;
export type Claim = Static<typeof needs.ClaimSchema>;
export type ClaimAnswer = Static<typeof needs.ClaimAnswerSchema>;
export type NeedInput = Static<typeof needs.NeedBody>;
/** The filters of the needs list and the map, and a page of the list (the server fills in defaults). */
export type NeedQuery = Partial<Static<typeof needs.NeedListQuery>>;
export type Recommendation = Static<typeof needs.RecommendationList>['items'][number];
export type RecommendationFilters = Partial<Static<typeof needs.RecommendationQuery>>;
/** Who holds a need, as a claim_conflict problem names them. */
export type ConflictHolder = NonNullable<Static<typeof common.ProblemSchema>['holders']>[number];

// Resources: the item catalogue, what is needed now, offers and pledges
export type CatalogueItem = Static<typeof offers.ItemSchema>;
export type ItemCatalogue = Static<typeof offers.ItemCatalogue>;
export type NeededNow = Static<typeof offers.NeededNowSchema>;
export type PublicOfferInput = Static<typeof offers.PublicOfferBody>;
export type PublicOfferAnswer = Static<typeof offers.PublicOfferAnswer>;
export type Transparency = Static<typeof offers.TransparencySchema>;
export type DonationPath = Static<typeof offers.DonationPathSchema>;
export type DonationStep = DonationPath['steps'][number];
export type OrganizationOfferInput = Static<typeof offers.OrganizationOfferBody>;
export type OfferView = Static<typeof offers.OfferSchema>;
export type OfferPage = Static<typeof offers.OfferList>;
/** The filters of an incident's offers and a page of them. */
export type OfferQuery = Partial<Static<typeof offers.OfferQuery>>;
// Money received, disbursed and given back by organizations
export type MoneyReceiptInput = Static<typeof money.MoneyReceiptBody>;
export type DisbursementInput = Static<typeof money.DisbursementBody>;
export type MoneyReturnInput = Static<typeof money.MoneyReturnBody>;
export type MoneyMovementView = Static<typeof money.MoneyMovementSchema>;

// Allocation plans (调配方案) and the shipments they make
export type AllocationPlan = Static<typeof allocation.PlanSchema>;
export type AllocationLine = AllocationPlan['lines'][number];
export type AllocationPlanSummary = Static<typeof allocation.PlanList>['items'][number];
export type AllocationInput = Static<typeof allocation.AllocationsBody>['allocations'][number];
export type CommittedPlan = Static<typeof allocation.CommitAnswer>;
export type ShipmentView = Static<typeof allocation.ShipmentSchema>;
export type ShipmentStep = Static<typeof allocation.TransitionBody>;
export type { PlanStatus, ShipmentStatus } from '../../src/model/allocation';

// The public door
export type PublicIncident = Static<typeof publicDoor.PublicIncidentSchema>;
export type PublicNeed = Static<typeof needs.PublicNeedSchema>;
export type PublicReceipt = Static<typeof publicDoor.PublicReceiptSchema>;
export type PublicReport = Static<typeof publicDoor.PublicReportBody>;
export type PublicReportAnswer = Static<typeof publicDoor.PublicReportAnswer>;

// Network analytics: aggregates of an area and a period
export type AnalyticsScope = Static<typeof analytics.Scope>;
/** A page of a long list, asked for with the cursor of the page before (a province has tens of thousands). */
export type PageQuery = { limit?: number; cursor?: string };
export type CooperationModeItem = Static<typeof analytics.CooperationModeItem>;
export type CooperationModeCell = Static<typeof analytics.CooperationModeCell>;
export type CooperationModes = Static<typeof analytics.CooperationModesSchema>;
export type CoverageCell = Static<typeof analytics.CoverageCell>;
export type FunctionCoverage = Static<typeof analytics.FunctionCoverageSchema>;
export type GroupCoverage = Static<typeof analytics.GroupCoverage>;
export type UnservedNeed = Static<typeof analytics.UnservedNeed>;
export type SpecialNeedsCoverage = Static<typeof analytics.SpecialNeedsSchema>;
export type Lifecycle = Static<typeof analytics.LifecycleSchema>;
export type Collaboration = Static<typeof analytics.CollaborationSchema>;
export type Principles = Static<typeof analytics.PrinciplesSchema>;
export type IncidentSubstitution = Static<typeof analytics.SubstitutionSchema>;
export type ActivityRow = Static<typeof analytics.ActivityRow>;
export type ActivityTotal = Static<typeof analytics.ActivityTotal>;
export type PlaceTotal = Static<typeof analytics.PlaceTotal>;
export type WhoWhatWhere = Static<typeof analytics.WhoWhatWhereSchema>;
export type HxlImportReport = Static<typeof analytics.HxlImportReportSchema>;

// Knowledge and programs
export type Lesson = Static<typeof knowledge.LessonSchema>;
export type LessonPage = Static<typeof knowledge.LessonPage>;
export type PerformanceNote = Static<typeof knowledge.PerformanceNoteSchema>;
export type LessonInput = Static<typeof knowledge.LessonBody>;
export type LessonQuery = Partial<Static<typeof knowledge.LessonQuery>>;
export type Program = Static<typeof programs.ProgramSchema>;
export type ProgramPage = Static<typeof programs.ProgramPage>;
export type ProgramInput = Static<typeof programs.ProgramBody>;
export type ProgramQuery = Partial<Static<typeof programs.ProgramQuery>>;
export type ProgramPatch = Static<typeof programs.ProgramPatchBody>;
export type LessonPatch = Static<typeof knowledge.LessonPatchBody>;
/** One edit of a program or lesson: the fields it changed. */
export type Revision = Static<typeof revisions.RevisionSchema>;

// Records and evaluation
/** An organization's record on the platform (src/analysis/performance.ts). */
export type OrganizationRecord = Static<typeof organizations.OrganizationRecordSchema>;
export type IncidentEvaluation = Static<typeof evaluation.EvaluationSchema>;
export type EvaluationLanguage = IncidentEvaluation['lang'];

// The audit log
export type AuditRecord = Static<typeof audit.AuditRecordSchema>;
export type AuditPage = Static<typeof audit.AuditPage>;
export type ChainReport = Static<typeof audit.ChainReportSchema>;

// Warehouses, their stock and movements; an incident's ledger
export type WarehouseView = Static<typeof warehouses.WarehouseSchema>;
export type WarehousePage = Static<typeof warehouses.WarehousePage>;
export type WarehouseInput = Static<typeof warehouses.WarehouseBody>;
/** The filters of the warehouse list and a page of it (the server fills in defaults). */
export type WarehouseQuery = Partial<Static<typeof warehouses.WarehouseQuery>>;
export type StockLine = Static<typeof warehouses.StockLineSchema>;
export type MovementView = Static<typeof warehouses.MovementSchema>;
export type MovementPage = Static<typeof warehouses.MovementPage>;
export type MovementInput = Static<typeof warehouses.MovementBody>;
export type RecordedMovement = Static<typeof warehouses.RecordedMovementSchema>;
export type IncidentLedger = Static<typeof ledger.IncidentLedgerSchema>;

// Early warnings (CAP 1.2)
export type AlertView = Static<typeof alerts.AlertSchema>;
export type PublicAlertView = Static<typeof alerts.PublicAlertSchema>;
export type AlertList = Static<typeof alerts.AlertList>;
export type AlertInput = Static<typeof alerts.AlertBody>;
export type AlertChangeInput = Static<typeof alerts.AlertChangeBody>;
export type AlertPreview = Static<typeof alerts.PreviewAnswer>;
export type AlertListQuery = Partial<Static<typeof alerts.AlertListQuery>>;
export type OpenedIncident = Static<typeof alerts.OpenedIncident>;
// Webhooks (Standard Webhooks) and their delivery log
export type WebhookView = Static<typeof webhooks.WebhookSchema>;
export type WebhookInput = Static<typeof webhooks.WebhookBody>;
export type CreatedWebhook = Static<typeof webhooks.CreatedWebhookSchema>;
export type WebhookDelivery = Static<typeof webhooks.DeliverySchema>;
export type WebhookDeliveryPage = Static<typeof webhooks.DeliveryPage>;
export { EVENT_TYPES } from '../../src/model/platform-event';
export type NotificationView = Static<typeof notifications.NotificationSchema>;
export type NotificationPage = Static<typeof notifications.NotificationList>;
export type SubscriptionView = Static<typeof notifications.SubscriptionSchema>;
export type SubscriptionInput = Static<typeof notifications.SubscriptionBody>;
export type StatementView = Static<typeof statements.StatementSchema>;
export type RumourView = Static<typeof statements.RumourSchema>;
export type StatementInput = Static<typeof statements.StatementBody>;
export type RumourInput = Static<typeof statements.RumourBody>;
export type BulletinView = Static<typeof bulletins.BulletinSchema>;
export type BulletinInput = Static<typeof bulletins.BulletinBody>;
export type BulletinPatch = Static<typeof bulletins.BulletinPatchBody>;
