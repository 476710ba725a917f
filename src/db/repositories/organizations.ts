/**
 * Organizations and their lookup tables (jurisdictions, function-map cells, service
 * categories, name search terms), kept in step on every write.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { CultivationPlan, MembershipStatus, MembershipTier } from '../../model/membership';
import type { Organization, OrganizationKind } from '../../model/organization';
import { searchKey, searchTerms, sortKey } from '../../model/search-text';
import type { ServiceCategory } from '../../model/taxonomy';
import { cellKey } from '../../model/taxonomy';
import { areaRow, overlapsArea } from '../areas';
import { insertInChunks, selectInChunks } from '../bulk';
import type { DialectName } from '../database';
import { lockedForChange } from '../row-lock';
import type { Executor, OrganizationsTable, Tables } from '../schema';
import { containsKey } from '../text-match';

export interface OrganizationFilter {
  q?: string;
  kind?: OrganizationKind;
  membershipStatus?: MembershipStatus;
  /** Organizations whose service area overlaps this code (contains it or lies within it). */
  jurisdiction?: string;
  cell?: string;
  category?: ServiceCategory;
  includeArchived?: boolean;
}

/** Where a page starts: after the organization with this sort key and id. */
export interface DirectoryPosition {
  sortKey: string;
  id: string;
}

export interface PageRequest {
  limit: number;
  after?: DirectoryPosition;
}

