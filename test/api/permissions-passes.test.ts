/**
 * Deployment passes over HTTP: every new route against every role, with the outcomes written
 * out by hand (the team's people and the incident's coordinators hold a pass; anyone may read
 * the public keys and ask whether a pass stands, and learns nothing else), the bodies each role
 * gets, and fuzzed ids that never draw a 5xx.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import type { App } from '../../src/http/app-types';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { deploymentPass } from '../../src/services/passes/issue-pass';
import { verifyPass } from '../../web/src/pages/passes/verify-pass';
import type { Jwks } from '../../web/src/types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];

interface Doors {
  approved: string;
  filed: string;
  revoked: string;
  pass: string;
  revokedPass: string;
}

interface Row {
  name: string;
  path: (n: Network & Doors) => string;
  /** Expected status for: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer */
  expect: [number, number, number, number, number, number, number, number];
}

const ROWS: Row[] = [
  {
    name: 'the pass of an approved deployment of the Zhengzhou team (incident in 郑州)',
    path: (n) => `/api/v1/deployments/${n.approved}/pass`,
    expect: [401, 200, 200, 403, 403, 200, 200, 403],
  },
  {
    name: 'the pass of a filed deployment: 409 for those who may hold one',
    path: (n) => `/api/v1/deployments/${n.filed}/pass`,
    expect: [401, 409, 409, 403, 403, 409, 409, 403],
  },
  {
    name: 'the pass of a missing deployment',
    path: () => '/api/v1/deployments/no-such-deployment/pass',
    expect: [401, 404, 404, 404, 404, 404, 404, 404],
  },
  { name: 'the public keys', path: () => '/.well-known/jwks.json', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'the status of a pass',
    path: (n) => `/api/v1/public/passes/${n.pass}`,
    expect: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'the status of an unknown pass',
    path: () => '/api/v1/public/passes/no-such-pass',
    expect: [404, 404, 404, 404, 404, 404, 404, 404],
  },
];

