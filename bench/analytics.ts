/**
 * The analytics dashboard of a province (Henan) with 100,000 organizations and 1,000,000
 * activities and needs (600,000 needs with their claims, 400,000 programs), through the same
 * services and worker-thread snapshots as `corespond serve`. Warm: every dashboard query,
 * round after round, p95 against a plain `SELECT count(*)` over the needs (ratio = count p95 ÷
 * dashboard p95). Also: the first (cold) dashboard load, and how long a change takes to show.
 */
import { tmpdir } from 'node:os';
import { collaborationOf } from '../src/services/analytics/collaboration';
import { cooperationModes } from '../src/services/analytics/cooperation-modes';
import { workerSnapshots } from '../src/services/analytics/figure-worker';
import { functionCoverageOf } from '../src/services/analytics/function-coverage';
import { lifecycleOf } from '../src/services/analytics/lifecycle';
import { principlesOf } from '../src/services/analytics/principles';
import { specialNeeds } from '../src/services/analytics/special-needs';
import { substitutionOf } from '../src/services/analytics/substitution';
import { whoWhatWhereOf } from '../src/services/analytics/who-what-where';
import type { Actor, Deps } from '../src/services/context';
import { createProgram } from '../src/services/programs/manage-programs';
import { type BenchContext, percentile, summary, timeEach } from './harness';
import { seedOrganizations } from './seed';
import { seedActivity } from './seed-activity';

const ORGANIZATIONS = Number(process.env.BENCH_ORGANIZATIONS ?? 100_000);
const NEEDS = Number(process.env.BENCH_NEEDS ?? 600_000);
const PROGRAMS = Number(process.env.BENCH_PROGRAMS ?? 400_000);
const ROUNDS = 30;

export default async function analyticsBench({ database, location, log }: BenchContext): Promise<string> {
  await seedOrganizations({ database, log }, ORGANIZATIONS, ['410000']);
  await seedActivity({ database, log }, { province: '410000', needs: NEEDS, programs: PROGRAMS, deployments: 30_000 });
  const { db } = database;
  const base: Deps = { db, dialect: database.dialect, now: () => new Date(), auditKey: Buffer.alloc(32), dataDir: tmpdir() };
  const analytics = workerSnapshots(db, {
    url: location?.url,
    dataDir: location?.dataDir ?? tmpdir(),
    auditKey: base.auditKey,
  });
  const deps: Deps = { ...base, figures: analytics.figures };
  const coordinator: Actor = {
    kind: 'user',
    userId: 'bench',
    role: 'coordinator',
    organizationId: null,
    jurisdiction: '410000',
  };
  const scope = { jurisdiction: '410000' };
  const incident = await db.selectFrom('incidents').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  // What the dashboard asks for when it opens on the province (first pages, default sizes).
  const dashboard: Record<string, () => Promise<unknown>> = {
    'cooperation-modes': () => cooperationModes(deps, coordinator, scope),
    'function-coverage': () => functionCoverageOf(deps, coordinator, scope),
    lifecycle: () => lifecycleOf(deps, coordinator, scope),
    'special-needs': () => specialNeeds(deps, coordinator, scope),
    collaboration: () => collaborationOf(deps, coordinator, scope),
    principles: () => principlesOf(deps, coordinator, scope),
    substitution: () => substitutionOf(deps, coordinator, incident.id),
    'who-what-where': () => whoWhatWhereOf(deps, coordinator, scope),
  };
  try {
    log('cold: the dashboard opens on a province nobody has looked at since the server started…');
    const opened = Date.now();
    const firstAnswers = await Promise.all(
      Object.entries(dashboard).map(async ([name, ask]) => {
        await ask();
        const seconds = (Date.now() - opened) / 1000;
        log(`  ${name} answered after ${seconds.toFixed(1)} s`);
        return seconds;
      }),
    );
    const coldSeconds = Math.max(...firstAnswers);

    const perQuery = new Map<string, number[]>();
    const all: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, ask] of Object.entries(dashboard)) {
        const start = process.hrtime.bigint();
        await ask();
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        all.push(ms);
        perQuery.set(name, [...(perQuery.get(name) ?? []), ms]);
      }
    }
    const slowest = [...perQuery].map(([name, times]) => [name, percentile(times, 95)] as const).sort((a, b) => b[1] - a[1]);
    for (const [name, p95] of slowest) log(`  warm ${name}: p95 ${p95.toFixed(2)} ms`);
    const count = await timeEach(Array.from({ length: ROUNDS }), () =>
      db
        .selectFrom('needs')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    );

    // A program recorded now: how long until the province's function map counts it.
    log('lag: recording a program…');
    const drills = async () =>
      (await functionCoverageOf(deps, coordinator, scope)).cells.find((c) => c.strategy === 'ideas' && c.phase === 'risk')
        ?.activities ?? 0;
    const before = await drills();
    const lead = await db
      .selectFrom('organizations')
      .select('id')
      .where('kind', '<>', 'government_agency')
      .executeTakeFirstOrThrow();
    const recorded = Date.now();
    await createProgram(
      base,
      { kind: 'system', label: 'bench' },
      {
        title: '基准风险文化宣传',
        kind: 'advocacy',
        cell: { strategy: 'ideas', phase: 'risk' },
        stage: 'preparedness',
        leadOrganizationId: lead.id,
        jurisdictions: ['410105'],
        startsOn: new Date().toISOString().slice(0, 10),
        cooperationType: 'information',
      },
    );
    let lagSeconds = Number.NaN;
    while (Date.now() - recorded < 120_000) {
      if ((await drills()) > before) {
        lagSeconds = (Date.now() - recorded) / 1000;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    log(`  counted after ${lagSeconds.toFixed(1)} s`);

    const p95 = percentile(all, 95);
    const count95 = percentile(count, 95);
    return summary('analytics', count95 / p95, {
      dialect: database.dialect,
      organizations: ORGANIZATIONS,
      needs: NEEDS,
      programs: PROGRAMS,
      queries: Object.keys(dashboard).length,
      p50_ms: percentile(all, 50),
      p95_ms: p95,
      target_p95_ms: 300,
      slowest: `${slowest[0][0]}@${slowest[0][1].toFixed(1)}ms`,
      count_p95_ms: count95,
      cold_s: coldSeconds,
      lag_s: lagSeconds,
      max_lag_s: 60,
      rss_mb: Math.round(process.memoryUsage().rss / 1048576),
    });
  } finally {
    await analytics.close();
  }
}
