/** Table types as Kysely sees them. Times are ISO-8601 UTC text; JSON is text. */
import type { Kysely, Transaction } from 'kysely';

export interface OrganizationsTable {
  id: string;
  kind: string;
  name: string;
  name_en: string | null;
  search_key: string;
  sort_key: string;
  credit_code: string | null;
  supervising_agency: string | null;
  jurisdictions: string;
  base_lat: number | null;
  base_lon: number | null;
  capabilities: string;
  archived_at: string | null;
  membership_status: string;
  membership_tier: string;
  cultivation_plan: string | null;
  created_at: string;
  updated_at: string;
  /** 公开募捐资格: 1 when the organization holds it; the day it was granted, if known. */
  public_fundraising_qualified: number;
  public_fundraising_since: string | null;
}

export interface OrganizationJurisdictionsTable {
  organization_id: string;
  code: string;
  province: string;
  city: string;
}

export interface OrganizationCellsTable {
  organization_id: string;
  cell: string;
}

export interface OrganizationCategoriesTable {
  organization_id: string;
  category: string;
}

export interface OrganizationSearchTermsTable {
  term: string;
  organization_id: string;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string | null;
  password_hash: string;
  role: string;
  organization_id: string | null;
  jurisdiction: string | null;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  kind: string;
  label: string | null;
  csrf_token: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface MembershipEventsTable {
  id: string;
  organization_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  tier: string;
  actor_id: string;
  reason: string;
  plan: string | null;
  at: string;
}

export interface ApplicationsTable {
  id: string;
  organization_id: string;
  home_jurisdiction: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string | null;
  status: string;
  decision: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

interface VerifiedColumns {
  declared_by: string;
  verified_by: string | null;
  verified_at: string | null;
  created_at: string;
}

export interface FilingsTable extends VerifiedColumns {
  id: string;
  organization_id: string;
  department: string;
  filed_on: string;
  reference: string | null;
}

export interface AgreementsTable extends VerifiedColumns {
  id: string;
  organization_id: string;
  counterpart_id: string;
  type: string;
  valid_from: string;
  valid_to: string | null;
  reference: string | null;
}

export interface SeatsTable extends VerifiedColumns {
  id: string;
  organization_id: string;
  structure: string;
  subsystem: string;
  liaison_name: string;
  from_on: string;
  to_on: string | null;
}

export interface FieldVerificationsTable {
  organization_id: string;
  field: string;
  value: string;
  verified_by: string;
  verified_at: string;
}

export interface CapacitiesTable extends VerifiedColumns {
  id: string;
  organization_id: string;
  kind: string;
  type: string;
  type_level: number;
  quantity: number;
  description: string | null;
  updated_at: string;
}

export interface SpecialtiesTable extends VerifiedColumns {
  id: string;
  organization_id: string;
  specialty: string;
  grade: number;
  assessed_by: string;
  valid_until: string;
}

export interface VolunteersTable extends VerifiedColumns {
  id: string;
  organization_id: string;
  name: string;
  phone: string | null;
  skills: string;
  certifications: string;
  insurance_expires_on: string | null;
  availability: string;
  active: number;
  updated_at: string;
}

export interface ImportJobsTable {
  id: string;
  kind: string;
  actor_id: string;
  file_name: string | null;
  status: string;
  total: number;
  processed: number;
  report: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  /** Imports of needs: their incident, options, the proposed or confirmed column mapping, and the sheet's rows. */
  incident_id: string | null;
  options: string | null;
  mapping: string | null;
  sheet: string | null;
}

/** Rows of spreadsheets imported as needs, by their identity within an incident. */
export interface NeedImportRowsTable {
  incident_id: string;
  row_key: string;
  need_id: string;
  import_id: string;
  created_at: string;
}

export interface IncidentsTable {
  id: string;
  name: string;
  category: string;
  type: string;
  level: number;
  warning_color: string | null;
  jurisdictions: string;
  stage: string;
  policy: string;
  description: string | null;
  declared_by: string;
  created_at: string;
  updated_at: string;
}

export interface IncidentStagesTable {
  incident_id: string;
  seq: number;
  from_stage: string | null;
  to_stage: string;
  actor_id: string;
  reason: string | null;
  at: string;
}

export interface IncidentChangesTable {
  incident_id: string;
  seq: number;
  kind: string;
  /** JSON of the value before and after. */
  from_value: string;
  to_value: string;
  actor_id: string;
  reason: string;
  at: string;
}

export interface CoordinationCentresTable {
  id: string;
  incident_id: string;
  location: string | null;
  activated_at: string;
  activated_by: string;
  activation_reason: string;
  stood_down_at: string | null;
  stood_down_by: string | null;
  stand_down_reason: string | null;
}

export interface CentreSeatsTable {
  id: string;
  centre_id: string;
  subsystem: string;
  organization_id: string;
  basis_kind: string;
  basis_id: string;
  liaison_name: string | null;
  liaison_phone: string | null;
  added_by: string;
  added_at: string;
}

export interface StandbyRequestsTable {
  id: string;
  incident_id: string;
  organization_id: string;
  note: string | null;
  requested_by: string;
  requested_at: string;
  answer: string;
  answer_note: string | null;
  answered_by: string | null;
  answered_at: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

export interface DeploymentsTable {
  id: string;
  incident_id: string;
  organization_id: string;
  team_name: string;
  leader_name: string;
  leader_phone: string;
  headcount: number;
  specialties: string;
  equipment: string;
  vehicles: number;
  origin: string;
  eta: string | null;
  invitation_reference: string | null;
  status: string;
  zone: string | null;
  reason: string | null;
  last_check_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeploymentEventsTable {
  deployment_id: string;
  seq: number;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  lat: number | null;
  lon: number | null;
  actor_id: string;
  at: string;
}

export interface PassKeysTable {
  kid: string;
  generation: number;
  public_jwk: string;
  private_key: string;
  created_at: string;
}

export interface PassesTable {
  id: string;
  deployment_id: string;
  kid: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoke_reason: string | null;
}

export interface NeedsTable {
  id: string;
  incident_id: string;
  title: string;
  description: string | null;
  kind: string;
  category: string;
  quantity: number;
  unit: string;
  jurisdiction: string;
  lat: number | null;
  lon: number | null;
  location_needed: number;
  cell: string | null;
  urgency: string;
  vulnerable_groups: string;
  people_affected: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  address: string | null;
  source: string;
  verification_level: string;
  verified_by: string | null;
  verified_at: string | null;
  status: string;
  claimed_quantity: number;
  fulfilled_quantity: number;
  item: string | null;
  close_reason: string | null;
  close_note: string | null;
  duplicate_of: string | null;
  receipt_code: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface NeedClaimsTable {
  id: string;
  need_id: string;
  organization_id: string;
  quantity: number;
  status: string;
  dispatched_by: string | null;
  note: string | null;
  claimed_by: string;
  claimed_at: string;
  progress_at: string | null;
  expires_at: string;
  ended_at: string | null;
}

export interface NeedEventsTable {
  need_id: string;
  seq: number;
  kind: string;
  detail: string;
  actor_id: string;
  at: string;
}

export interface NeedDuplicatesTable {
  need_id: string;
  candidate_id: string;
  score: number;
  reasons: string;
  status: string;
  created_at: string;
}

export interface ProgramsTable {
  id: string;
  title: string;
  kind: string;
  recovery_focus: string | null;
  strategy: string;
  phase: string;
  stage: string;
  lead_organization_id: string;
  /** JSON array of GB/T 2260 codes. */
  jurisdictions: string;
  starts_on: string;
  ends_on: string | null;
  people_reached: number;
  cooperation_type: string;
  description: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ProgramAreasTable {
  program_id: string;
  code: string;
  province: string;
  city: string;
}

export interface ProgramPartnersTable {
  program_id: string;
  organization_id: string;
}

export interface LessonsTable {
  id: string;
  kind: string;
  title: string;
  body: string;
  jurisdiction: string;
  incident_id: string | null;
  program_id: string | null;
  /** JSON array of strings. */
  tags: string;
  /** JSON array of performance notes. */
  performance: string;
  search_key: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One edit of a program or lesson: the fields it changed (JSON [{ field, from, to }]). */
export interface RevisionsTable {
  record_type: string;
  record_id: string;
  seq: number;
  changes: string;
  actor_id: string;
  at: string;
}

export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  body_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface LiveEventsTable {
  seq: number;
  incident_id: string;
  kind: string;
  entity_id: string;
  at: string;
}

/** What happened, for subscriptions, notifications and webhooks (src/model/platform-event.ts). */
export interface PlatformEventsTable {
  seq: number;
  type: string;
  entity_id: string;
  incident_id: string | null;
  organization_id: string | null;
  jurisdiction: string | null;
  category: string | null;
  at: string;
}

/** An activity read from a partner's HXL 3W table (migration 0029): a platform organization's, or an external one's. */
export interface ExternalActivitiesTable {
  id: string;
  key: string;
  organization_id: string | null;
  organization_name: string;
  credit_code: string | null;
  what: string;
  activity: string | null;
  jurisdiction: string;
  starts_on: string;
  ends_on: string | null;
  count: number;
  reached: number | null;
  lat: number | null;
  lon: number | null;
  imported_by: string;
  imported_at: string;
}

/** Early warnings as CAP 1.2, published here or ingested (src/model/alert.ts). */
export interface AlertsTable {
  id: string;
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msg_type: string;
  scope: string;
  refs: string | null;
  note: string | null;
  origin: string;
  state: string;
  event: string;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  warning_color: string | null;
  category: string;
  urgency: string;
  severity: string;
  certainty: string;
  /** JSON array of GB/T 2260 codes. */
  jurisdictions: string;
  area_desc: string;
  /** JSON array of [lat, lon], or null. */
  polygon: string | null;
  effective: string | null;
  expires: string | null;
  xml: string;
  created_by: string;
  created_at: string;
}

export interface AlertIncidentsTable {
  alert_id: string;
  incident_id: string;
}

/** A signed official statement (src/model/statement.ts), with the JWS signed at issue. */
export interface StatementsTable {
  id: string;
  incident_id: string | null;
  title: string;
  body: string;
  issuing_organization_id: string;
  issuer_name: string;
  kid: string;
  jws: string;
  issued_by: string;
  issued_at: string;
}

/** A rumour seen about an incident and the statement that answers it, once there is one. */
export interface RumoursTable {
  id: string;
  incident_id: string;
  text: string;
  seen_where: string;
  seen_at: string;
  statement_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** A bulletin or situation report (src/model/bulletin.ts); attachments are JSON. */
export interface BulletinsTable {
  id: string;
  incident_id: string | null;
  jurisdiction: string | null;
  kind: string;
  title: string;
  body: string;
  source: string | null;
  author_organization_id: string;
  authority: string;
  audience: string;
  attachments: string;
  supersedes_id: string | null;
  relation: string | null;
  status: string;
  verified_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** A user's in-app notification. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  type: string;
  title: string;
  incident_id: string | null;
  entity_id: string | null;
  link: string | null;
  event_seq: number | null;
  created_at: string;
  read_at: string | null;
}

/** What a user follows (null: any), and by which channels. */
export interface SubscriptionsTable {
  id: string;
  user_id: string;
  incident_id: string | null;
  jurisdiction: string | null;
  category: string | null;
  kinds: string | null;
  channels: string;
  language: string | null;
  created_at: string;
}

/** An e-mail to send, kept until it was sent. */
export interface MailOutboxTable {
  id: string;
  user_id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

/** Where a follower of platform_events stands, and who holds its lease. */
export interface EventCursorsTable {
  name: string;
  seq: number;
  lease_holder: string | null;
  lease_until: string | null;
}

/** A claim.expiring event already recorded for a claim and its expiry. */
export interface ClaimWarningsTable {
  claim_id: string;
  expires_at: string;
  warned_at: string;
}

export interface AlarmsTable {
  id: string;
  incident_id: string;
  kind: string;
  subject_id: string;
  organization_id: string | null;
  due_at: string;
  raised_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_at: string | null;
}

export interface OffersTable {
  id: string;
  incident_id: string;
  reference_code: string;
  kind: string;
  item: string | null;
  quantity: number | null;
  /** bigint: PostgreSQL answers it as a string. */
  amount_fen: number | string | null;
  jurisdiction: string;
  lat: number | null;
  lon: number | null;
  available_from: string | null;
  available_until: string | null;
  conditions: string | null;
  note: string | null;
  donor_name: string | null;
  donor_phone: string | null;
  organization_id: string | null;
  source: string;
  unwanted_reason: string | null;
  raised_publicly: number;
  status: string;
  received_quantity: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface UnwantedItemsTable {
  incident_id: string;
  item: string;
  reason: string;
  marked_by: string;
  marked_at: string;
}

/**
 * A `bigint` column: better-sqlite3 answers a number, node-postgres a string (it may exceed
 * 2^53); repositories convert with Number(). Amounts in them are integers (src/model/ledger.ts).
 */
export type BigIntColumn = number | string;

export interface WarehousesTable {
  id: string;
  name: string;
  kind: string;
  organization_id: string;
  jurisdiction: string;
  lat: number;
  lon: number;
  address: string | null;
  created_at: string;
  archived_at: string | null;
}

export interface InventoryStockTable {
  warehouse_id: string;
  item: string;
  /** Thousandths of the item's unit. */
  quantity: BigIntColumn;
  updated_at: string;
}

export interface InventoryMovementsTable {
  id: string;
  warehouse_id: string;
  kind: string;
  item: string;
  /** Thousandths of the item's unit; signed for adjustments. */
  quantity: BigIntColumn;
  to_warehouse_id: string | null;
  reason: string | null;
  incident_id: string | null;
  offer_reference: string | null;
  transaction_id: string;
  actor_id: string;
  at: string;
}

/** Money an organization received, disbursed or gave back; the amounts are also in the ledger. */
export interface MoneyMovementsTable {
  id: string;
  incident_id: string;
  organization_id: string;
  kind: string;
  /** Fen. */
  amount_fen: BigIntColumn;
  offer_id: string | null;
  need_id: string | null;
  raised_publicly: number;
  purpose: string | null;
  transaction_id: string;
  actor_id: string;
  at: string;
}

export interface LedgerTransactionsTable {
  id: string;
  incident_id: string | null;
  kind: string;
  movement_id: string | null;
  offer_id: string | null;
  shipment_id: string | null;
  actor_id: string;
  at: string;
}

export interface LedgerEntriesTable {
  transaction_id: string;
  seq: number;
  account_kind: string;
  account_id: string;
  asset: string;
  /** Fen for money, thousandths of the unit for goods. */
  amount: BigIntColumn;
  incident_id: string | null;
  organization_id: string | null;
  jurisdiction: string | null;
}

/** The balance of each account per asset and incident ('' for none), kept by every posting. */
export interface LedgerBalancesTable {
  incident_id: string;
  account_kind: string;
  account_id: string;
  asset: string;
  balance: BigIntColumn;
}

/**
 * What moved into and out of each kind of account per incident, kind of transaction, asset,
 * and the entry's organization and area ('' for none).
 */
export interface LedgerFlowsTable {
  incident_id: string;
  kind: string;
  account_kind: string;
  asset: string;
  organization_id: string;
  jurisdiction: string;
  moved_in: BigIntColumn;
  moved_out: BigIntColumn;
}

export interface AllocationPlansTable {
  id: string;
  incident_id: string;
  status: string;
  max_distance_km: number;
  score: number;
  upper_bound: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface AllocationLinesTable {
  plan_id: string;
  seq: number;
  need_id: string;
  supply_key: string;
  item: string;
  quantity: number;
  distance_km: number;
}

export interface ShipmentsTable {
  id: string;
  incident_id: string;
  plan_id: string | null;
  need_id: string;
  claim_id: string;
  organization_id: string;
  item: string;
  quantity: number;
  received_quantity: number | null;
  warehouse_id: string | null;
  offer_id: string | null;
  status: string;
  reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ShipmentEventsTable {
  shipment_id: string;
  seq: number;
  status: string;
  quantity: number | null;
  reason: string | null;
  actor_id: string;
  at: string;
}

export interface Tables {
  organizations: OrganizationsTable;
  organization_jurisdictions: OrganizationJurisdictionsTable;
  organization_cells: OrganizationCellsTable;
  organization_categories: OrganizationCategoriesTable;
  organization_search_terms: OrganizationSearchTermsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  membership_events: MembershipEventsTable;
  applications: ApplicationsTable;
  filings: FilingsTable;
  agreements: AgreementsTable;
  seats: SeatsTable;
  field_verifications: FieldVerificationsTable;
  capacities: CapacitiesTable;
  specialties: SpecialtiesTable;
  volunteers: VolunteersTable;
  import_jobs: ImportJobsTable;
  need_import_rows: NeedImportRowsTable;
  incidents: IncidentsTable;
  incident_stages: IncidentStagesTable;
  incident_changes: IncidentChangesTable;
  coordination_centres: CoordinationCentresTable;
  centre_seats: CentreSeatsTable;
  standby_requests: StandbyRequestsTable;
  deployments: DeploymentsTable;
  deployment_events: DeploymentEventsTable;
  pass_keys: PassKeysTable;
  passes: PassesTable;
  needs: NeedsTable;
  need_claims: NeedClaimsTable;
  need_events: NeedEventsTable;
  need_duplicates: NeedDuplicatesTable;
  idempotency_keys: IdempotencyKeysTable;
  live_events: LiveEventsTable;
  platform_events: PlatformEventsTable;
  external_activities: ExternalActivitiesTable;
  personal_data_keys: PersonalDataKeysTable;
  erasures: ErasuresTable;
  alerts: AlertsTable;
  alert_incidents: AlertIncidentsTable;
  statements: StatementsTable;
  rumours: RumoursTable;
  bulletins: BulletinsTable;
  notifications: NotificationsTable;
  subscriptions: SubscriptionsTable;
  mail_outbox: MailOutboxTable;
  event_cursors: EventCursorsTable;
  claim_warnings: ClaimWarningsTable;
  alarms: AlarmsTable;
  programs: ProgramsTable;
  program_areas: ProgramAreasTable;
  program_partners: ProgramPartnersTable;
  lessons: LessonsTable;
  revisions: RevisionsTable;
  offers: OffersTable;
  unwanted_items: UnwantedItemsTable;
  warehouses: WarehousesTable;
  inventory_stock: InventoryStockTable;
  inventory_movements: InventoryMovementsTable;
  money_movements: MoneyMovementsTable;
  ledger_transactions: LedgerTransactionsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_balances: LedgerBalancesTable;
  ledger_flows: LedgerFlowsTable;
  allocation_plans: AllocationPlansTable;
  allocation_lines: AllocationLinesTable;
  shipments: ShipmentsTable;
  shipment_events: ShipmentEventsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}

export interface WebhooksTable {
  id: string;
  owner_id: string;
  url: string;
  /** JSON array of event type names. */
  events: string;
  /** The `whsec_` secret, encrypted with the server's secret. */
  secret: string;
  created_at: string;
  consecutive_failures: number;
  disabled_at: string | null;
  disabled_reason: string | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_seq: number;
  event_type: string;
  /** The JSON body sent: `{ type, timestamp, data }`. */
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  leased_until: string | null;
  /** The node (a random id per process) holding the lease. */
  leased_by: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  started_at: string;
  finished_at: string;
  status_code: number | null;
  response_excerpt: string | null;
  error: string | null;
}

/** A data key sealing personal values in audit records, wrapped by the audit key; null once erased. */
export interface PersonalDataKeysTable {
  kid: string;
  /** `incident`, `need` (its reporter) or `offer` (its donor). */
  owner_kind: string;
  owner_id: string;
  wrapped: string | null;
  created_at: string;
  erased_at: string | null;
}

/** One erasure done: of an incident's personal data, or one need's or offer's. */
export interface ErasuresTable {
  id: string;
  /** `incident`, `need` or `offer`. */
  scope: string;
  subject_id: string;
  /** `retention` (the sweep) or `request`. */
  reason: string;
  actor_id: string;
  at: string;
}

/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<Tables> | Transaction<Tables>;
