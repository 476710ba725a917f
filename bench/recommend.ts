/**
 * Top-10 recommendations for a need among 100,000 organizations (indexed candidates, then
 * ranked) against the baseline of a linear scan that scores every organization.
 * ratio = linear scan p99 / recommendation p99.
 */
import { tmpdir } from 'node:os';
import { recommend } from '../src/matching/recommend';
import { SERVICE_CATEGORIES } from '../src/model/taxonomy';
import type { Actor, Deps } from '../src/services/context';
import { declareIncident } from '../src/services/incidents/manage-incidents';
import { candidateFromRow, recommendOrganizations } from '../src/services/needs/recommend-organizations';
import { reportNeed } from '../src/services/needs/report-need';
import { type BenchContext, percentile, summary, timeEach } from './harness';
import { seeded, seedOrganizations } from './seed';

const TOTAL = Number(process.env.BENCH_ORGS ?? 100_000);

export default async function recommendBench({ database, log }: BenchContext): Promise<string> {
  await seedOrganizations({ database, log }, TOTAL);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    now: () => new Date(),
    auditKey: Buffer.alloc(32),
    dataDir: tmpdir(),
  };
  const system: Actor = { kind: 'system', label: 'bench' };
  const incident = await declareIncident(deps, system, {
    name: '基准测试事件',
    category: 'natural_disaster',
    type: '洪涝',
    level: 2,
    jurisdictions: ['410000'],
  });
  const random = seeded(7);
  const needs: { id: string; category: (typeof SERVICE_CATEGORIES)[number]; lat: number; lon: number; jurisdiction: string }[] =
    [];
  for (let i = 0; i < 40; i++) {
    const category = SERVICE_CATEGORIES[Math.floor(random() * SERVICE_CATEGORIES.length)];
    const lat = 33 + random() * 3;
    const lon = 112 + random() * 3;
    const outcome = await reportNeed(deps, system, incident.id, {
      title: `需求 ${i}`,
      category,
      jurisdiction: '410105',
      lat,
      lon,
    });
    if (!outcome.replayed) needs.push({ id: outcome.reported.need.id, category, lat, lon, jurisdiction: '410105' });
  }
  log(`measuring recommendations for ${needs.length} needs among ${TOTAL} organizations on ${database.dialect}…`);
  const calls = Array.from({ length: 400 }, (_, i) => needs[i % needs.length]);
  const ours = await timeEach(calls, (need) => recommendOrganizations(deps, system, need.id, { limit: 10 }));

  // Baseline: read every organization and score each one.
  const linear = async (need: (typeof needs)[number]) => {
    const rows = await database.db
      .selectFrom('organizations')
      .select([
        'id',
        'name',
        'kind',
        'membership_status',
        'membership_tier',
        'jurisdictions',
        'base_lat',
        'base_lon',
        'capabilities',
      ])
      .where('archived_at', 'is', null)
      .execute();
    const candidates = rows.map((r) =>
      candidateFromRow(r, { people: 0, deployed: 0, verifiedCapacity: false, fulfilled: 0, dropped: 0 }),
    );
    return recommend({ ...need, cell: null }, candidates, 10);
  };
  const baseline = await timeEach(calls.slice(0, 30), linear, 2);
  const p99 = percentile(ours, 99);
  const base99 = percentile(baseline, 99);
  return summary('recommend', base99 / p99, {
    dialect: database.dialect,
    orgs: TOTAL,
    calls: calls.length,
    p50_ms: percentile(ours, 50),
    p99_ms: p99,
    target_p99_ms: 5,
    linear_p50_ms: percentile(baseline, 50),
    linear_p99_ms: base99,
  });
}
