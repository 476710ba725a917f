import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { readAuditRows } from '../../src/db/repositories/audit';
import { call, testApp } from '../support/api';
import { corespond } from '../support/cli';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork } from '../support/fixtures';

// One database for both tests, in this order: the untouched log is verified first, then broken on purpose.
describeEachDatabase('corespond audit verify', (t) => {
  /** The audit record of the organization's rename. */
  let renamed: number;
  beforeAll(async () => {
    // Changes made through the API, as a day of use would.
    const app = await testApp(t().deps);
    const network = await buildNetwork(t().deps);
    await call(app, 'PATCH', `/api/v1/organizations/${network.orgs.zhengzhouTeam}`, {
      token: network.tokens.orgAdmin,
      body: { nameEn: 'Zhengzhou Blue Sky' },
    });
    await call(app, 'POST', `/api/v1/organizations/${network.orgs.zhengzhouSpare}/archive`, { token: network.tokens.admin });
    await app.close();
    const rows = await readAuditRows(t().deps.db, { entityId: network.orgs.zhengzhouTeam, limit: 10 });
    renamed = Number(rows.find((r) => r.action === 'organization.update')?.seq);
  });

  it('passes on an untouched log', async () => {
    const result = await corespond(['audit', 'verify'], t().env);
    expect(result.stdout).toMatch(/audit chain intact: \d+ records/);
    expect(result.code).toBe(0);
  });

  it('fails, naming the record, once a row is edited in the database', async () => {
    expect(renamed, 'the rename is in the audit log').toBeGreaterThan(0);
    await sql`update audit_log set actor_id = 'someone-else' where seq = ${renamed}`.execute(t().deps.db);
    const result = await corespond(['audit', 'verify'], t().env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`broken at record ${renamed}\\b`));
  });
});
