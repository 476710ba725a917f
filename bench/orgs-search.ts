/**
 * Directory search among 100,000 organizations (name in either script, with and without
 * filters, as the directory page asks it: a page of 20 and the total) against the
 * baseline of a primary-key lookup on the same database. ratio = pk p50 / search p50.
 */
import { tmpdir } from 'node:os';
import * as OpenCC from 'opencc-js';
import { findOrganization } from '../src/db/repositories/organizations';
import type { Deps } from '../src/services/context';
import { listOrganizations } from '../src/services/organizations/read-organizations';
import { type BenchContext, percentile, summary, timeEach } from './harness';
import { seedOrganizations } from './seed';

const TOTAL = Number(process.env.BENCH_ORGS ?? 100_000);
const QUERIES = 300;

export default async function orgsSearch({ database, log }: BenchContext): Promise<string> {
  const { db } = database;
  const existing = await seedOrganizations({ database, log }, TOTAL);
  const names: string[] = [];
  const ids: string[] = [];
  const sample = await db.selectFrom('organizations').select(['id', 'name']).orderBy('id').limit(QUERIES).execute();
  for (const row of sample) {
    ids.push(row.id);
    names.push(row.name);
  }

  const deps: Deps = { db, dialect: database.dialect, now: () => new Date(), auditKey: Buffer.alloc(32), dataDir: tmpdir() };
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
