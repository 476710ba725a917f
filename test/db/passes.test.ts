/**
 * Deployment passes (issue 12): issued while a deployment is approved, en route, checked in or
 * working, refused with 409 naming any other state; revoked by withdrawal, return, decline and
 * the organization's suspension; signed with keys every node shares through the database.
 */
import { beforeAll, expect, it } from 'vitest';
import { countAuditRows } from '../../src/db/repositories/audit';
import { allPassKeys } from '../../src/db/repositories/passes';
import type { DeploymentStatus } from '../../src/model/deployment';
import type { Deps } from '../../src/services/context';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident, moveIncidentStage } from '../../src/services/incidents/manage-incidents';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { deploymentPass } from '../../src/services/passes/issue-pass';
import { passStatus } from '../../src/services/passes/pass-status';
import { currentSigningKey, passJwks, rotateSigningKey } from '../../src/services/passes/signing-keys';
import { passIdOf, verifyPass } from '../../web/src/pages/passes/verify-pass';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describeEachDatabase('deployment passes', (t) => {
  let incident: string;
  let serial = 0;
  const team = async () =>
    (
      await createOrganization(t().deps, SYSTEM, {
        kind: 'rescue_team',
        name: `通行证测试队${++serial}`,
        jurisdictions: ['410105'],
        capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
      })
    ).id;
  const filed = async (organizationId?: string) =>
    (
      await fileDeployment(t().deps, SYSTEM, incident, {
        organizationId: organizationId ?? (await team()),
        teamName: `冲锋舟分队${++serial}`,
        leaderName: '王建国',
        leaderPhone: '+86 135-1234-5678',
        headcount: 12,
        vehicles: 3,
        origin: '410105',
      })
    ).id;
  /** A deployment moved through the given statuses from filed. */
  const deploymentAt = async (path: DeploymentStatus[], organizationId?: string) => {
    const id = await filed(organizationId);
    for (const to of path) {
      await moveDeployment(t().deps, SYSTEM, id, { to, reason: to === 'declined' ? '本地力量已足' : null, zone: '金水区一号点' });
    }
    return id;
  };

  beforeAll(async () => {
    incident = (
      await declareIncident(t().deps, SYSTEM, {
        name: '通行证演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
  });

  it('signs a pass with the claims of the contract and only the last four digits of the phone', async () => {
    const { deps } = t();
    const id = await deploymentAt(['approved']);
    const pass = await deploymentPass(deps, SYSTEM, id);
    const jws = pass.jws as string;
    const [header, payload] = jws.split('.');
    expect(decode(header)).toEqual({ alg: 'EdDSA', typ: 'corespond-pass+jwt', kid: pass.kid });
    const claims = decode(payload);
    expect(claims).toMatchObject({
      jti: pass.id,
      sub: id,
      incident: { id: incident, name: '通行证演练' },
      headcount: 12,
      vehicles: 3,
      zone: '金水区一号点',
      leader: { name: '王建国', phoneLast4: '5678' },
    });
    expect(claims.exp).toBe(Math.floor(new Date(pass.validUntil).getTime() / 1000));
    expect((claims.exp as number) - (claims.iat as number)).toBe(48 * 3600);
    expect(Buffer.from(payload, 'base64url').toString('utf8')).not.toContain('1234');
    // Verified as a checkpoint does, with the pure-JavaScript Ed25519 and the published keys.
    const check = verifyPass(jws, await passJwks(deps), deps.now());
    expect(check).toMatchObject({ ok: true, expired: false, kid: pass.kid, claims: { team: claims.team } });
    expect(await passStatus(deps, pass.id)).toEqual({ status: 'valid' });
  });

  it('has a pass in each of approved, en route, checked in and working, and the same one while it is fresh', async () => {
    const { deps } = t();
    for (const path of [
      ['approved'],
      ['approved', 'en_route'],
      ['approved', 'checked_in'],
      ['approved', 'checked_in', 'working'],
    ] as const) {
      const id = await deploymentAt([...path]);
      const first = await deploymentPass(deps, SYSTEM, id);
      expect(first.claims?.sub).toBe(id);
      const again = await deploymentPass(deps, SYSTEM, id);
      expect(again.id).toBe(first.id);
      expect(again.jws).toBe(first.jws);
    }
  });

  it('answers 409 naming the state for filed, standby, declined, withdrawn and returned deployments', async () => {
    const { deps } = t();
    const cases: [DeploymentStatus, DeploymentStatus[]][] = [
      ['filed', []],
      ['standby', ['standby']],
      ['declined', ['declined']],
      ['withdrawn', ['withdrawn']],
      ['returned', ['approved', 'checked_in', 'returned']],
    ];
    for (const [status, path] of cases) {
      const id = await deploymentAt(path);
      const refused = deploymentPass(deps, SYSTEM, id);
      await expect(refused).rejects.toMatchObject({ code: 'pass_unavailable', extra: { deploymentStatus: status } });
      await expect(deploymentPass(deps, SYSTEM, id)).rejects.toThrow(`a ${status} deployment has no pass`);
    }
  });

  it('revokes the pass on withdrawal, return and decline, and the status says so', async () => {
    const { deps } = t();
    for (const [path, end] of [
      [['approved'], 'withdrawn'],
      [['approved', 'checked_in', 'working'], 'withdrawn'],
      [['approved', 'checked_in'], 'returned'],
      [['approved'], 'declined'],
      [['approved', 'en_route'], 'declined'],
    ] as [DeploymentStatus[], DeploymentStatus][]) {
      const id = await deploymentAt(path);
      const pass = await deploymentPass(deps, SYSTEM, id);
      await moveDeployment(deps, SYSTEM, id, { to: end, reason: '任务调整' });
      expect(await passStatus(deps, pass.id)).toEqual({ status: 'revoked' });
      // Issued and revoked, both in the audit log.
      expect(await countAuditRows(deps.db, { entityType: 'pass', entityId: pass.id })).toBe(2);
      // The signature alone still verifies: only a checkpoint online learns of the revocation.
      expect(verifyPass(pass.jws as string, await passJwks(deps), deps.now()).ok).toBe(true);
    }
  });

  it('revokes every pass of an organization when it is suspended, and issues none while it is', async () => {
    const { deps } = t();
    const org = await team();
    const a = await deploymentAt(['approved'], org);
    const b = await deploymentAt(['approved', 'checked_in'], org);
    const other = await deploymentAt(['approved']);
    const passes = [await deploymentPass(deps, SYSTEM, a), await deploymentPass(deps, SYSTEM, b)];
    const untouched = await deploymentPass(deps, SYSTEM, other);
    await transitionMembership(deps, SYSTEM, org, { to: 'suspended', reason: '未按要求报备' });
    for (const pass of passes) expect(await passStatus(deps, pass.id)).toEqual({ status: 'revoked' });
    expect(await passStatus(deps, untouched.id)).toEqual({ status: 'valid' });
    await expect(deploymentPass(deps, SYSTEM, a)).rejects.toMatchObject({
      code: 'membership_inactive',
      extra: { membershipStatus: 'suspended' },
    });
  });

  it('revokes the passes of an incident’s teams when the incident closes, and issues none after', async () => {
    const { deps } = t();
    const other = (
      await declareIncident(deps, SYSTEM, {
        name: '通行证关闭演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 4,
        jurisdictions: ['410100'],
      })
    ).id;
    const id = (
      await fileDeployment(deps, SYSTEM, other, {
        organizationId: await team(),
        teamName: '收尾分队',
        leaderName: '李队长',
        leaderPhone: '13900001111',
        headcount: 3,
        origin: '410105',
      })
    ).id;
    await moveDeployment(deps, SYSTEM, id, { to: 'approved' });
    const pass = await deploymentPass(deps, SYSTEM, id);
    const elsewhere = await deploymentPass(deps, SYSTEM, await deploymentAt(['approved']));
    await moveIncidentStage(deps, SYSTEM, other, { to: 'closed', reason: '救援结束' });
    expect(await passStatus(deps, pass.id)).toEqual({ status: 'revoked' });
    expect(await passStatus(deps, elsewhere.id)).toEqual({ status: 'valid' });
    await expect(deploymentPass(deps, SYSTEM, id)).rejects.toMatchObject({ code: 'archived' });
  });

  it('expires after 48 hours and issues the next pass once a quarter of the life is left', async () => {
    const { deps, clock } = t();
    const id = await deploymentAt(['approved']);
    const first = await deploymentPass(deps, SYSTEM, id);
    clock.advance(37 * 3_600_000);
    const second = await deploymentPass(deps, SYSTEM, id);
    expect(second.id).not.toBe(first.id);
    expect(await passStatus(deps, first.id)).toEqual({ status: 'valid' });
    clock.advance(12 * 3_600_000);
    expect(await passStatus(deps, first.id)).toEqual({ status: 'expired' });
    expect(await passStatus(deps, second.id)).toEqual({ status: 'valid' });
    const check = verifyPass(first.jws as string, await passJwks(deps), deps.now());
    expect(check).toMatchObject({ ok: true, expired: true });
    await expect(passStatus(deps, 'no-such-pass')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shares its keys between nodes: one node signs, the other node’s JWKS verifies, and a first key is made once', async () => {
    const { deps } = t();
    // A second node on the same database: its own clock and its own deps, the same secret.
    const other: Deps = { ...deps, now: () => new Date() };
    const id = await deploymentAt(['approved']);
    const pass = await deploymentPass(deps, SYSTEM, id);
    const check = verifyPass(pass.jws as string, await passJwks(other), new Date());
    expect(check.ok).toBe(true);
    expect(passIdOf(pass.jws as string)).toBe(pass.id);
    // Many nodes asking for the first key at once agree on one.
    const keys = await Promise.all([1, 2, 3, 4].map(() => currentSigningKey(other)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(keys[0].kid).toBe(pass.kid);
  });

  it('rotates to a new key: new passes are signed with it, earlier ones keep theirs, and the JWKS lists both', async () => {
    const { deps } = t();
    const before = await deploymentPass(deps, SYSTEM, await deploymentAt(['approved']));
    const rotated = await rotateSigningKey(deps);
    expect(rotated.kid).not.toBe(before.kid);
    const after = await deploymentPass(deps, SYSTEM, await deploymentAt(['approved']));
    expect(after.kid).toBe(rotated.kid);
    const again = await deploymentPass(deps, SYSTEM, before.deploymentId);
    expect(again).toMatchObject({ id: before.id, kid: before.kid, jws: before.jws });
    const jwks = await passJwks(deps);
    expect(jwks.keys.map((k) => k.kid)).toEqual([before.kid, rotated.kid]);
    for (const pass of [before, after]) expect(verifyPass(pass.jws as string, jwks, deps.now()).ok).toBe(true);
  });

  it('keeps the private key encrypted: the stored row does not hold it in the clear, and another secret cannot open it', async () => {
    const { deps } = t();
    const key = await currentSigningKey(deps);
    const row = (await allPassKeys(deps.db)).find((r) => r.kid === key.kid);
    if (!row) throw new Error('the current key is stored');
    const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
    expect(row.private_key).not.toContain(der.toString('base64'));
    expect(row.private_key).not.toContain(der.subarray(-32).toString('base64'));
    await expect(currentSigningKey({ ...deps, auditKey: Buffer.alloc(32, 9) })).rejects.toThrow(/CORESPOND_SECRET/);
  });
});

describeEachDatabase('deployment passes: the first key on a fresh database', { databasePer: 'test' }, (t) => {
  it('makes exactly one first key when several nodes start at once', async () => {
    const { deps } = t();
    const nodes: Deps[] = [1, 2, 3].map(() => ({ ...deps }));
    const keys = await Promise.all(nodes.map((node) => currentSigningKey(node)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(await allPassKeys(deps.db)).toHaveLength(1);
    expect((await passJwks(nodes[2])).keys.map((k) => k.kid)).toEqual([keys[0].kid]);
  });
});
