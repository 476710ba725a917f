/**
 * Directory search among 100,000 organizations (name in either script, with and without
 * filters, as the directory page asks it: a page of 20 and the total) against the
 * baseline of a primary-key lookup on the same database. ratio = pk p50 / search p50.
 */
import { randomUUID } from 'node:crypto';
import * as OpenCC from 'opencc-js';
import { findOrganization, insertOrganizations } from '../src/db/repositories/organizations';
import { childJurisdictions } from '../src/model/jurisdictions';
import type { Organization, OrganizationKind } from '../src/model/organization';
import { ORGANIZATION_KINDS } from '../src/model/organization';
import { allCells, SERVICE_CATEGORIES } from '../src/model/taxonomy';
import type { Deps } from '../src/services/context';
import { listOrganizations } from '../src/services/organizations/read-organizations';
import { type BenchContext, percentile, summary, timeEach } from './harness';

const TOTAL = Number(process.env.BENCH_ORGS ?? 100_000);
const QUERIES = 300;

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

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export default async function orgsSearch({ database, log }: BenchContext): Promise<string> {
  const random = seeded(2260);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const counties = ['410000', '420000', '440000', '510000', '330000'].flatMap((p) =>
    childJurisdictions(p).flatMap((city) => (city.level === 'city' ? childJurisdictions(city.code) : [city])),
  );
  const { db } = database;
  const existing = Number(
    (
      await db
        .selectFrom('organizations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const names: string[] = [];
  const ids: string[] = [];
  if (existing < TOTAL) {
    log(`seeding ${TOTAL - existing} organizations on ${database.dialect}…`);
    const started = Date.now();
    const at = new Date().toISOString();
    for (let done = existing; done < TOTAL; ) {
      const batch: Organization[] = [];
      for (let i = 0; i < 2000 && done < TOTAL; i++, done++) {
        const kind = pick(ORGANIZATION_KINDS);
        const county = pick(counties);
        const name = `${county.name.replace(/(市|区|县)$/, '')}${pick(DESCRIPTORS)}${pick(TYPES[kind])}${done}`;
        const cells = allCells().filter(() => random() < 0.2);
        const serviceCategories = SERVICE_CATEGORIES.filter(() => random() < 0.15);
        batch.push({
          id: randomUUID(),
          kind,
          name,
          nameEn: null,
          creditCode: null,
          supervisingAgency: null,
          jurisdictions: [county.code],
          base: null,
          capabilities: { cells, serviceCategories },
          archived: false,
          membership: { status: 'active', tier: 'standard', plan: null },
          createdAt: at,
          updatedAt: at,
        });
      }
      await db.transaction().execute((trx) => insertOrganizations(trx, batch));
      if (done % 20_000 === 0) log(`  ${done} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  const sample = await db.selectFrom('organizations').select(['id', 'name']).orderBy('id').limit(QUERIES).execute();
  for (const row of sample) {
    ids.push(row.id);
    names.push(row.name);
  }

  const deps: Deps = { db, dialect: database.dialect, now: () => new Date(), auditKey: Buffer.alloc(32) };
  const system = { kind: 'system', label: 'bench' } as const;
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const searches = names.map((name, i) => {
    const core = name.replace(/\d+$/, '');
    const fragment = [...core].slice(1, 5).join('');
    switch (i % 3) {
      case 0:
        return { q: toTraditional(fragment) };
      case 1:
        return { q: fragment, jurisdiction: '410000' };
      default:
        return { q: fragment.slice(0, 2), cell: 'action:crisis' };
    }
  });

  const searchTimes = await timeEach(searches, (filter) => listOrganizations(deps, system, filter, { limit: 20 }));
  const pkTimes = await timeEach(ids, (id) => findOrganization(db, id));
  const search50 = percentile(searchTimes, 50);
  const pk50 = percentile(pkTimes, 50);
  return summary('orgs-search', pk50 / search50, {
    dialect: database.dialect,
    orgs: Math.max(existing, TOTAL),
    queries: searches.length,
    search_p50_ms: search50,
    search_p95_ms: percentile(searchTimes, 95),
    pk_p50_ms: pk50,
    pk_p95_ms: percentile(pkTimes, 95),
  });
}
