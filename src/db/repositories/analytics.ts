/** What the network analytics read: organizations of an area, government's services, recognitions. */

import { sql } from 'kysely';
import type { RecognitionRecord } from '../../analysis/cooperation-modes';
import type { AgreementType } from '../../model/embedding';
import type { Organization } from '../../model/organization';
import type { ServiceCategory } from '../../model/taxonomy';
import { overlapsArea, withinArea } from '../areas';
import { selectInChunks } from '../bulk';
import type { Executor } from '../schema';
import { overlappingOrganizations } from './organizations';
import { ranIn } from './programs';

export interface AreaOrganization {
  id: string;
  name: string;
  kind: Organization['kind'];
  jurisdictions: string[];
  categories: ServiceCategory[];
  cells: Organization['capabilities']['cells'];
  creditCode: string | null;
}

const columns = ['id', 'name', 'kind', 'jurisdictions', 'capabilities', 'credit_code'] as const;
/** Organizations looked up per statement (well under both databases' parameter limits). */
const CHUNK = 2000;
/** Above this many organizations, reading every row of the period and keeping theirs is faster than looking each up. */
const SCAN_ABOVE = 5000;

/**
 * Rows about some organizations, from `read(ids)` for a chunk of them at a time, or for a
 * province's tens of thousands from `read(null)` (every row) kept when the organization is one of them.
 */
async function rowsAbout<R extends { organization_id: string }>(
  ids: readonly string[],
  read: (chunk: string[] | null) => Promise<R[]>,
): Promise<R[]> {
  if (ids.length > SCAN_ABOVE) {
    const wanted = new Set(ids);
    return (await read(null)).filter((r) => wanted.has(r.organization_id));
  }
  return selectInChunks(ids, read, CHUNK);
}

const toArea = (r: {
  id: string;
  name: string;
  kind: string;
  jurisdictions: string;
  capabilities: string;
  credit_code: string | null;
}): AreaOrganization => {
  const capabilities = JSON.parse(r.capabilities) as Organization['capabilities'];
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Organization['kind'],
    jurisdictions: JSON.parse(r.jurisdictions) as string[],
    categories: capabilities.serviceCategories,
    cells: capabilities.cells,
    creditCode: r.credit_code,
  };
};

/** Organizations (not archived) whose service area overlaps an area, in name order. */
export async function organizationsOfArea(db: Executor, code: string): Promise<AreaOrganization[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(columns)
    .where('archived_at', 'is', null)
    .where('id', 'in', overlappingOrganizations(db, code))
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
  return rows.map(toArea);
}

/** All government agencies not archived (a few thousand at most in a national install). */
export async function governmentAgencies(db: Executor): Promise<AreaOrganization[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(columns)
    .where('archived_at', 'is', null)
    .where('kind', '=', 'government_agency')
    .execute();
  return rows.map(toArea);
}

/** Each organization's recognitions as recorded (verified or not); agreements count on either side. */
export async function recognitionsOf(db: Executor, organizations: AreaOrganization[]): Promise<Map<string, RecognitionRecord>> {
  const out = new Map<string, RecognitionRecord>(
    organizations.map((o) => [o.id, { creditCodeVerified: false, filings: [], agreements: [], seats: [] }]),
  );
  const codeOf = new Map(organizations.map((o) => [o.id, o.creditCode]));
  const ids = organizations.map((o) => o.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const verified = await db
      .selectFrom('field_verifications')
      .selectAll()
      .where('field', '=', 'creditCode')
      .where('organization_id', 'in', chunk)
      .execute();
    for (const v of verified) {
      // A verification of a code since changed no longer counts (the verified value is stored as JSON).
      const record = out.get(v.organization_id) as RecognitionRecord;
      if (JSON.stringify(codeOf.get(v.organization_id) ?? null) === v.value) record.creditCodeVerified = true;
    }
    const filings = await db.selectFrom('filings').selectAll().where('organization_id', 'in', chunk).execute();
    for (const f of filings) {
      out.get(f.organization_id)?.filings.push({ filedOn: f.filed_on, verified: f.verified_at !== null });
    }
    const agreements = await db
      .selectFrom('agreements')
      .selectAll()
      .where((w) => w.or([w('organization_id', 'in', chunk), w('counterpart_id', 'in', chunk)]))
      .execute();
    for (const a of agreements) {
      const entry = {
        type: a.type as AgreementType,
        validFrom: a.valid_from,
        validTo: a.valid_to,
        verified: a.verified_at !== null,
      };
      out.get(a.organization_id)?.agreements.push(entry);
      if (a.counterpart_id !== a.organization_id) out.get(a.counterpart_id)?.agreements.push(entry);
    }
    const seats = await db.selectFrom('seats').selectAll().where('organization_id', 'in', chunk).execute();
    for (const s of seats)
      out.get(s.organization_id)?.seats.push({ from: s.from_on, to: s.to_on, verified: s.verified_at !== null });
  }
  return out;
}

