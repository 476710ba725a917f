/**
 * A request that waits too long for a lock another connection holds (another process writing to
 * SQLite; a PostgreSQL transaction holding the audit chain's head) is refused as 503
 * database_busy with Retry-After, carries nothing out, and goes through when sent again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { asDomainError, isDatabaseBusy } from '../../src/db/database-busy';
import { AppError } from '../../src/model/errors';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describe('which driver errors are a busy database', () => {
  it('knows SQLite busy, PostgreSQL lock_not_available and the pool wait, and nothing else', () => {
    expect(isDatabaseBusy(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }))).toBe(true);
    expect(isDatabaseBusy(new Error('timeout exceeded when trying to connect'))).toBe(true);
    for (const other of [
      Object.assign(new Error('duplicate key'), { code: '23505' }),
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' }),
      new Error('anything'),
      null,
      'SQLITE_BUSY',
    ]) {
      expect(isDatabaseBusy(other)).toBe(false);
      expect(asDomainError(other)).toBe(other);
    }
    const pool = asDomainError(new Error('timeout exceeded when trying to connect'));
    expect(pool).toBeInstanceOf(AppError);
    expect(pool).toMatchObject({ code: 'database_busy', detail: 'every database connection stayed in use for too long' });
  });
});

describeEachDatabase('a database too busy to answer in time', (t, dialect) => {
  let n: Network;
  beforeAll(async () => {
    n = await buildNetwork(t().deps);
  });

  it('answers 503 database_busy with Retry-After while another connection holds the lock, and carries the request out when it is sent again', async () => {
    const { deps, env } = t();
    // A second server on the same database that waits 300 ms for a lock instead of 10 s.
    const second = openDatabase({ url: env.DATABASE_URL, dataDir: env.CORESPOND_DATA_DIR, poolSize: 2, lockWaitMs: 300 });
    const app = await testApp({ ...deps, db: second.db });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    // The test's own connection holds the audit chain's head (and, on SQLite, the write lock).
    const holder = deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb.ref('seq') }))
        .where('id', '=', 1)
        .execute();
      holding();
      await released;
    });
    const archive = () => call(app, 'POST', `/api/v1/organizations/${n.orgs.zhengzhouSpare}/archive`, { token: n.tokens.admin });
    try {
      await held;
      const refused = await archive();
      expect(refused.status, dialect).toBe(503);
      expect(refused.json).toMatchObject({ status: 503, code: 'database_busy' });
      expect(String(refused.json.detail)).toMatch(/another transaction held/);
      expect(refused.headers['retry-after']).toBe('5');
      // The driver's own words (which name tables and rows) stay in the log.
      expect(JSON.stringify(refused.json)).not.toMatch(/audit_head|locked|lock timeout|SQLITE|55P03/);
      // Nothing was carried out (read through the second server's connection: the first is held).
      const archivedAt = () =>
        second.db
          .selectFrom('organizations')
          .select('archived_at')
          .where('id', '=', n.orgs.zhengzhouSpare)
          .executeTakeFirstOrThrow();
      expect(await archivedAt()).toEqual({ archived_at: null });
      release();
      await holder;
      const done = await archive();
      expect(done.status).toBe(200);
      expect(done.json.archived).toBe(true);
      expect((await archivedAt()).archived_at).not.toBeNull();
    } finally {
      release();
      await holder;
      await app.close();
      await second.close();
    }
  });
});
