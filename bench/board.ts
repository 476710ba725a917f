/**
 * The live board's viewport query: needs inside a fixed city-sized box (at most 2,000
 * returned, newest first, with how many matched) among 1,000,000 needs of one incident,
 * against the baseline of a primary-key lookup. ratio = pk p95 / board p95. Also prints the
 * time to load the incident's points, the list's first page in the same box, and the
 * process's memory (RSS) with that many needs stored and mapped.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { findNeed } from '../src/db/repositories/needs';
import type { NeedsTable } from '../src/db/schema';
import { URGENCIES } from '../src/model/need';
import { SERVICE_CATEGORIES } from '../src/model/taxonomy';
import type { Actor, Deps } from '../src/services/context';
import { declareIncident } from '../src/services/incidents/manage-incidents';
import { needMap } from '../src/services/needs/need-map';
import { listNeeds } from '../src/services/needs/read-needs';
import { type BenchContext, percentile, summary, timeEach } from './harness';
import { needRow, seeded } from './seed';

const TOTAL = Number(process.env.BENCH_NEEDS ?? 1_000_000);
const BATCH = 1000;

export default async function boardBench({ database, log }: BenchContext): Promise<string> {
  const { db } = database;
  const deps: Deps = { db, dialect: database.dialect, now: () => new Date(), auditKey: Buffer.alloc(32), dataDir: tmpdir() };
  const system: Actor = { kind: 'system', label: 'bench' };
  const existing = await db.selectFrom('incidents').select('id').where('name', '=', '基准看板事件').executeTakeFirst();
  const incidentId =
    existing?.id ??
    (
      await declareIncident(deps, system, {
        name: '基准看板事件',
        category: 'natural_disaster',
        type: '洪涝',
        level: 1,
        jurisdictions: ['410000'],
      })
    ).id;
  const have = Number(
    (
      await db
        .selectFrom('needs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('incident_id', '=', incidentId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const random = seeded(1_000_000);
  if (have < TOTAL) {
    log(`seeding ${TOTAL - have} needs on ${database.dialect}…`);
    const started = Date.now();
    const at = new Date().toISOString();
    for (let done = have; done < TOTAL; ) {
      const rows: NeedsTable[] = [];
      for (let i = 0; i < BATCH && done < TOTAL; i++, done++) {
        // Spread over Henan: about 3° by 3°.
        const lat = 32.5 + random() * 3;
        const lon = 112 + random() * 3;
        rows.push(
          needRow({
            id: randomUUID(),
            incident_id: incidentId,
            title: `需求 ${done}`,
            category: SERVICE_CATEGORIES[done % SERVICE_CATEGORIES.length],
            quantity: 1 + (done % 20),
            jurisdiction: '410105',
            lat,
            lon,
            urgency: URGENCIES[done % URGENCIES.length],
            vulnerable_groups: done % 7 === 0 ? '["elderly"]' : '[]',
            created_at: at,
          }),
        );
      }
      await db.transaction().execute((trx) => trx.insertInto('needs').values(rows).execute());
      if (done % 100_000 === 0) log(`  ${done} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  // A city-sized viewport (about 33 km by 37 km) at different places.
  const boxes = Array.from({ length: 200 }, () => {
    const south = 32.6 + random() * 2.6;
    const west = 112.1 + random() * 2.5;
    return { south, west, north: south + 0.3, east: west + 0.4 };
  });
  const statuses = ['open', 'claimed', 'in_progress'] as const;
  const loading = Date.now();
  await needMap(deps, system, incidentId, { statuses });
  const loadSeconds = (Date.now() - loading) / 1000;
  log(`points of ${TOTAL} needs loaded in ${loadSeconds.toFixed(1)} s`);
  let returned = 0;
  let matched = 0;
  const board = await timeEach(boxes, async (box) => {
    const map = await needMap(deps, system, incidentId, { box, statuses });
    returned = Math.max(returned, map.items.length);
    matched = Math.max(matched, map.total);
  });
  const list = await timeEach(boxes.slice(0, 50), (box) =>
    listNeeds(deps, system, { incidentId, box, statuses: [...statuses] }, { limit: 50 }),
  );
  const ids = (await db.selectFrom('needs').select('id').where('incident_id', '=', incidentId).limit(500).execute()).map(
    (r) => r.id,
  );
  const pk = await timeEach(ids, (id) => findNeed(db, id));
  const p95 = percentile(board, 95);
  const pk95 = percentile(pk, 95);
  return summary('board', pk95 / p95, {
    dialect: database.dialect,
    needs: TOTAL,
    viewports: boxes.length,
    max_returned: returned,
    max_matched: matched,
    load_s: loadSeconds,
    p50_ms: percentile(board, 50),
    p95_ms: p95,
    target_p95_ms: 50,
    pk_p95_ms: pk95,
    list_page_p95_ms: percentile(list, 95),
    rss_mb: Math.round(process.memoryUsage().rss / 1048576),
  });
}
