import { beforeAll, expect, it } from 'vitest';
import { CommitGroup, settle } from '../../src/db/group-commit';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import type { Actor } from '../../src/services/context';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { type NeedInput, reportNeed } from '../../src/services/needs/report-need';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const COORD: Actor = { kind: 'user', userId: 'coord-gc', role: 'coordinator', organizationId: null, jurisdiction: '410100' };

const needAt = (i: number): NeedInput => ({
  title: `第 ${i} 号求助：需要饮用水`,
  category: 'water_sanitation',
  quantity: 1 + (i % 5),
  jurisdiction: '410105',
  lat: 34.7 + i * 0.02,
  lon: 113.6 + i * 0.02,
});

describeEachDatabase('group commit', (t) => {
  let incidentId: string;
  beforeAll(async () => {
    incidentId = (
      await declareIncident(t().deps, SYSTEM, {
        name: '成组提交演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
  });

  it('commits concurrent reports together; a refused report fails alone and the chain holds', async () => {
    // A clock that moves on every reading: each group's audit records share the one time read for the group.
    let tick = 0;
    const deps = { ...t().deps, now: () => new Date(Date.UTC(2026, 6, 20) + tick++) };
    const before = await deps.db
      .selectFrom('live_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const attempts = Array.from({ length: 40 }, (_, i) =>
      i === 17
        ? reportNeed(deps, COORD, incidentId, { ...needAt(i), jurisdiction: '999999' })
        : i === 23
          ? reportNeed(deps, COORD, 'no-such-incident', needAt(i))
          : reportNeed(deps, COORD, incidentId, needAt(i)),
    );
    const results = await Promise.allSettled(attempts);
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [[i, (r.reason as { code: string }).code]] : []));
    expect(refused).toEqual([
      [17, 'unknown_jurisdiction'],
      [23, 'not_found'],
    ]);
    const made = results.flatMap((r) => (r.status === 'fulfilled' && !r.value.replayed ? [r.value.reported.need] : []));
    expect(made).toHaveLength(38);
    // Reports that arrived together were stamped in one group: fewer distinct commit times than reports.
    const audit = await deps.db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'entity_id'])
      .where(
        'entity_id',
        'in',
        made.map((n) => n.id),
      )
      .execute();
    expect(audit).toHaveLength(38);
    expect(new Set(audit.map((a) => a.at)).size).toBeLessThan(38);
    const after = await deps.db
      .selectFrom('live_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(38);
    expect((await verifyAuditChain(deps.db)).ok).toBe(true);
  });

  it('flags a duplicate reported in the same group, and answers a key repeated inside a group once', async () => {
    const { deps } = t();
    const twin: NeedInput = { ...needAt(100), contactPhone: '13800001111' };
    const idempotency = { key: 'same-key-in-group', scope: 'test|coord', body: twin };
    const [a, b, c] = await Promise.all([
      reportNeed(deps, COORD, incidentId, twin, idempotency),
      reportNeed(deps, COORD, incidentId, twin, idempotency),
      reportNeed(deps, COORD, incidentId, { ...twin, title: '同一电话又报一次' }),
    ]);
    expect(a.replayed).toBe(false);
    if (a.replayed || c.replayed) throw new Error('first and third are new');
    expect(b).toEqual({ replayed: true, needId: a.reported.need.id });
    expect(c.reported.possibleDuplicates.map((d) => d.id)).toEqual([a.reported.need.id]);
    const rows = await deps.db.selectFrom('needs').select('id').where('contact_phone', '=', '13800001111').execute();
    expect(rows).toHaveLength(2);
  });

  it('retries each job alone when the group’s transaction fails, so only the failing job hears of it', async () => {
    const { deps } = t();
    const seen: number[][] = [];
    const group = new CommitGroup<number, number>(deps.db, async (trx, jobs) => {
      seen.push(jobs);
      await trx.selectFrom('audit_head').select('seq').execute();
      if (jobs.includes(13)) throw new Error('poisoned group');
      return Promise.all(jobs.map((j) => settle(async () => j * 2)));
    });
    const results = await Promise.allSettled([1, 2, 13, 4].map((j) => group.submit(j)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      2,
      4,
      'poisoned group',
      8,
    ]);
    expect(seen[0]).toEqual([1, 2, 13, 4]);
    expect(seen.slice(1)).toEqual([[1], [2], [13], [4]]);
  });

  it('prepares a group before its transaction opens, and fails the group when preparing fails', async () => {
    const { deps } = t();
    const order: string[] = [];
    const group = new CommitGroup<number, number>(
      deps.db,
      async (_trx, jobs) => {
        order.push(`commit ${jobs.join(',')}`);
        return jobs.map((j) => ({ ok: true as const, value: j }));
      },
      {
        before: async (jobs) => {
          // Outside the transaction the database is free to read (inside one, SQLite's single connection would wait).
          await deps.db.selectFrom('audit_head').select('seq').execute();
          order.push(`prepare ${jobs.join(',')}`);
          if (jobs.includes(7)) throw new Error('could not prepare');
        },
      },
    );
    expect(await Promise.all([1, 2].map((j) => group.submit(j)))).toEqual([1, 2]);
    await expect(group.submit(7)).rejects.toThrow('could not prepare');
    expect(await group.submit(3)).toBe(3);
    expect(order).toEqual(['prepare 1,2', 'commit 1,2', 'prepare 7', 'prepare 3', 'commit 3']);
  });
});