function toOrganization(row: OrganizationsTable): Organization {
  return {
    id: row.id,
    kind: row.kind as OrganizationKind,
    name: row.name,
    nameEn: row.name_en,
    creditCode: row.credit_code,
    supervisingAgency: row.supervising_agency,
    jurisdictions: JSON.parse(row.jurisdictions) as string[],
    base: row.base_lat === null || row.base_lon === null ? null : { lat: row.base_lat, lon: row.base_lon },
    capabilities: JSON.parse(row.capabilities) as Organization['capabilities'],
    archived: row.archived_at !== null,
    membership: {
      status: row.membership_status as MembershipStatus,
      tier: row.membership_tier as MembershipTier,
      plan: row.cultivation_plan ? (JSON.parse(row.cultivation_plan) as CultivationPlan) : null,
    },
    publicFundraisingQualified: Boolean(row.public_fundraising_qualified),
    publicFundraisingSince: row.public_fundraising_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(org: Organization): OrganizationsTable {
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    name_en: org.nameEn,
    search_key: [searchKey(org.name), org.nameEn ? searchKey(org.nameEn) : ''].join('\u0001'),
    sort_key: sortKey(org.name),
    credit_code: org.creditCode,
    supervising_agency: org.supervisingAgency,
    jurisdictions: JSON.stringify(org.jurisdictions),
    base_lat: org.base?.lat ?? null,
    base_lon: org.base?.lon ?? null,
    capabilities: JSON.stringify(org.capabilities),
    archived_at: org.archived ? org.updatedAt : null,
    membership_status: org.membership.status,
    membership_tier: org.membership.tier,
    cultivation_plan: org.membership.plan ? JSON.stringify(org.membership.plan) : null,
    created_at: org.createdAt,
    updated_at: org.updatedAt,
    public_fundraising_qualified: org.publicFundraisingQualified ? 1 : 0,
    public_fundraising_since: org.publicFundraisingSince,
  };
}

/** The organization with this id, archived or not. */
/** The ids of organizations whose service area overlaps an area: contains it or lies within it. */
export function overlappingOrganizations(db: Executor, code: string) {
  return db
    .selectFrom('organization_jurisdictions')
    .select('organization_id')
    .where((w) => overlapsArea(w, code));
}

export async function findOrganization(db: Executor, id: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrganization(row) : undefined;
}

/**
 * An organization whose row is about to be written whole, locked until the transaction ends
 * (see lockedForChange), so that a save does not put back a membership status or areas that a
 * concurrent change replaced.
 */
export async function findOrganizationForUpdate(
  db: Executor,
  dialect: DialectName,
  id: string,
): Promise<Organization | undefined> {
  const row = await lockedForChange(db.selectFrom('organizations').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  return row ? toOrganization(row) : undefined;
}

/** Organizations by id (those that exist), in one statement per 500 ids. */
export async function findOrganizations(db: Executor, ids: readonly string[]): Promise<Map<string, Organization>> {
  const rows = await selectInChunks([...new Set(ids)], (chunk) =>
    db.selectFrom('organizations').selectAll().where('id', 'in', chunk).execute(),
  );
  return new Map(rows.map((row) => [row.id, toOrganization(row)]));
}

/** The organization holding this credit code, if any. */
export async function findOrganizationByCreditCode(db: Executor, code: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().where('credit_code', '=', code).executeTakeFirst();
  return row ? toOrganization(row) : undefined;
}

/** Inserts a new organization with its lookup rows. */
export async function insertOrganization(db: Executor, org: Organization): Promise<void> {
  await insertOrganizations(db, [org]);
}

/** Inserts many organizations in a few statements (imports, demo data, benchmarks). */
export async function insertOrganizations(db: Executor, orgs: readonly Organization[]): Promise<void> {
  for (let i = 0; i < orgs.length; i += BATCH) {
    const chunk = orgs.slice(i, i + BATCH);
    await db.insertInto('organizations').values(chunk.map(toRow)).execute();
    await writeLookups(db, chunk);
  }
}

/** Replaces an organization's row and lookup rows with the given state. */
export async function saveOrganization(db: Executor, org: Organization): Promise<void> {
  const { id, ...rest } = toRow(org);
  await db.updateTable('organizations').set(rest).where('id', '=', id).execute();
  for (const table of [
    'organization_jurisdictions',
    'organization_cells',
    'organization_categories',
    'organization_search_terms',
  ] as const) {
    await db.deleteFrom(table).where('organization_id', '=', id).execute();
  }
  await writeLookups(db, [org]);
}

// Rows per statement, well under both databases' limits on bound parameters.
const BATCH = 400;

async function writeLookups(db: Executor, orgs: readonly Organization[]): Promise<void> {
  await insertInChunks(
    db,
    'organization_jurisdictions',
    orgs.flatMap((o) => o.jurisdictions.map((code) => ({ organization_id: o.id, ...areaRow(code) }))),
  );
  await insertInChunks(
    db,
    'organization_cells',
    orgs.flatMap((o) => o.capabilities.cells.map((c) => ({ organization_id: o.id, cell: cellKey(c) }))),
  );
  await insertInChunks(
    db,
    'organization_categories',
    orgs.flatMap((o) => o.capabilities.serviceCategories.map((category) => ({ organization_id: o.id, category }))),
  );
  await insertInChunks(
    db,
    'organization_search_terms',
    orgs.flatMap((o) => searchTerms(o.name, o.nameEn).map((term) => ({ term, organization_id: o.id }))),
  );
}

type OrgQuery = SelectQueryBuilder<Tables, 'organizations', object>;

function applyFilter(db: Executor, query: OrgQuery, filter: OrganizationFilter): OrgQuery {
  let q = query;
  if (!filter.includeArchived) q = q.where('organizations.archived_at', 'is', null);
  if (filter.kind) q = q.where('organizations.kind', '=', filter.kind);
  if (filter.membershipStatus) q = q.where('organizations.membership_status', '=', filter.membershipStatus);
  if (filter.q) {
    const key = searchKey(filter.q);
    const terms = searchTerms(filter.q);
    if ([...key].length >= 2) {
      q = q.where('organizations.id', 'in', (eb) =>
        eb
          .selectFrom('organization_search_terms')
          .select('organization_id')
          .where('term', 'in', terms)
          .groupBy('organization_id')
          .having(sql<number>`count(*)`, '=', terms.length),
      );
    }
    q = q.where(containsKey('organizations.search_key', key));
  }
  if (filter.jurisdiction) {
    q = q.where('organizations.id', 'in', overlappingOrganizations(db, filter.jurisdiction));
  }
  if (filter.cell) {
    const cell = filter.cell;
    q = q.where('organizations.id', 'in', (eb) =>
      eb.selectFrom('organization_cells').select('organization_id').where('cell', '=', cell),
    );
  }
  if (filter.category) {
    const category = filter.category;
    q = q.where('organizations.id', 'in', (eb) =>
      eb.selectFrom('organization_categories').select('organization_id').where('category', '=', category),
    );
  }
  return q;
}

/** One page of organizations matching the filter, in pinyin order of their names, with the total. */
export async function searchOrganizations(
  db: Executor,
  filter: OrganizationFilter,
  page: PageRequest,
): Promise<{ items: Organization[]; total: number; next: DirectoryPosition | null }> {
  let query = applyFilter(db, db.selectFrom('organizations'), filter).selectAll('organizations');
  if (page.after) {
    const { sortKey: key, id } = page.after;
    query = query.where((w) =>
      w.or([
        w('organizations.sort_key', '>', key),
        w.and([w('organizations.sort_key', '=', key), w('organizations.id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('organizations.sort_key')
    .orderBy('organizations.id')
    .limit(page.limit + 1)
    .execute();
  const counted = await applyFilter(db, db.selectFrom('organizations'), filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const last = rows[page.limit - 1];
  return {
    items: rows.slice(0, page.limit).map(toOrganization),
    total: Number(counted.n),
    next: rows.length > page.limit && last ? { sortKey: last.sort_key, id: last.id } : null,
  };
}

/** Current (not archived) organizations with exactly this name. */
export async function findOrganizationsByName(db: Executor, name: string): Promise<Organization[]> {
  const rows = await db
    .selectFrom('organizations')
    .selectAll()
    .where('name', '=', name)
    .where('archived_at', 'is', null)
    .execute();
  return rows.map(toOrganization);
}
