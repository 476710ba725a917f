/**
 * A crash in the middle of a load of field reports: the server is killed with SIGKILL at a
 * random moment, restarted, and every report is retried with its Idempotency-Key. Every
 * acknowledged need is there exactly once, the database is intact and the audit chain holds.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import { openSession } from '../../src/services/auth/sessions';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createUser } from '../../src/services/users/manage-users';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';
import { startServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';

const REPORTS = 600;

describeEachDatabase('crash during a load of reports', (t, dialect) => {
  it('keeps every acknowledged need exactly once across a SIGKILL and retries', async () => {
    const { deps, env } = t();
    const user = await createUser(deps, SYSTEM, {
      email: 'field@example.cn',
      password: PASSWORD,
      role: 'coordinator',
      jurisdiction: '410000',
    });
    const token = (await openSession(deps, user, 'token')).secret;
    const incident = await declareIncident(deps, SYSTEM, {
      name: '崩溃测试',
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410100'],
    });
    const body = (i: number) =>
      JSON.stringify({
        title: `现场报告 ${i}`,
        category: 'food',
        jurisdiction: '410105',
        lat: 34 + i / 1000,
        lon: 113 + (i % 17) / 100,
      });
    const send = (url: string, i: number) =>
      fetch(`${url}/api/v1/incidents/${incident.id}/needs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `device-1:${i}` },
        body: body(i),
      });

    const first = await startServerProcess(env);
    const acknowledged = new Map<number, string>();
    let next = 0;
    const worker = async () => {
      while (next < REPORTS) {
        const i = next++;
        try {
          const res = await send(first.url, i);
          if (res.status === 201) acknowledged.set(i, ((await res.json()) as { need: { id: string } }).need.id);
        } catch {
          // the server died under this request
        }
      }
    };
    const load = Promise.all(Array.from({ length: 16 }, worker));
    // Kill after a random number of acknowledgements once the load is flowing, however fast or slow the
    // machine is; a server that stops answering fails the test here rather than hanging it.
    const killAfter = 20 + Math.floor(Math.random() * (REPORTS / 4));
    await waitFor(() => acknowledged.size >= killAfter, {
      what: `${killAfter} acknowledged reports before the kill`,
      timeout: 60_000,
      interval: 5,
      lastSeen: () => `${acknowledged.size} acknowledged`,
    });
    first.child.kill('SIGKILL');
    await load;
    // The kill must land mid-load for the test to mean anything.
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(REPORTS);

    const second = await startServerProcess(env);
    try {
      for (let i = 0; i < REPORTS; i++) {
        const res = await send(second.url, i);
        expect(res.status, `report ${i}`).toBe(201);
        const id = ((await res.json()) as { need: { id: string } }).need.id;
        if (acknowledged.has(i)) expect(id, `report ${i} came back as another record`).toBe(acknowledged.get(i));
      }
    } finally {
      second.child.kill('SIGTERM');
    }

    const stored = await deps.db.selectFrom('needs').select('title').where('incident_id', '=', incident.id).execute();
    expect(stored).toHaveLength(REPORTS);
    expect(new Set(stored.map((n) => n.title)).size).toBe(REPORTS);
    expect((await verifyAuditChain(deps.db)).ok).toBe(true);
    if (dialect === 'sqlite') {
      const check = new BetterSqlite3(join(env.CORESPOND_DATA_DIR, 'corespond.db'), { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    }
    // Two server processes start and 600 reports are retried one by one: on a shared two-core
    // machine that alone can take most of a minute, so the budget is the scenario's, not the default.
  }, 180_000);
});
