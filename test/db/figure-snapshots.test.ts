import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../src/model/errors';
import { computeFigure } from '../../src/services/analytics/compute-figure';
import { FigureWorker } from '../../src/services/analytics/figure-worker';
import type { FigureName, FigureScope } from '../../src/services/analytics/figures';
import { principlesOf } from '../../src/services/analytics/principles';
import { FigureSnapshots } from '../../src/services/analytics/snapshots';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createProgram } from '../../src/services/programs/manage-programs';
import { describeEachDatabase, TEST_AUDIT_KEY } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const SCOPE = { jurisdiction: '410100', from: '2026-01-01', to: '2026-12-31' };

describeEachDatabase('analytics figures: snapshots at most a minute behind, computed on a worker thread', (t, dialect) => {
  let lead = '';
  let worker: FigureWorker;
  beforeAll(async () => {
    const { deps, env } = t();
    lead = (
      await createOrganization(deps, SYSTEM, {
        name: '郑州蓝天救援队',
        kind: 'rescue_team',
        jurisdictions: ['410105'],
        capabilities: { cells: [{ strategy: 'action', phase: 'risk' }], serviceCategories: ['search_rescue'] },
      } as never)
    ).id;
    worker = new FigureWorker({
      url: env.DATABASE_URL,
      dataDir: env.CORESPOND_DATA_DIR ?? deps.dataDir,
      auditKey: TEST_AUDIT_KEY,
    });
  });
  afterAll(async () => {
    await worker.close();
  });

  const addProgram = (title: string, cooperationType: 'services' | 'learning') =>
    createProgram(t().deps, SYSTEM, {
      title,
      kind: 'drill',
      cell: { strategy: 'action', phase: 'risk' },
      stage: 'preparedness',
      leadOrganizationId: lead,
      jurisdictions: ['410105'],
      startsOn: '2026-05-12',
      endsOn: '2026-05-12',
      peopleReached: 80,
      cooperationType,
    });

  it('serves a figure from memory while it is under a minute old, and recomputes once the data moved and a minute passed', async () => {
    const { deps } = t();
    let now = 1_000_000;
    const computed: FigureName[] = [];
    const snapshots = new FigureSnapshots(
      deps.db,
      (name: FigureName, scope: FigureScope) => {
        computed.push(name);
        return computeFigure(deps, name, scope);
      },
      { clock: () => now, refreshEveryMs: 3_600_000 },
    );
    const read = () => principlesOf({ ...deps, figures: snapshots }, SYSTEM, SCOPE);
    try {
      expect((await read()).comprehensiveness.cooperationTypes).toEqual([]);
      await addProgram('汛前演练', 'services');
      now += 30_000;
      // Half a minute later the program is not in the figure yet: that lag is allowed.
      expect((await read()).comprehensiveness.cooperationTypes).toEqual([]);
      expect(computed).toHaveLength(1);
      now += 31_000;
      expect((await read()).comprehensiveness.cooperationTypes).toEqual(['services']);
      expect(computed).toHaveLength(2);
      // Over a minute old but nothing changed since: still exact, not recomputed.
      now += 120_000;
      await read();
      expect(computed).toHaveLength(2);

      // The background refresh catches up with a change before any reader waits for it.
      await addProgram('防汛培训', 'learning');
      now += 25_000;
      await snapshots.refreshMoved();
      expect(computed).toHaveLength(3);
      expect((await read()).comprehensiveness.cooperationTypes).toEqual(['services', 'learning']);
      expect(computed).toHaveLength(3);

      // Past the limit of figures kept, the one read longest ago goes.
      const few = new FigureSnapshots(deps.db, (name, scope) => computeFigure(deps, name, scope), {
        clock: () => now,
        maxFigures: 2,
      });
      try {
        for (const to of ['2026-10-31', '2026-11-30', '2026-12-31']) {
          now += 1;
          await few.figure('principles', { ...SCOPE, to });
        }
        expect(few.size).toBe(2);
      } finally {
        few.close();
      }

      // A figure nobody reads is dropped after ten minutes.
      now += 11 * 60_000;
      await snapshots.refreshMoved();
      expect(snapshots.size).toBe(0);
    } finally {
      snapshots.close();
    }
  });

  it('computes the same figures on the worker thread as in the process', async () => {
    const { deps } = t();
    for (const name of ['principles', 'function-coverage', 'collaboration', 'who-what-where'] as const) {
      expect(await worker.compute(name, SCOPE), `${name} on ${dialect}`).toEqual(await computeFigure(deps, name, SCOPE));
    }
    const modes = { jurisdiction: '410100', to: '2026-12-31' };
    expect(await worker.compute('cooperation-modes', modes)).toEqual(await computeFigure(deps, 'cooperation-modes', modes));
  });

  it('passes a refusal from the worker back as the same problem', async () => {
    const failed = await worker
      .compute('substitution', { incidentId: '00000000-0000-7000-8000-000000000000', today: '2026-11-27' })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe('not_found');
  });
});
