import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { readAuditRows } from '../../src/db/repositories/audit';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { updateOrganization } from '../../src/services/organizations/update-organization';
import { createUser } from '../../src/services/users/manage-users';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

// A database per test: the chain is checked whole, and two of the tests break it on purpose.
describeEachDatabase('audit log', { databasePer: 'test' }, (t) => {
  it('records every change with actor, time, before and after, chained by hash', async () => {
    const { deps } = t();
    const org = await createOrganization(deps, SYSTEM, { kind: 'rescue_team', name: '审计测试队', jurisdictions: ['410100'] });
    await updateOrganization(deps, SYSTEM, org.id, { name: '审计测试队二' });
    const rows = await readAuditRows(deps.db, { entityId: org.id, limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(['organization.create', 'organization.update']);
    expect(rows[1].actor_id).toBe('system:test');
    expect(JSON.parse(rows[1].before ?? '{}').name).toBe('审计测试队');
    expect(JSON.parse(rows[1].after ?? '{}').name).toBe('审计测试队二');
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(await verifyAuditChain(deps.db)).toEqual({ ok: true, checked: 2 });
  });

  it('keeps personal data out of the log in clear and never logs passwords', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, {
      email: 'zhang.wei@example.cn',
      password: PASSWORD,
      role: 'observer',
      displayName: '张伟',
    });
    const [row] = await readAuditRows(deps.db, { entityId: user.id, limit: 1 });
    expect(row.after).not.toContain('zhang.wei');
    expect(row.after).not.toContain('张伟');
    expect(row.after).not.toContain('argon2');
    const after = JSON.parse(row.after ?? '{}');
    expect(after.email).toBeUndefined();
    expect(after.sealed).toMatchObject({ fields: ['email', 'displayName'], enc: expect.any(String) });
    expect(JSON.parse(row.after ?? '{}').role).toBe('observer');
  });

  it('keeps the chain whole under concurrent writers', async () => {
    const { deps } = t();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createOrganization(deps, SYSTEM, { kind: 'community_group', name: `并发社区${i}`, jurisdictions: ['410105'] }),
      ),
    );
    const report = await verifyAuditChain(deps.db);
    expect(report).toEqual({ ok: true, checked: 12 });
  });

  /** Registers three organizations; returns the audit sequence number of each one's creation. */
  async function threeOrganizations(): Promise<number[]> {
    const { deps } = t();
    const seqs: number[] = [];
    for (const kind of ['rescue_team', 'community_group', 'foundation'] as const) {
      const org = await createOrganization(deps, SYSTEM, { kind, name: `篡改测试${kind}`, jurisdictions: ['410105'] });
      const [row] = await readAuditRows(deps.db, { entityId: org.id, limit: 1 });
      seqs.push(Number(row.seq));
    }
    return seqs;
  }

  it('names the first record edited behind its back', async () => {
    const { deps } = t();
    const [, edited] = await threeOrganizations();
    await sql`update audit_log set after = replace(after, '"kind":"community_group"', '"kind":"enterprise"') where seq = ${edited}`.execute(
      deps.db,
    );
    const rows = await readAuditRows(deps.db, { afterSeq: edited - 1, limit: 1 });
    expect(rows[0].after).toContain('"kind":"enterprise"');
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: false, checked: edited - 1, firstBad: { seq: edited } });
  });

  it('notices a deleted record', async () => {
    const { deps } = t();
    const [, deleted] = await threeOrganizations();
    await sql`delete from audit_log where seq = ${deleted}`.execute(deps.db);
    expect(await verifyAuditChain(deps.db)).toMatchObject({
      ok: false,
      firstBad: { seq: deleted, reason: `record ${deleted} is missing` },
    });
  });
});
