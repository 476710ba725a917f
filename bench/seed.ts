/** Seeds benchmark data with bulk inserts (not through the use cases: fixtures only). */

import { randomUUID } from 'node:crypto';
import { insertOrganizations } from '../src/db/repositories/organizations';
import type { NeedsTable } from '../src/db/schema';
import { childJurisdictions } from '../src/model/jurisdictions';
import { placeCell } from '../src/model/need';
import { NO_PUBLIC_FUNDRAISING, ORGANIZATION_KINDS, type Organization, type OrganizationKind } from '../src/model/organization';
import { seededRandom } from '../src/model/random';
import { allCells, SERVICE_CATEGORIES } from '../src/model/taxonomy';
import type { BenchContext } from './harness';

const DESCRIPTORS = [
  '蓝天',
  '红十字',
  '应急',
  '志愿',
  '公益',
  '义工',
  '山地',
  '水上',
  '社区',
  '青年',
  '巾帼',
  '曙光',
  '雷霆',
  '飞鹰',
  '天使',
  '守护',
  '黄河',
  '长江',
  '阳光',
  '爱心',
];
const TYPES: Record<OrganizationKind, string[]> = {
  government_agency: ['应急管理局', '民政局', '消防救援大队'],
  social_organization: ['社会工作服务中心', '公益服务中心'],
  foundation: ['慈善基金会', '公益基金会'],
  rescue_team: ['救援队', '应急救援队', '搜救队'],
  volunteer_association: ['志愿者协会', '义工联合会'],
  community_group: ['社区互助会', '邻里互助队'],
  grassroots_group: ['互助小组', '自救队'],
  enterprise: ['物流有限公司', '医疗器械有限公司'],
};

/** A deterministic random generator, so every run seeds the same data. */
export const seeded = seededRandom;

/** Rough centres of the seeded provinces, for base locations. */
const CENTRES: Record<string, [number, number]> = {
  '41': [34.5, 113.7],
  '42': [30.9, 112.3],
  '44': [23.3, 113.3],
  '51': [30.6, 104.0],
  '33': [29.5, 120.0],
};

/**
 * Makes sure the database holds `total` organizations, at home in counties of the given
 * provinces (five by default); returns how many there were before.
 */
export async function seedOrganizations(
  { database, log }: BenchContext,
  total: number,
  provinces: readonly string[] = ['410000', '420000', '440000', '510000', '330000'],
): Promise<number> {
  const random = seeded(2260);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const counties = provinces.flatMap((p) =>
    childJurisdictions(p).flatMap((city) => (city.level === 'city' ? childJurisdictions(city.code) : [city])),
  );
  const { db } = database;
  // Only those at home in these provinces count: a database seeded for another benchmark may hold others.
  const existing = Number(
    (
      await db
        .selectFrom('organization_jurisdictions')
        .select((eb) => eb.fn.count('organization_id').distinct().as('n'))
        .where(
          'province',
          'in',
          provinces.map((p) => p.slice(0, 2)),
        )
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (existing >= total) return existing;
  log(`seeding ${total - existing} organizations on ${database.dialect}…`);
  const started = Date.now();
  const at = new Date().toISOString();
  for (let done = existing; done < total; ) {
    const batch: Organization[] = [];
    for (let i = 0; i < 2000 && done < total; i++, done++) {
      const kind = pick(ORGANIZATION_KINDS);
      const county = pick(counties);
      const [clat, clon] = CENTRES[county.code.slice(0, 2)];
      batch.push({
        id: randomUUID(),
        kind,
        name: `${county.name.replace(/(市|区|县)$/, '')}${pick(DESCRIPTORS)}${pick(TYPES[kind])}${done}`,
        nameEn: null,
        creditCode: null,
        supervisingAgency: null,
        jurisdictions: [county.code],
        base: random() < 0.7 ? { lat: clat + (random() - 0.5) * 3, lon: clon + (random() - 0.5) * 3 } : null,
        capabilities: {
          cells: allCells().filter(() => random() < 0.2),
          serviceCategories: SERVICE_CATEGORIES.filter(() => random() < 0.15),
        },
        archived: false,
        membership: { status: 'active', tier: 'standard', plan: null },
        ...NO_PUBLIC_FUNDRAISING,
        createdAt: at,
        updatedAt: at,
      });
    }
    await db.transaction().execute((trx) => insertOrganizations(trx, batch));
    if (done % 20_000 === 0) log(`  ${done} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  return existing;
}

/** A need row for fixtures: what a benchmark sets, over the defaults of a fresh public report. */
export function needRow(
  fields: Pick<
    NeedsTable,
    'id' | 'incident_id' | 'title' | 'category' | 'jurisdiction' | 'lat' | 'lon' | 'urgency' | 'created_at'
  > &
    Partial<NeedsTable>,
): NeedsTable {
  return {
    description: null,
    kind: 'agent_generated',
    quantity: 1,
    unit: '份',
    cell: fields.lat === null || fields.lon === null ? null : placeCell(fields.lat, fields.lon),
    location_needed: fields.lat === null ? 1 : 0,
    vulnerable_groups: '[]',
    people_affected: null,
    item: null,
    contact_name: null,
    contact_phone: null,
    address: null,
    source: 'public',
    verification_level: 'unverified',
    verified_by: null,
    verified_at: null,
    status: 'open',
    claimed_quantity: 0,
    fulfilled_quantity: 0,
    close_reason: null,
    close_note: null,
    duplicate_of: null,
    receipt_code: null,
    created_by: 'system:bench',
    updated_at: fields.created_at,
    ...fields,
  };
}
