/**
 * The class of every column of every table, in one place (src/model/privacy.ts says what a
 * class means for each reader). The type makes a column without a class a compile error and
 * test/db/field-classes.test.ts compares it with the migrated databases, so a field added
 * later cannot skip the rule. Records that leave the server (answers, exports, the audit log)
 * are classified through their entity: its table's columns by their camelCase names, plus
 * the fields a view adds.
 */
import type { FieldClass, FieldRule } from '../model/privacy';
import type { Tables } from './schema';

const PUBLIC: FieldRule = { class: 'public' };
const INTERNAL: FieldRule = { class: 'internal' };
const PERSONAL: FieldRule = { class: 'personal' };
const SENSITIVE: FieldRule = { class: 'sensitive' };
/** The exact place of an affected person: sensitive, and coarsened to the public grid rather than dropped. */
const LOCATION: FieldRule = { class: 'sensitive', location: true };
const SECRET: FieldRule = { class: 'secret' };

type Classified = { [T in keyof Tables]: { [C in keyof Tables[T]]-?: FieldRule } };

const VERIFIED = { declared_by: INTERNAL, verified_by: INTERNAL, verified_at: INTERNAL, created_at: INTERNAL };

export const COLUMN_CLASSES: Classified = {
  organizations: {
    id: PUBLIC,
    kind: PUBLIC,
    name: PUBLIC,
    name_en: PUBLIC,
    search_key: INTERNAL,
    sort_key: INTERNAL,
    credit_code: INTERNAL,
    supervising_agency: INTERNAL,
    jurisdictions: INTERNAL,
    base_lat: INTERNAL,
    base_lon: INTERNAL,
    capabilities: INTERNAL,
    archived_at: INTERNAL,
    membership_status: INTERNAL,
    membership_tier: INTERNAL,
    cultivation_plan: INTERNAL,
    created_at: INTERNAL,
    updated_at: INTERNAL,
    // Whether it may raise money from the public (公开募捐资格): a public fact of its registration.
    public_fundraising_qualified: PUBLIC,
    public_fundraising_since: PUBLIC,
  },
  organization_jurisdictions: { organization_id: INTERNAL, code: INTERNAL, province: INTERNAL, city: INTERNAL },
  organization_cells: { organization_id: INTERNAL, cell: INTERNAL },
  organization_categories: { organization_id: INTERNAL, category: INTERNAL },
  organization_search_terms: { term: INTERNAL, organization_id: INTERNAL },
  users: {
    id: INTERNAL,
    email: PERSONAL,
    display_name: PERSONAL,
    password_hash: SECRET,
    role: INTERNAL,
    organization_id: INTERNAL,
    jurisdiction: INTERNAL,
    disabled: INTERNAL,
    failed_logins: INTERNAL,
    locked_until: INTERNAL,
    created_at: INTERNAL,
    updated_at: INTERNAL,
  },
  sessions: {
    id: SECRET,
    user_id: INTERNAL,
    kind: INTERNAL,
    label: INTERNAL,
    csrf_token: SECRET,
    created_at: INTERNAL,
    expires_at: INTERNAL,
    revoked_at: INTERNAL,
  },
  audit_log: {
    seq: INTERNAL,
    at: INTERNAL,
    actor_id: INTERNAL,
    action: INTERNAL,
    entity_type: INTERNAL,
    entity_id: INTERNAL,
    // Personal values inside are encrypted (src/services/audit/record-change.ts).
    before: PERSONAL,
    after: PERSONAL,
    prev_hash: INTERNAL,
    hash: INTERNAL,
  },
  audit_head: { id: INTERNAL, seq: INTERNAL, hash: INTERNAL },
  membership_events: {
    id: INTERNAL,
    organization_id: INTERNAL,
    seq: INTERNAL,
    from_status: INTERNAL,
    to_status: INTERNAL,
    tier: INTERNAL,
    actor_id: INTERNAL,
    reason: INTERNAL,
    plan: INTERNAL,
    at: INTERNAL,
  },
  applications: {
    id: INTERNAL,
    organization_id: INTERNAL,
    home_jurisdiction: INTERNAL,
    contact_name: PERSONAL,
    contact_phone: PERSONAL,
    contact_email: PERSONAL,
    status: INTERNAL,
    decision: INTERNAL,
    reason: INTERNAL,
    decided_by: INTERNAL,
    decided_at: INTERNAL,
    created_at: INTERNAL,
  },
  filings: {
    ...VERIFIED,
    id: INTERNAL,
    organization_id: INTERNAL,
    department: INTERNAL,
    filed_on: INTERNAL,
    reference: INTERNAL,
  },
  agreements: {
    ...VERIFIED,
    id: INTERNAL,
    organization_id: INTERNAL,
    counterpart_id: INTERNAL,
    type: INTERNAL,
    valid_from: INTERNAL,
    valid_to: INTERNAL,
    reference: INTERNAL,
  },
  seats: {
    ...VERIFIED,
    id: INTERNAL,
    organization_id: INTERNAL,
    structure: INTERNAL,
    subsystem: INTERNAL,
    liaison_name: PERSONAL,
    from_on: INTERNAL,
    to_on: INTERNAL,
  },
  field_verifications: {
    organization_id: INTERNAL,
    field: INTERNAL,
    value: INTERNAL,
    verified_by: INTERNAL,
    verified_at: INTERNAL,
  },
  capacities: {
    ...VERIFIED,
    id: INTERNAL,
    organization_id: INTERNAL,
    kind: INTERNAL,
    type: INTERNAL,
    type_level: INTERNAL,
    quantity: INTERNAL,
    description: INTERNAL,
    updated_at: INTERNAL,
  },
  specialties: {
    ...VERIFIED,
    id: INTERNAL,
    organization_id: INTERNAL,
    specialty: INTERNAL,
    grade: INTERNAL,
    assessed_by: INTERNAL,
    valid_until: INTERNAL,
  },
  volunteers: {
    ...VERIFIED,
    id: INTERNAL,
    organization_id: INTERNAL,
    name: PERSONAL,
    phone: PERSONAL,
    skills: INTERNAL,
    certifications: INTERNAL,
    insurance_expires_on: INTERNAL,
    availability: INTERNAL,
    active: INTERNAL,
    updated_at: INTERNAL,
  },
  import_jobs: {
    id: INTERNAL,
    kind: INTERNAL,
    actor_id: INTERNAL,
    file_name: INTERNAL,
    status: INTERNAL,
    total: INTERNAL,
    processed: INTERNAL,
    // Refused rows are echoed with their values, contact people among them.
    report: PERSONAL,
    error: INTERNAL,
    created_at: INTERNAL,
    finished_at: INTERNAL,
    incident_id: INTERNAL,
    options: INTERNAL,
    // A sample of each column's values: names, phones and addresses of the people in the sheet.
    mapping: PERSONAL,
    // The sheet's rows, kept until the mapping is confirmed and the rows are imported.
    sheet: PERSONAL,
  },
  need_import_rows: {
    incident_id: INTERNAL,
    // A digest of the row's own number, or of its phone, place and text: personal like them.
    row_key: PERSONAL,
    need_id: INTERNAL,
    import_id: INTERNAL,
    created_at: INTERNAL,
  },
  incidents: {
    id: PUBLIC,
    name: PUBLIC,
    category: PUBLIC,
    type: PUBLIC,
    level: PUBLIC,
    warning_color: PUBLIC,
    jurisdictions: PUBLIC,
    stage: PUBLIC,
    policy: INTERNAL,
    description: INTERNAL,
    declared_by: INTERNAL,
    created_at: INTERNAL,
    updated_at: INTERNAL,
  },
  incident_stages: {
    incident_id: INTERNAL,
    seq: INTERNAL,
    from_stage: INTERNAL,
    to_stage: INTERNAL,
    actor_id: INTERNAL,
    reason: INTERNAL,
    at: INTERNAL,
  },
  incident_changes: {
    incident_id: INTERNAL,
    seq: INTERNAL,
    kind: INTERNAL,
    from_value: INTERNAL,
    to_value: INTERNAL,
    actor_id: INTERNAL,
    reason: INTERNAL,
    at: INTERNAL,
  },
  coordination_centres: {
    id: INTERNAL,
    incident_id: INTERNAL,
    location: INTERNAL,
    activated_at: INTERNAL,
    activated_by: INTERNAL,
    activation_reason: INTERNAL,
    stood_down_at: INTERNAL,
    stood_down_by: INTERNAL,
    stand_down_reason: INTERNAL,
  },
  centre_seats: {
    id: INTERNAL,
    centre_id: INTERNAL,
    subsystem: INTERNAL,
    organization_id: INTERNAL,
    basis_kind: INTERNAL,
    basis_id: INTERNAL,
    // A liaison's name and phone: the incident's commanders and the staffing organization only.
    liaison_name: PERSONAL,
    liaison_phone: PERSONAL,
    added_by: INTERNAL,
    added_at: INTERNAL,
  },
  standby_requests: {
    id: INTERNAL,
    incident_id: INTERNAL,
    organization_id: INTERNAL,
    note: INTERNAL,
    requested_by: INTERNAL,
    requested_at: INTERNAL,
    answer: INTERNAL,
    answer_note: INTERNAL,
    answered_by: INTERNAL,
    answered_at: INTERNAL,
    withdrawn_at: INTERNAL,
    withdrawn_by: INTERNAL,
  },
  deployments: {
    id: INTERNAL,
    incident_id: INTERNAL,
    organization_id: INTERNAL,
    team_name: INTERNAL,
    leader_name: PERSONAL,
    leader_phone: PERSONAL,
    headcount: INTERNAL,
    specialties: INTERNAL,
    equipment: INTERNAL,
    vehicles: INTERNAL,
    origin: INTERNAL,
    eta: INTERNAL,
    invitation_reference: INTERNAL,
    status: INTERNAL,
    zone: INTERNAL,
    reason: INTERNAL,
    last_check_in_at: INTERNAL,
    created_at: INTERNAL,
    updated_at: INTERNAL,
  },
  deployment_events: {
    deployment_id: INTERNAL,
    seq: INTERNAL,
    kind: INTERNAL,
    from_status: INTERNAL,
    to_status: INTERNAL,
    note: INTERNAL,
    // Where a team checked in: responders, not affected people.
    lat: INTERNAL,
    lon: INTERNAL,
    actor_id: INTERNAL,
    at: INTERNAL,
  },
  // The public half of a signing key is published at /.well-known/jwks.json; the private half never leaves.
  pass_keys: { kid: PUBLIC, generation: INTERNAL, public_jwk: PUBLIC, private_key: SECRET, created_at: INTERNAL },
  // A pass's row holds no personal data: the leader's name is signed into the token from the deployment.
  passes: {
    id: INTERNAL,
    deployment_id: INTERNAL,
    kid: INTERNAL,
    issued_at: INTERNAL,
    expires_at: INTERNAL,
    revoked_at: INTERNAL,
    revoke_reason: INTERNAL,
  },
  needs: {
    id: PUBLIC,
    incident_id: PUBLIC,
    // The public form asks for no personal data in the title and the public map has always shown it.
    title: PUBLIC,
    description: PERSONAL,
    kind: INTERNAL,
    category: PUBLIC,
    quantity: PUBLIC,
    unit: PUBLIC,
    jurisdiction: PUBLIC,
    lat: LOCATION,
    lon: LOCATION,
    // Whether the need still waits to be placed on the map (it has an address but no coordinates).
    location_needed: INTERNAL,
    // About 11 km: coarser than the public grid.
    cell: INTERNAL,
    urgency: PUBLIC,
    vulnerable_groups: SENSITIVE,
    people_affected: INTERNAL,
    contact_name: PERSONAL,
    contact_phone: PERSONAL,
    address: PERSONAL,
    source: INTERNAL,
    verification_level: PUBLIC,
    verified_by: INTERNAL,
    verified_at: INTERNAL,
    status: PUBLIC,
    claimed_quantity: INTERNAL,
    fulfilled_quantity: INTERNAL,
    // The catalogue item of a need for goods: the public needed-now list counts by it.
    item: PUBLIC,
    close_reason: INTERNAL,
    // Free text about the people helped.
    close_note: PERSONAL,
    duplicate_of: INTERNAL,
    // Whoever holds it may follow and resolve the need.
    receipt_code: SECRET,
    created_by: INTERNAL,
    created_at: PUBLIC,
    updated_at: PUBLIC,
  },
  need_claims: {
    id: INTERNAL,
    need_id: INTERNAL,
    organization_id: INTERNAL,
    quantity: INTERNAL,
    status: INTERNAL,
    dispatched_by: INTERNAL,
    note: PERSONAL,
    claimed_by: INTERNAL,
    claimed_at: INTERNAL,
    progress_at: INTERNAL,
    expires_at: INTERNAL,
    ended_at: INTERNAL,
  },
  need_events: {
    need_id: INTERNAL,
    seq: INTERNAL,
    kind: INTERNAL,
    // Notes of progress and closing are kept here.
    detail: PERSONAL,
    actor_id: INTERNAL,
    at: INTERNAL,
  },
  need_duplicates: {
    need_id: INTERNAL,
    candidate_id: INTERNAL,
    score: INTERNAL,
    reasons: INTERNAL,
    status: INTERNAL,
    created_at: INTERNAL,
  },
  programs: {
    id: INTERNAL,
    title: INTERNAL,
    kind: INTERNAL,
    recovery_focus: INTERNAL,
    strategy: INTERNAL,
    phase: INTERNAL,
    stage: INTERNAL,
    lead_organization_id: INTERNAL,
    jurisdictions: INTERNAL,
    starts_on: INTERNAL,
    ends_on: INTERNAL,
    people_reached: INTERNAL,
    cooperation_type: INTERNAL,
    description: INTERNAL,
    created_by: INTERNAL,
    created_at: INTERNAL,
    updated_at: INTERNAL,
  },
  program_areas: { program_id: INTERNAL, code: INTERNAL, province: INTERNAL, city: INTERNAL },
  program_partners: { program_id: INTERNAL, organization_id: INTERNAL },
  lessons: {
    id: INTERNAL,
    kind: INTERNAL,
    title: INTERNAL,
    body: INTERNAL,
    jurisdiction: INTERNAL,
    incident_id: INTERNAL,
    program_id: INTERNAL,
    tags: INTERNAL,
    performance: INTERNAL,
    search_key: INTERNAL,
    created_by: INTERNAL,
    created_at: INTERNAL,
    updated_at: INTERNAL,
  },
  // Edits of programs and lessons, whose fields are all internal.
  offers: {
    id: PUBLIC,
    incident_id: PUBLIC,
    // Whoever holds it follows the donation and hands the goods in with it, like a receipt code.
    reference_code: SECRET,
    kind: PUBLIC,
    item: PUBLIC,
    // How much was given is what the transparency page adds up; without the donor it tells of no one.
    quantity: PUBLIC,
    amount_fen: PUBLIC,
    jurisdiction: INTERNAL,
    // Where a member of the public offers from may be their home.
    lat: LOCATION,
    lon: LOCATION,
    available_from: INTERNAL,
    available_until: INTERNAL,
    conditions: INTERNAL,
    // Free text from the donor.
    note: PERSONAL,
    donor_name: PERSONAL,
    donor_phone: PERSONAL,
    organization_id: PUBLIC,
    source: INTERNAL,
    unwanted_reason: INTERNAL,
    raised_publicly: INTERNAL,
    status: PUBLIC,
    received_quantity: PUBLIC,
    created_by: INTERNAL,
    created_at: PUBLIC,
    updated_at: PUBLIC,
  },
  allocation_plans: {
    id: PUBLIC,
    incident_id: PUBLIC,
    status: PUBLIC,
    max_distance_km: INTERNAL,
    score: INTERNAL,
    upper_bound: INTERNAL,
    created_by: INTERNAL,
    created_at: PUBLIC,
    updated_at: PUBLIC,
    decided_by: INTERNAL,
    decided_at: PUBLIC,
  },
  allocation_lines: {
    plan_id: PUBLIC,
    seq: INTERNAL,
    need_id: PUBLIC,
    supply_key: INTERNAL,
    item: PUBLIC,
    quantity: PUBLIC,
    distance_km: INTERNAL,
  },
  shipments: {
    id: PUBLIC,
    incident_id: PUBLIC,
    plan_id: PUBLIC,
    need_id: PUBLIC,
    claim_id: INTERNAL,
    organization_id: PUBLIC,
    item: PUBLIC,
    quantity: PUBLIC,
    received_quantity: PUBLIC,
    warehouse_id: PUBLIC,
    offer_id: INTERNAL,
    status: PUBLIC,
    // Free text about the goods and the people at the receiving end.
    reason: PERSONAL,
    created_by: INTERNAL,
    created_at: PUBLIC,
    updated_at: PUBLIC,
  },
  shipment_events: {
    shipment_id: PUBLIC,
    seq: INTERNAL,
    status: PUBLIC,
    quantity: PUBLIC,
    reason: PERSONAL,
    actor_id: INTERNAL,
    at: PUBLIC,
  },
  unwanted_items: { incident_id: PUBLIC, item: PUBLIC, reason: PUBLIC, marked_by: INTERNAL, marked_at: PUBLIC },
  revisions: {
    record_type: INTERNAL,
    record_id: INTERNAL,
    seq: INTERNAL,
    changes: INTERNAL,
    actor_id: INTERNAL,
    at: INTERNAL,
  },
  idempotency_keys: {
    key: INTERNAL,
    scope: INTERNAL,
    body_hash: INTERNAL,
    // The first answer, replayed to the same client: it holds what that client saw.
    response: PERSONAL,
    status_code: INTERNAL,
    created_at: INTERNAL,
  },
  live_events: { seq: INTERNAL, incident_id: INTERNAL, kind: INTERNAL, entity_id: INTERNAL, at: INTERNAL },
  platform_events: {
    seq: INTERNAL,
    type: INTERNAL,
    entity_id: INTERNAL,
    incident_id: INTERNAL,
    organization_id: INTERNAL,
    jurisdiction: INTERNAL,
    category: INTERNAL,
    at: INTERNAL,
  },
  // A notification is addressed to one person and says what reached them: personal.
  notifications: {
    id: INTERNAL,
    user_id: INTERNAL,
    type: INTERNAL,
    title: PERSONAL,
    incident_id: INTERNAL,
    entity_id: INTERNAL,
    link: INTERNAL,
    event_seq: INTERNAL,
    created_at: INTERNAL,
    read_at: INTERNAL,
  },
  subscriptions: {
    id: INTERNAL,
    user_id: INTERNAL,
    incident_id: INTERNAL,
    jurisdiction: INTERNAL,
    category: INTERNAL,
    kinds: INTERNAL,
    channels: INTERNAL,
    language: INTERNAL,
    created_at: INTERNAL,
  },
  mail_outbox: {
    id: INTERNAL,
    user_id: INTERNAL,
    recipient: PERSONAL,
    subject: PERSONAL,
    body: PERSONAL,
    attempts: INTERNAL,
    next_attempt_at: INTERNAL,
    last_error: INTERNAL,
    sent_at: INTERNAL,
    created_at: INTERNAL,
  },
  event_cursors: { name: INTERNAL, seq: INTERNAL, lease_holder: INTERNAL, lease_until: INTERNAL },
  alarms: {
    id: INTERNAL,
    incident_id: INTERNAL,
    kind: INTERNAL,
    subject_id: INTERNAL,
    organization_id: INTERNAL,
    due_at: INTERNAL,
    raised_at: INTERNAL,
    acknowledged_by: INTERNAL,
    acknowledged_at: INTERNAL,
    resolved_at: INTERNAL,
  },
  // An organization's facility, not a person's home: read by every signed-in account.
  warehouses: {
    id: INTERNAL,
    name: INTERNAL,
    kind: INTERNAL,
    organization_id: INTERNAL,
    jurisdiction: INTERNAL,
    lat: INTERNAL,
    lon: INTERNAL,
    address: INTERNAL,
    created_at: INTERNAL,
    archived_at: INTERNAL,
  },
  inventory_stock: { warehouse_id: INTERNAL, item: INTERNAL, quantity: INTERNAL, updated_at: INTERNAL },
  inventory_movements: {
    id: INTERNAL,
    warehouse_id: INTERNAL,
    kind: INTERNAL,
    item: INTERNAL,
    quantity: INTERNAL,
    to_warehouse_id: INTERNAL,
    // Why stock was corrected or written off: about goods (受潮, 盘点差异), not people.
    reason: INTERNAL,
    incident_id: INTERNAL,
    offer_reference: INTERNAL,
    transaction_id: INTERNAL,
    actor_id: INTERNAL,
    at: INTERNAL,
  },
  // What an organization did with money: amounts, purposes (购买帐篷, 退还捐赠) and who recorded it; never a donor's name.
  money_movements: {
    id: INTERNAL,
    incident_id: INTERNAL,
    organization_id: INTERNAL,
    kind: INTERNAL,
    amount_fen: INTERNAL,
    offer_id: INTERNAL,
    need_id: INTERNAL,
    raised_publicly: INTERNAL,
    purpose: INTERNAL,
    transaction_id: INTERNAL,
    actor_id: INTERNAL,
    at: INTERNAL,
  },
  // The ledger names accounts by kind and id only; a donor's name and phone live on the offer.
  ledger_transactions: {
    id: INTERNAL,
    incident_id: INTERNAL,
    kind: INTERNAL,
    movement_id: INTERNAL,
    offer_id: INTERNAL,
    shipment_id: INTERNAL,
    actor_id: INTERNAL,
    at: INTERNAL,
  },
  ledger_entries: {
    transaction_id: INTERNAL,
    seq: INTERNAL,
    account_kind: INTERNAL,
    account_id: INTERNAL,
    asset: INTERNAL,
    amount: INTERNAL,
    incident_id: INTERNAL,
    organization_id: INTERNAL,
    jurisdiction: INTERNAL,
  },
  ledger_balances: { incident_id: INTERNAL, account_kind: INTERNAL, account_id: INTERNAL, asset: INTERNAL, balance: INTERNAL },
  ledger_flows: {
    incident_id: INTERNAL,
    kind: INTERNAL,
    account_kind: INTERNAL,
    asset: INTERNAL,
    organization_id: INTERNAL,
    jurisdiction: INTERNAL,
    moved_in: INTERNAL,
    moved_out: INTERNAL,
  },
};