/** Organizations (not archived) serving the area, counted per function-map cell they work in. */
export async function organizationsPerCell(db: Executor, code: string): Promise<{ cell: string; count: number }[]> {
  const rows = await db
    .selectFrom('organization_cells')
    .innerJoin('organizations', 'organizations.id', 'organization_cells.organization_id')
    .select(['organization_cells.cell as cell', (eb) => eb.fn.count<string | number>('organizations.id').distinct().as('n')])
    .where('organizations.archived_at', 'is', null)
    .where('organizations.id', 'in', overlappingOrganizations(db, code))
    .groupBy('organization_cells.cell')
    .execute();
  return rows.map((r) => ({ cell: r.cell, count: Number(r.n) }));
}

/** Programs in areas overlapping the area that ran in the period, counted per cell. */
export async function programsPerCell(
  db: Executor,
  code: string,
  from: string,
  to: string,
): Promise<{ strategy: string; phase: string; count: number }[]> {
  const rows = await db
    .selectFrom('programs')
    .select(['strategy', 'phase', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('program_areas')
        .select('program_id')
        .where((w) => overlapsArea(w, code)),
    )
    .where(ranIn(from, to))
    .groupBy(['strategy', 'phase'])
    .execute();
  return rows.map((r) => ({ strategy: r.strategy, phase: r.phase, count: Number(r.n) }));
}

/**
 * Needs reported in the area (and below it) in the period, counted by category and by the
 * stage their incident was in when each was reported (null before any recorded stage).
 */
export async function needsPerStage(
  db: Executor,
  code: string,
  from: string,
  to: string,
): Promise<{ category: string; stage: string | null; count: number }[]> {
  const stage = sql<
    string | null
  >`(select s.to_stage from incident_stages s where s.incident_id = needs.incident_id and s.at <= needs.created_at order by s.seq desc limit 1)`;
  const rows = await db
    .selectFrom('needs')
    .select(['category', stage.as('stage'), (eb) => eb.fn.countAll<string | number>().as('n')])
    .where(withinArea('jurisdiction', code))
    .where('created_at', '>=', from)
    .where('created_at', '<', nextDay(to))
    .groupBy(['category', stage])
    .execute();
  return rows.map((r) => ({ category: r.category, stage: r.stage, count: Number(r.n) }));
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface NeedOutcomeRow {
  id: string;
  title: string;
  category: string;
  urgency: string;
  jurisdiction: string;
  vulnerable: boolean;
  reportedAt: string;
  servedAt: string | null;
  withdrawn: boolean;
}

const SERVED_BY_CLOSING = ['resolved_by_reporter', 'done_by_others'];

/** Needs reported in the area (and below it) in the period, with when they were served. */
export async function needOutcomes(db: Executor, code: string, from: string, to: string): Promise<NeedOutcomeRow[]> {
  // Only a fulfilled need is looked up in its events.
  const fulfilledAt = sql<
    string | null
  >`case when needs.status = 'fulfilled' then (select min(e.at) from need_events e where e.need_id = needs.id and e.kind = 'fulfilled') end`;
  const rows = await db
    .selectFrom('needs')
    .select([
      'id',
      'title',
      'category',
      'urgency',
      'jurisdiction',
      'vulnerable_groups',
      'created_at',
      'status',
      'close_reason',
      'updated_at',
      fulfilledAt.as('fulfilled_at'),
    ])
    .where(withinArea('jurisdiction', code))
    .where('created_at', '>=', from)
    .where('created_at', '<', nextDay(to))
    .orderBy('created_at')
    .execute();
  return rows.map((r) => {
    const servedByClosing = r.close_reason !== null && SERVED_BY_CLOSING.includes(r.close_reason);
    const servedAt = r.status === 'fulfilled' ? (r.fulfilled_at ?? r.updated_at) : servedByClosing ? r.updated_at : null;
    return {
      id: r.id,
      title: r.title,
      category: r.category,
      urgency: r.urgency,
      jurisdiction: r.jurisdiction,
      vulnerable: r.vulnerable_groups !== '[]',
      reportedAt: r.created_at,
      servedAt,
      withdrawn: servedAt === null && r.close_reason !== null,
    };
  });
}

/** Who took part in which program: the lead as a partner row of its own, so one query finds both. */
function involvement(db: Executor) {
  return db
    .selectFrom('programs')
    .select(['id as program_id', 'lead_organization_id as organization_id'])
    .unionAll(db.selectFrom('program_partners').select(['program_id', 'organization_id']));
}

/** Which of some organizations led or joined programs that ran in a period, and in which phase (each pair once). */
export async function programsInvolving(
  db: Executor,
  organizationIds: string[],
  from: string,
  to: string,
): Promise<{ organization_id: string; phase: string }[]> {
  const ran = ranIn(from, to);
  // Leads and partners apart: each finds its rows through its own index.
  const led = await rowsAbout(organizationIds, (chunk) =>
    db
      .selectFrom('programs')
      .select(['lead_organization_id as organization_id', 'phase'])
      .$if(chunk !== null, (q) => q.where('lead_organization_id', 'in', chunk as string[]))
      .where(ran)
      .execute(),
  );
  const joined = await rowsAbout(organizationIds, (chunk) =>
    db
      .selectFrom('program_partners')
      .innerJoin('programs', 'programs.id', 'program_partners.program_id')
      .select(['program_partners.organization_id as organization_id', 'programs.phase as phase'])
      .$if(chunk !== null, (q) => q.where('program_partners.organization_id', 'in', chunk as string[]))
      .where(ran)
      .execute(),
  );
  const seen = new Map<string, { organization_id: string; phase: string }>();
  for (const r of [...led, ...joined]) seen.set(`${r.organization_id}|${r.phase}`, r);
  return [...seen.values()];
}

/** The stage each incident was in at a time, from all stage changes read once. */
async function incidentStages(db: Executor): Promise<(incidentId: string, at: string) => string | null> {
  const rows = await db
    .selectFrom('incident_stages')
    .select(['incident_id', 'to_stage', 'at'])
    .orderBy('incident_id')
    .orderBy('seq')
    .execute();
  const byIncident = new Map<string, { stage: string; at: string }[]>();
  for (const r of rows)
    byIncident.set(r.incident_id, [...(byIncident.get(r.incident_id) ?? []), { stage: r.to_stage, at: r.at }]);
  return (incidentId, at) => {
    let stage: string | null = null;
    for (const change of byIncident.get(incidentId) ?? []) if (change.at <= at) stage = change.stage;
    return stage;
  };
}

/**
 * What some organizations did in a period, as (organization, phase or stage) pairs: programs
 * they led or joined (their cell's phase), deployments they filed and claims they made (the
 * stage of the incident at the time).
 */
export async function activityOf(
  db: Executor,
  organizationIds: string[],
  from: string,
  to: string,
): Promise<{ organizationId: string; phase: string | null; stage: string | null }[]> {
  const out: { organizationId: string; phase: string | null; stage: string | null }[] = [];
  for (const r of await programsInvolving(db, organizationIds, from, to)) {
    out.push({ organizationId: r.organization_id, phase: r.phase, stage: null });
  }
  const stageAt = await incidentStages(db);
  const seen = new Set<string>();
  const end = nextDay(to);
  const deployed = await rowsAbout(organizationIds, (chunk) =>
    db
      .selectFrom('deployments')
      .select(['organization_id', 'incident_id', 'created_at as at'])
      .$if(chunk !== null, (q) => q.where('organization_id', 'in', chunk as string[]))
      .where('created_at', '>=', from)
      .where('created_at', '<', end)
      .execute(),
  );
  const claimed = await rowsAbout(organizationIds, (chunk) =>
    db
      .selectFrom('need_claims')
      .innerJoin('needs', 'needs.id', 'need_claims.need_id')
      .select([
        'need_claims.organization_id as organization_id',
        'needs.incident_id as incident_id',
        'need_claims.claimed_at as at',
      ])
      .$if(chunk !== null, (q) => q.where('need_claims.organization_id', 'in', chunk as string[]))
      .where('need_claims.claimed_at', '>=', from)
      .where('need_claims.claimed_at', '<', end)
      .execute(),
  );
  for (const r of [...deployed, ...claimed]) {
    const stage = stageAt(r.incident_id, r.at);
    const key = `${r.organization_id}|${stage}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ organizationId: r.organization_id, phase: null, stage });
  }
  return out;
}

/** Every pair among a group, once. */
function pairs(ids: readonly string[]): [string, string][] {
  const unique = [...new Set(ids)];
  const out: [string, string][] = [];
  for (let i = 0; i < unique.length; i++) for (let j = i + 1; j < unique.length; j++) out.push([unique[i], unique[j]]);
  return out;
}

function grouped(rows: readonly { group: string; organizationId: string }[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    const group = groups.get(r.group);
    if (group) group.push(r.organizationId);
    else groups.set(r.group, [r.organizationId]);
  }
  return [...groups.values()];
}

/**
 * Ties among some organizations in a period: deployed to the same zone of an incident, bound by an
 * agreement in force, mentor and mentee, in the same program, holding claims on the same need.
 */
export async function collaborationTies(
  db: Executor,
  among: ReadonlySet<string>,
  from: string,
  to: string,
): Promise<{ a: string; b: string; kind: 'co_deployment' | 'agreement' | 'mentoring' | 'joint_program' | 'shared_need' }[]> {
  const end = nextDay(to);
  const ties: Awaited<ReturnType<typeof collaborationTies>> = [];
  // Only organizations of the area are paired (the rows read may hold the whole country's).
  const add = (groups: string[][], kind: (typeof ties)[number]['kind']) => {
    for (const group of groups) for (const [a, b] of pairs(group.filter((id) => among.has(id)))) ties.push({ a, b, kind });
  };
  // Teams in the same zone of an incident work side by side; teams merely in the same incident
  // (thousands in a large one) are not counted as tied.
  const deployed = await db
    .selectFrom('deployments')
    .select([sql<string>`incident_id || '/' || zone`.as('group'), 'organization_id as organizationId'])
    .where('status', '<>', 'declined')
    .where('zone', 'is not', null)
    .where('created_at', '>=', from)
    .where('created_at', '<', end)
    .execute();
  add(grouped(deployed), 'co_deployment');
  const agreements = await db
    .selectFrom('agreements')
    .select(['organization_id', 'counterpart_id'])
    .where('valid_from', '<=', to)
    .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>=', from)]))
    .execute();
  add(
    agreements.map((a) => [a.organization_id, a.counterpart_id]),
    'agreement',
  );
  const cultivated = await db
    .selectFrom('organizations')
    .select(['id', 'cultivation_plan'])
    .where('cultivation_plan', 'is not', null)
    .execute();
  add(
    cultivated.flatMap((o) => {
      const mentor = (JSON.parse(o.cultivation_plan as string) as { mentorOrganizationId?: string | null }).mentorOrganizationId;
      return mentor ? [[o.id, mentor]] : [];
    }),
    'mentoring',
  );
  const involved = involvement(db);
  const programs = await db
    .selectFrom(involved.as('involved'))
    .innerJoin('programs', 'programs.id', 'involved.program_id')
    .select(['involved.program_id as group', 'involved.organization_id as organizationId'])
    .where(ranIn(from, to))
    .execute();
  add(grouped(programs), 'joint_program');
  const claims = await db
    .selectFrom('need_claims')
    .select(['need_id as group', 'organization_id as organizationId'])
    .where('claimed_at', '>=', from)
    .where('claimed_at', '<', end)
    .execute();
  add(grouped(claims), 'shared_need');
  return ties;
}

/** Cooperation types of the programs in areas overlapping the area that ran in the period, one per program. */
export async function programCooperationTypes(db: Executor, code: string, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('programs')
    .select('cooperation_type')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('program_areas')
        .select('program_id')
        .where((w) => overlapsArea(w, code)),
    )
    .where(ranIn(from, to))
    .execute();
  return rows.map((r) => r.cooperation_type);
}

/** Subsystems of the verified seats of some organizations in force on a day. */
export async function seatSubsystemsOn(db: Executor, organizationIds: string[], day: string): Promise<string[]> {
  const rows = await selectInChunks(organizationIds, (chunk) =>
    db
      .selectFrom('seats')
      .select('subsystem')
      .where('organization_id', 'in', chunk)
      .where('verified_at', 'is not', null)
      .where('from_on', '<=', day)
      .where((w) => w.or([w('to_on', 'is', null), w('to_on', '>=', day)]))
      .execute(),
  );
  return rows.map((r) => r.subsystem);
}

/** Applications to join from organizations at home in the area, made in the period, with their decisions and kinds. */
export async function applicationsOfArea(
  db: Executor,
  code: string,
  from: string,
  to: string,
): Promise<{ submittedAt: string; decidedAt: string | null; decision: string | null; kind: string }[]> {
  const rows = await db
    .selectFrom('applications')
    .innerJoin('organizations', 'organizations.id', 'applications.organization_id')
    .select([
      'applications.created_at as submitted_at',
      'applications.decided_at as decided_at',
      'applications.decision as decision',
      'organizations.kind as kind',
    ])
    .where(withinArea('applications.home_jurisdiction', code))
    .where('applications.created_at', '>=', from)
    .where('applications.created_at', '<', nextDay(to))
    .execute();
  return rows.map((r) => ({ submittedAt: r.submitted_at, decidedAt: r.decided_at, decision: r.decision, kind: r.kind }));
}

/** The work done in an incident: its stage changes, fulfilled claims and deployments, with the kind of each organization. */
export async function incidentWork(db: Executor, incidentId: string) {
  const stages = await db
    .selectFrom('incident_stages')
    .select(['to_stage', 'at'])
    .where('incident_id', '=', incidentId)
    .orderBy('seq')
    .execute();
  const fulfilled = await db
    .selectFrom('need_claims')
    .innerJoin('needs', 'needs.id', 'need_claims.need_id')
    .innerJoin('organizations', 'organizations.id', 'need_claims.organization_id')
    .select(['need_claims.organization_id as organization_id', 'need_claims.ended_at as ended_at', 'organizations.kind as kind'])
    .where('needs.incident_id', '=', incidentId)
    .where('need_claims.status', '=', 'fulfilled')
    .execute();
  const deployments = await db
    .selectFrom('deployments')
    .innerJoin('organizations', 'organizations.id', 'deployments.organization_id')
    .select([
      'deployments.organization_id as organization_id',
      'deployments.headcount as headcount',
      'deployments.status as status',
      'deployments.created_at as created_at',
      'deployments.updated_at as updated_at',
      'organizations.kind as kind',
    ])
    .where('deployments.incident_id', '=', incidentId)
    .where('deployments.status', 'not in', ['filed', 'declined', 'standby'])
    .execute();
  return {
    stages: stages.map((s) => ({ stage: s.to_stage, at: s.at })),
    fulfilled: fulfilled.map((f) => ({ organizationId: f.organization_id, at: f.ended_at, kind: f.kind })),
    deployments: deployments.map((d) => ({
      organizationId: d.organization_id,
      people: Number(d.headcount),
      from: d.created_at,
      to: d.status === 'withdrawn' || d.status === 'returned' ? d.updated_at : null,
      kind: d.kind,
    })),
  };
}

/**
 * Who did what where when in the area and period: claims on needs (by need category and
 * place) and programs (by kind and area), counted per organization, what, place and month.
 */
/** Credit codes of organizations by id (those that have one). */
export async function creditCodesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'credit_code'])
      .where('id', 'in', ids.slice(i, i + 500))
      .where('credit_code', 'is not', null)
      .execute();
    for (const r of rows) if (r.credit_code) out.set(r.id, r.credit_code);
  }
  return out;
}

/** How the 3W names an organization outside the platform: by its credit code, else its name. */
export function externalOrganizationId(creditCode: string | null, name: string): string {
  return `external:${creditCode ?? name}`;
}

export async function activityRows(db: Executor, code: string, from: string, to: string) {
  const month = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 7)`;
  const claims = await db
    .selectFrom('need_claims')
    .innerJoin('needs', 'needs.id', 'need_claims.need_id')
    .innerJoin('organizations', 'organizations.id', 'need_claims.organization_id')
    .select([
      'organizations.id as organization_id',
      'organizations.name as name',
      'needs.category as what',
      'needs.jurisdiction as place',
      month('need_claims.claimed_at').as('month'),
      (eb) => eb.fn.countAll<string | number>().as('n'),
      (eb) => eb.fn.sum<string | number | null>('needs.people_affected').as('reached'),
    ])
    .where(withinArea('needs.jurisdiction', code))
    .where('need_claims.claimed_at', '>=', from)
    .where('need_claims.claimed_at', '<', nextDay(to))
    .where('need_claims.status', 'not in', ['declined'])
    .groupBy(['organizations.id', 'organizations.name', 'needs.category', 'needs.jurisdiction', month('need_claims.claimed_at')])
    .execute();
  const involved = involvement(db);
  const programs = await db
    .selectFrom(involved.as('involved'))
    .innerJoin('programs', 'programs.id', 'involved.program_id')
    .innerJoin('program_areas', 'program_areas.program_id', 'programs.id')
    .innerJoin('organizations', 'organizations.id', 'involved.organization_id')
    .select([
      'organizations.id as organization_id',
      'organizations.name as name',
      'programs.kind as what',
      'program_areas.code as place',
      month('programs.starts_on').as('month'),
      (eb) => eb.fn.countAll<string | number>().as('n'),
      (eb) => eb.fn.sum<string | number | null>('programs.people_reached').as('reached'),
    ])
    .where((w) => overlapsArea(w, code))
    .where(ranIn(from, to))
    .groupBy(['organizations.id', 'organizations.name', 'programs.kind', 'program_areas.code', month('programs.starts_on')])
    .execute();
  // Activities read from partners' HXL tables: a platform organization's under its id, an
  // external one's under its credit code or name.
  const imported = await db
    .selectFrom('external_activities')
    .leftJoin('organizations', 'organizations.id', 'external_activities.organization_id')
    .select([
      'external_activities.organization_id as organization_id',
      'organizations.name as platform_name',
      'external_activities.organization_name as external_name',
      'external_activities.credit_code as credit_code',
      'external_activities.what as what',
      'external_activities.jurisdiction as place',
      month('external_activities.starts_on').as('month'),
      (eb) => eb.fn.sum<string | number>('external_activities.count').as('n'),
      (eb) => eb.fn.sum<string | number | null>('external_activities.reached').as('reached'),
    ])
    .where(withinArea('external_activities.jurisdiction', code))
    .where('external_activities.starts_on', '>=', from)
    .where('external_activities.starts_on', '<', nextDay(to))
    .groupBy([
      'external_activities.organization_id',
      'organizations.name',
      'external_activities.organization_name',
      'external_activities.credit_code',
      'external_activities.what',
      'external_activities.jurisdiction',
      month('external_activities.starts_on'),
    ])
    .execute();
  const reached = (v: string | number | null) => (v === null ? null : Number(v));
  const row = (source: 'need' | 'program') => (r: (typeof claims)[number]) => ({
    organizationId: r.organization_id,
    name: r.name,
    what: r.what,
    source,
    external: false,
    where: r.place,
    when: r.month,
    count: Number(r.n),
    reached: reached(r.reached),
  });
  return [
    ...claims.map(row('need')),
    ...programs.map(row('program')),
    ...imported.map((r) => ({
      organizationId: r.organization_id ?? externalOrganizationId(r.credit_code, r.external_name),
      name: r.platform_name ?? r.external_name,
      what: r.what,
      source: 'imported' as const,
      external: r.organization_id === null,
      where: r.place,
      when: r.month,
      count: Number(r.n),
      reached: reached(r.reached),
    })),
  ];
}

/**
 * Where each place's activity lies, for a map without boundary data: the mean position of the
 * needs reported there, else of the bases of organizations at home there (none when neither is known).
 */
export async function placeCentres(db: Executor, codes: readonly string[]): Promise<Map<string, { lat: number; lon: number }>> {
  const out = new Map<string, { lat: number; lon: number }>();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    const fromNeeds = await db
      .selectFrom('needs')
      .select(['jurisdiction as code', (eb) => eb.fn.avg<number>('lat').as('lat'), (eb) => eb.fn.avg<number>('lon').as('lon')])
      .where('jurisdiction', 'in', chunk)
      .groupBy('jurisdiction')
      .execute();
    const fromBases = await db
      .selectFrom('organization_jurisdictions')
      .innerJoin('organizations', 'organizations.id', 'organization_jurisdictions.organization_id')
      .select([
        'organization_jurisdictions.code as code',
        (eb) => eb.fn.avg<number>('organizations.base_lat').as('lat'),
        (eb) => eb.fn.avg<number>('organizations.base_lon').as('lon'),
      ])
      .where('organization_jurisdictions.code', 'in', chunk)
      .where('organizations.base_lat', 'is not', null)
      .groupBy('organization_jurisdictions.code')
      .execute();
    for (const r of [...fromBases, ...fromNeeds]) {
      if (r.lat !== null && r.lon !== null) out.set(r.code, { lat: Number(r.lat), lon: Number(r.lon) });
    }
  }
  return out;
}