describeEachDatabase('deployment passes over HTTP', (t) => {
  let app: App;
  let n: Network & Doors;
  const get = (path: string, who: Who) =>
    call(app, 'GET', path, { token: who === 'anonymous' ? undefined : n.tokens[who as ActorName] });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    const network = await buildNetwork(deps);
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '通行证权限演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    const file = async () =>
      (
        await fileDeployment(deps, SYSTEM, incident, {
          organizationId: network.orgs.zhengzhouTeam,
          teamName: '蓝天一分队',
          leaderName: '赵队长',
          leaderPhone: '13812345678',
          headcount: 8,
          vehicles: 2,
          origin: '410102',
        })
      ).id;
    const approved = await file();
    await moveDeployment(deps, SYSTEM, approved, { to: 'approved', zone: '二七区集结点' });
    const revoked = await file();
    await moveDeployment(deps, SYSTEM, revoked, { to: 'approved' });
    const revokedPass = (await deploymentPass(deps, SYSTEM, revoked)).id;
    await moveDeployment(deps, SYSTEM, revoked, { to: 'withdrawn' });
    n = {
      ...network,
      approved,
      filed: await file(),
      revoked,
      pass: (await deploymentPass(deps, SYSTEM, approved)).id,
      revokedPass,
    };
  });

  for (const row of ROWS) {
    it(`GET ${row.name}`, async () => {
      const got: number[] = [];
      for (const who of WHO) {
        const res = await get(row.path(n), who);
        got.push(res.status);
        if (res.status >= 400) expect(res.headers['content-type'], who).toMatch(/application\/problem\+json/);
      }
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(
        Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])),
      );
    });
  }

  it('gives the team and the coordinators the same pass, with the leader’s name and four digits only', async () => {
    const answers = await Promise.all(
      (['orgMember', 'orgAdmin', 'coordHenan', 'admin'] as const).map((w) => get(`/api/v1/deployments/${n.approved}/pass`, w)),
    );
    for (const res of answers) {
      expect(res.json).toMatchObject({
        id: n.pass,
        deploymentId: n.approved,
        personalDataVisible: true,
        claims: {
          sub: n.approved,
          team: '蓝天一分队',
          headcount: 8,
          vehicles: 2,
          zone: '二七区集结点',
          leader: { name: '赵队长', phoneLast4: '5678' },
        },
      });
      expect(res.json.jws).toBe(answers[0].json.jws);
      expect(JSON.stringify(res.json)).not.toContain('13812345678');
    }
    const jwks = (await get('/.well-known/jwks.json', 'anonymous')).json as unknown as Jwks;
    expect(verifyPass(String(answers[0].json.jws), jwks, new Date())).toMatchObject({ ok: true, claims: { jti: n.pass } });
  });

  it('tells the others why not, and names the state of a deployment without a pass', async () => {
    const path = `/api/v1/deployments/${n.approved}/pass`;
    expect((await get(path, 'coordGuangdong')).json).toMatchObject({ status: 403, code: 'out_of_scope' });
    for (const who of ['agencyStaff', 'observer'] as const) {
      const res = await get(path, who);
      expect(res.json).toMatchObject({ status: 403, code: 'forbidden' });
      expect(JSON.stringify(res.json)).not.toContain('赵队长');
    }
    expect((await get(`/api/v1/deployments/${n.filed}/pass`, 'orgMember')).json).toMatchObject({
      status: 409,
      code: 'pass_unavailable',
      deploymentStatus: 'filed',
      detail: 'a filed deployment has no pass',
    });
    expect((await get(`/api/v1/deployments/${n.revoked}/pass`, 'orgMember')).json).toMatchObject({
      code: 'pass_unavailable',
      deploymentStatus: 'withdrawn',
    });
  });

  it('publishes only public keys, and answers a status with nothing but the status', async () => {
    const jwks = await get('/.well-known/jwks.json', 'anonymous');
    expect(jwks.headers['cache-control']).toBe('public, max-age=300');
    const keys = jwks.json.keys as Record<string, unknown>[];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect((await get(`/api/v1/public/passes/${n.pass}`, 'anonymous')).json).toEqual({ status: 'valid' });
    expect((await get(`/api/v1/public/passes/${n.revokedPass}`, 'anonymous')).json).toEqual({ status: 'revoked' });
  });

  it('signs on one node and verifies with the keys another node publishes (separate connections, one database)', async () => {
    const { deps, env } = t();
    const second = openDatabase({ url: env.DATABASE_URL, dataDir: env.CORESPOND_DATA_DIR, poolSize: 2 });
    const other = await testApp({ ...deps, db: second.db });
    try {
      const pass = await call(other, 'GET', `/api/v1/deployments/${n.approved}/pass`, { token: n.tokens.orgMember });
      expect(pass.json.id).toBe(n.pass);
      const jwks = (await get('/.well-known/jwks.json', 'anonymous')).json as unknown as Jwks;
      expect(verifyPass(String(pass.json.jws), jwks, new Date())).toMatchObject({ ok: true, claims: { jti: n.pass } });
      expect((await call(other, 'GET', '/.well-known/jwks.json')).json).toEqual(jwks);
    } finally {
      await other.close();
      await second.close();
    }
  });

  it('rate-limits the public status per client', async () => {
    const limited = await testApp(t().deps, { publicRateLimit: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(limited, 'GET', `/api/v1/public/passes/${n.pass}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('answers arbitrary ids with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 })), async (raw) => {
        const id = encodeURIComponent(raw);
        for (const [path, who] of [
          [`/api/v1/deployments/${id}/pass`, 'orgMember'],
          [`/api/v1/public/passes/${id}`, 'anonymous'],
        ] as const) {
          const res = await get(path, who);
          expect(res.status, `${path}: ${JSON.stringify(res.json)}`).toBeGreaterThanOrEqual(200);
          expect(res.status, path).toBeLessThan(500);
          if (res.status >= 400) expect(res.json.code, path).toBeTypeOf('string');
        }
      }),
      { numRuns: 150 },
    );
    // An id too long for the schema is named as the problem.
    expect((await get(`/api/v1/public/passes/${'x'.repeat(65)}`, 'anonymous')).json).toMatchObject({
      status: 400,
      code: 'invalid_input',
    });
  });
});