/**
 * Records that leave the server, by the name the audit log and the answers give them: the table
 * whose columns they carry, and the fields their views add (a field in neither is treated as
 * personal, so a new field is protected until it is classified).
 */
/** A coordinator's verification of a declaration: who and when. */
const CHECKED = { verification: INTERNAL, by: INTERNAL, at: INTERNAL };

export const ENTITIES = {
  organization: {
    table: 'organizations',
    fields: {
      base: INTERNAL,
      archived: INTERNAL,
      membership: INTERNAL,
      verifiedFields: INTERNAL,
      viewerCanEdit: PUBLIC,
      // A verification of profile fields, a step of the membership lifecycle.
      fields: INTERNAL,
      by: INTERNAL,
      at: INTERNAL,
      status: INTERNAL,
      tier: INTERNAL,
      plan: INTERNAL,
      reason: INTERNAL,
    },
  },
  user: { table: 'users', fields: {} },
  token: { table: 'sessions', fields: { userId: INTERNAL } },
  application: {
    table: 'applications',
    fields: { contact: PERSONAL, organization: INTERNAL, viewerCanDecide: PUBLIC },
  },
  filing: { table: 'filings', fields: CHECKED },
  agreement: { table: 'agreements', fields: CHECKED },
  seat: { table: 'seats', fields: { ...CHECKED, from: INTERNAL, to: INTERNAL } },
  capacity: { table: 'capacities', fields: CHECKED },
  specialty: { table: 'specialties', fields: { ...CHECKED, validity: INTERNAL } },
  volunteer: { table: 'volunteers', fields: { ...CHECKED, warnings: INTERNAL } },
  // A stage step or a command change: what, from, to, who, why, when; the timeline of them.
  incident: {
    table: 'incidents',
    fields: { kind: INTERNAL, from: INTERNAL, to: INTERNAL, actor: INTERNAL, reason: INTERNAL, at: INTERNAL, changes: INTERNAL },
  },
  centre: { table: 'coordination_centres', fields: { seats: INTERNAL, active: INTERNAL } },
  centreSeat: { table: 'centre_seats', fields: { icsSection: INTERNAL } },
  standby: { table: 'standby_requests', fields: {} },
  deployment: { table: 'deployments', fields: { overdue: INTERNAL, log: INTERNAL, at: INTERNAL } },
  // A pass answer: the token and its claims carry the leader's name (and only the phone's last four digits).
  pass: { table: 'passes', fields: { validUntil: INTERNAL, jws: PERSONAL, claims: PERSONAL, state: INTERNAL } },
  need: {
    table: 'needs',
    fields: {
      verification: INTERNAL,
      holders: INTERNAL,
      history: INTERNAL,
      duplicates: INTERNAL,
      // Closing (reason and note), verifying (level, by, at), settling a duplicate flag, evidence.
      reason: INTERNAL,
      note: PERSONAL,
      level: INTERNAL,
      by: INTERNAL,
      at: INTERNAL,
      other: INTERNAL,
      file: PERSONAL,
    },
  },
  needEvent: { table: 'need_events', fields: { actor: INTERNAL } },
  claim: { table: 'need_claims', fields: { needId: INTERNAL, reason: PERSONAL, accept: INTERNAL, dispatchedBy: INTERNAL } },
  program: { table: 'programs', fields: { cell: INTERNAL, partnerIds: INTERNAL } },
  lesson: { table: 'lessons', fields: {} },
  notification: { table: 'notifications', fields: {} },
  subscription: { table: 'subscriptions', fields: {} },
  mail: { table: 'mail_outbox', fields: {} },
  // What an alarm is about, as the board names it: a team's name or a need's title.
  alarm: { table: 'alarms', fields: { subjectLabel: INTERNAL } },
  offer: {
    table: 'offers',
    fields: { organizationName: PUBLIC, fundraisingUnqualified: INTERNAL, reason: INTERNAL },
  },
  unwantedItem: { table: 'unwanted_items', fields: {} },
  warehouse: { table: 'warehouses', fields: {} },
  movement: { table: 'inventory_movements', fields: {} },
  moneyMovement: { table: 'money_movements', fields: { heldFen: INTERNAL } },
  allocationPlan: {
    table: 'allocation_plans',
    fields: { lines: INTERNAL, shipments: INTERNAL, supplies: INTERNAL, unserved: INTERNAL },
  },
  shipment: {
    table: 'shipments',
    // A step of its history: when and to what status.
    fields: { history: INTERNAL, needTitle: PUBLIC, organizationName: PUBLIC, warehouseName: PUBLIC, seq: PUBLIC, at: PUBLIC },
  },
} as const satisfies Record<string, { table: keyof Tables; fields: Record<string, FieldRule> }>;

export type EntityName = keyof typeof ENTITIES;

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const RULES: Record<string, Map<string, FieldRule>> = Object.fromEntries(
  Object.entries(ENTITIES).map(([entity, { table, fields }]) => {
    const rules = new Map<string, FieldRule>();
    for (const [column, rule] of Object.entries(COLUMN_CLASSES[table])) {
      rules.set(camel(column), rule);
      rules.set(column, rule);
    }
    for (const [field, rule] of Object.entries(fields)) rules.set(field, rule);
    return [entity, rules];
  }),
);

const UNCLASSIFIED: FieldRule = { class: 'personal' };

/** The rule of an entity's field; an unknown entity or field is personal until someone classifies it. */
export function fieldRule(entity: string, field: string): FieldRule {
  return RULES[entity]?.get(field) ?? UNCLASSIFIED;
}

/** Whether an entity's field has a class of its own (not the default for unknown fields). */
export function isClassified(entity: string, field: string): boolean {
  return RULES[entity]?.has(field) ?? false;
}

/** The class of a field, for tables and documentation. */
export function fieldClass(entity: EntityName, field: string): FieldClass {
  return fieldRule(entity, field).class;
}
