/**
 * Warehouses, movements and the ledger over HTTP: every new route against every role, with the
 * outcomes written out by hand from the README's roles table — every signed-in account reads
 * warehouses and their stock; admins, the coordinators of the warehouse's area and the owner's
 * admin register them; admins, those coordinators and the owner's people record movements; the
 * incident's coordinators, admins and the organizations taking part read its ledger, observers
 * never — and the bodies each role gets.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { openSession } from '../../src/services/auth/sessions';
import { fileDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { recordMovement } from '../../src/services/inventory/record-movement';
import { createUser } from '../../src/services/users/manage-users';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, PASSWORD, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName | 'otherMember';
/** otherMember: a member of another organization of Zhengzhou (the community centre). */
const WHO: Who[] = [
  'anonymous',
  'admin',
  'coordHenan',
  'coordGuangdong',
  'agencyStaff',
  'orgAdmin',
  'orgMember',
  'observer',
  'otherMember',
];

interface Doors {
  warehouse: string;
  incident: string;
  otherIncident: string;
  otherToken: string;
}

type N = Network & Doors;

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: (n: N) => string;
  body?: (n: N) => unknown;
  /** Expected status for: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer, otherMember */
  expect: [number, number, number, number, number, number, number, number, number];
}

const READ = [401, 200, 200, 200, 200, 200, 200, 200, 200] as Row['expect'];

const ROWS: Row[] = [
  {
    name: 'register a warehouse of the Zhengzhou team in 金水区',
    method: 'POST',
    path: () => '/api/v1/warehouses',
    body: (n) => ({
      name: '金水区物资仓库',
      organizationId: n.orgs.zhengzhouTeam,
      jurisdiction: '410105',
      lat: 34.78,
      lon: 113.66,
    }),
    expect: [401, 201, 201, 403, 403, 201, 403, 403, 403],
  },
  { name: 'the warehouses', method: 'GET', path: () => '/api/v1/warehouses', expect: READ },
  { name: 'a warehouse', method: 'GET', path: (n) => `/api/v1/warehouses/${n.warehouse}`, expect: READ },
  { name: 'its stock', method: 'GET', path: (n) => `/api/v1/warehouses/${n.warehouse}/stock`, expect: READ },
  { name: 'its movements', method: 'GET', path: (n) => `/api/v1/warehouses/${n.warehouse}/movements`, expect: READ },
  {
    name: 'a missing warehouse',
    method: 'GET',
    path: () => '/api/v1/warehouses/no-such-warehouse',
    expect: [401, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'receive two tents into the Zhengzhou team’s warehouse',
    method: 'POST',
    path: (n) => `/api/v1/warehouses/${n.warehouse}/movements`,
    body: (n) => ({ kind: 'receive', item: 'L1-0008', quantity: 2, incidentId: n.incident }),
    expect: [401, 201, 201, 403, 403, 201, 201, 403, 403],
  },
  {
    name: 'issue one tent from it',
    method: 'POST',
    path: (n) => `/api/v1/warehouses/${n.warehouse}/movements`,
    body: (n) => ({ kind: 'issue', item: 'L1-0008', quantity: 1, incidentId: n.incident }),
    expect: [401, 201, 201, 403, 403, 201, 201, 403, 403],
  },
  {
    name: 'the ledger of the incident the team took part in (郑州)',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/ledger`,
    expect: [401, 200, 200, 403, 403, 200, 200, 403, 403],
  },
  {
    name: 'the ledger of an incident only the community centre took part in',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.otherIncident}/ledger`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403, 200],
  },
  {
    name: 'the ledger of a missing incident',
    method: 'GET',
    path: () => '/api/v1/incidents/no-such-incident/ledger',
    expect: [401, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'record the team’s public-fundraising qualification',
    method: 'PATCH',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}`,
    body: () => ({ publicFundraisingQualified: true, publicFundraisingSince: '2020-05-12' }),
    expect: [401, 200, 200, 403, 403, 200, 403, 403, 403],
  },
];

describeEachDatabase('warehouses, movements and the ledger over HTTP', (t) => {
  let app: App;
  let n: N;
  const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : who === 'otherMember' ? n.otherToken : n.tokens[who]);
  const send = (method: Row['method'], path: string, who: Who, body?: unknown) =>
    call(app, method, path, { token: tokenOf(who), body, headers: { 'accept-language': 'en' } });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    const network = await buildNetwork(deps);
    const declare = async (name: string) =>
      (
        await declareIncident(deps, SYSTEM, {
          name,
          category: 'natural_disaster',
          type: '洪涝',
          level: 2,
          jurisdictions: ['410100'],
        })
      ).id;
    const incident = await declare('仓储权限演练');
    const otherIncident = await declare('社区中心参与的演练');
    const warehouse = (
      await createWarehouse(deps, SYSTEM, {
        name: '蓝天救援队二七仓库',
        organizationId: network.orgs.zhengzhouTeam,
        jurisdiction: '410103',
        lat: 34.72,
        lon: 113.62,
        address: '二七区航海中路 1 号',
      })
    ).id;
    await recordMovement(deps, SYSTEM, warehouse, { kind: 'receive', item: 'L1-0005', quantity: 500, incidentId: incident });
    // The community centre takes part in the other incident through a deployment, not through the ledger.
    await fileDeployment(deps, SYSTEM, otherIncident, {
      organizationId: network.orgs.zhengzhouSpare,
      teamName: '社区服务队',
      leaderName: '李',
      leaderPhone: '13800000000',
      headcount: 3,
      origin: '410100',
    });
    const other = await createUser(deps, SYSTEM, {
      email: `${network.users.admin.email.split('.')[0]}.other-member@example.cn`,
      password: PASSWORD,
      role: 'org_member',
      organizationId: network.orgs.zhengzhouSpare,
    });
    n = { ...network, warehouse, incident, otherIncident, otherToken: (await openSession(deps, other, 'token')).secret };
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const res = await send(row.method, row.path(n), who, row.body?.(n));
        got[who] = res.status;
        if (res.status >= 400) expect(res.headers['content-type'], who).toMatch(/application\/problem\+json/);
      }
      expect(got).toEqual(Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])));
    });
  }

  it('shows every reader the warehouse and its stock, and tells each whether they may move it', async () => {
    const may: Record<Who, boolean> = {
      anonymous: false,
      admin: true,
      coordHenan: true,
      coordGuangdong: false,
      agencyStaff: false,
      orgAdmin: true,
      orgMember: true,
      observer: false,
      otherMember: false,
    };
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      const res = await send('GET', `/api/v1/warehouses/${n.warehouse}`, who);
      expect(res.json, who).toMatchObject({
        id: n.warehouse,
        name: '蓝天救援队二七仓库',
        kind: 'warehouse',
        organizationId: n.orgs.zhengzhouTeam,
        organizationName: expect.stringContaining('郑州蓝天救援队'),
        jurisdiction: '410103',
        lat: 34.72,
        lon: 113.62,
        address: '二七区航海中路 1 号',
        archivedAt: null,
        stock: expect.arrayContaining([{ item: 'L1-0005', quantity: 500, updatedAt: expect.any(String) }]),
        viewerCanMove: may[who],
      });
      const list = await send('GET', `/api/v1/warehouses?organizationId=${n.orgs.zhengzhouTeam}&jurisdiction=410100`, who);
      expect(
        list.json.items?.map((w) => w.id),
        who,
      ).toContain(n.warehouse);
      expect(list.json.viewerCanCreate, who).toBe(['admin', 'coordHenan', 'coordGuangdong', 'orgAdmin'].includes(who));
      // Outside the area asked for: not listed.
      expect((await send('GET', '/api/v1/warehouses?jurisdiction=410105', who)).json.items?.map((w) => w.id)).not.toContain(
        n.warehouse,
      );
    }
  });

  it('tells the others why not, with the code', async () => {
    const receive = { kind: 'receive', item: 'L1-0008', quantity: 1 };
    const path = `/api/v1/warehouses/${n.warehouse}/movements`;
    expect((await send('POST', path, 'coordGuangdong', receive)).json).toMatchObject({ status: 403, code: 'out_of_scope' });
    expect((await send('POST', path, 'otherMember', receive)).json).toMatchObject({ status: 403, code: 'out_of_scope' });
    expect((await send('POST', path, 'agencyStaff', receive)).json).toMatchObject({ status: 403, code: 'out_of_scope' });
    expect((await send('POST', path, 'observer', receive)).json).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await send('POST', path, 'anonymous', receive)).json).toMatchObject({ status: 401, code: 'not_authenticated' });
    const place = { name: '库', organizationId: n.orgs.zhengzhouSpare, jurisdiction: '410105', lat: 34.7, lon: 113.6 };
    expect((await send('POST', '/api/v1/warehouses', 'orgAdmin', place)).json).toMatchObject({
      status: 403,
      code: 'out_of_scope',
      field: 'organizationId',
    });
    expect((await send('POST', '/api/v1/warehouses', 'coordGuangdong', place)).json).toMatchObject({
      status: 403,
      code: 'out_of_scope',
      field: 'jurisdiction',
    });
    expect((await send('POST', '/api/v1/warehouses', 'orgMember', place)).json).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await send('GET', `/api/v1/incidents/${n.incident}/ledger`, 'observer')).json).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect((await send('GET', `/api/v1/incidents/${n.incident}/ledger`, 'otherMember')).json).toMatchObject({
      status: 403,
      code: 'out_of_scope',
    });
    expect((await send('GET', `/api/v1/incidents/${n.incident}/ledger`, 'coordGuangdong')).json).toMatchObject({
      status: 403,
      code: 'out_of_scope',
    });
  });

  it('answers a movement with the movement and the stock after it, and refuses an issue beyond the stock naming what is available', async () => {
    const path = `/api/v1/warehouses/${n.warehouse}/movements`;
    const res = await send('POST', path, 'orgMember', {
      kind: 'issue',
      item: 'L1-0005',
      quantity: 12.5,
      reason: '发放给安置点',
      incidentId: n.incident,
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      movement: {
        id: expect.any(String),
        warehouseId: n.warehouse,
        kind: 'issue',
        item: 'L1-0005',
        quantity: 12.5,
        toWarehouseId: null,
        reason: '发放给安置点',
        incidentId: n.incident,
        offerReference: null,
        transactionId: expect.any(String),
        actorId: n.users.orgMember.id,
        at: expect.any(String),
      },
      stock: [{ warehouseId: n.warehouse, item: 'L1-0005', quantity: 487.5 }],
    });
    const refused = await send('POST', path, 'orgMember', { kind: 'issue', item: 'L1-0005', quantity: 1000 });
    expect(refused.json).toMatchObject({
      status: 409,
      code: 'insufficient_stock',
      field: 'quantity',
      available: 487.5,
      item: 'L1-0005',
      warehouseId: n.warehouse,
    });
    // A retried movement with the same key is applied once and answered the same.
    const headers = { 'idempotency-key': 'warehouse-retry-1' };
    const body = { kind: 'issue', item: 'L1-0005', quantity: 0.5 };
    const first = await call(app, 'POST', path, { token: n.tokens.orgMember, body, headers });
    const again = await call(app, 'POST', path, { token: n.tokens.orgMember, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.movement).toEqual(first.json.movement);
    const stock = await send('GET', `/api/v1/warehouses/${n.warehouse}/stock`, 'observer');
    expect(stock.json.items).toContainEqual({ item: 'L1-0005', quantity: 487, updatedAt: expect.any(String) });
    const movements = await send('GET', `/api/v1/warehouses/${n.warehouse}/movements?limit=2`, 'observer');
    expect(movements.json.items?.map((m) => [m.kind, m.quantity])).toEqual([
      ['issue', 0.5],
      ['issue', 12.5],
    ]);
    expect(movements.json.nextCursor).toEqual(expect.any(String));
  });

  it('gives the ledger’s readers accounts by kind, id and warehouse or organization name, totals by stage, and the reconciliation', async () => {
    for (const who of ['admin', 'coordHenan', 'orgAdmin', 'orgMember'] as const) {
      const res = await send('GET', `/api/v1/incidents/${n.incident}/ledger?limit=200`, who);
      expect(res.status, who).toBe(200);
      const body = res.json as {
        accounts: { items: Record<string, unknown>[] };
        stages: Record<string, unknown>[];
        reconciled: unknown;
      };
      expect(body.reconciled, who).toEqual({
        ok: true,
        balancesSumToZero: true,
        warehousesMatchStock: true,
        mismatches: [],
        needsMatchDeliveries: true,
        needMismatches: [],
      });
      expect(
        body.stages.find((s) => s.asset === 'L1-0005'),
        who,
      ).toMatchObject({ received: 500 });
      expect(body.accounts.items, who).toContainEqual({
        accountKind: 'warehouse',
        accountId: n.warehouse,
        name: '蓝天救援队二七仓库',
        asset: 'L1-0005',
        balance: expect.any(Number),
      });
      expect(
        body.accounts.items.find((a) => a.accountKind === 'source'),
        who,
      ).toMatchObject({
        accountId: n.orgs.zhengzhouTeam,
        name: expect.stringContaining('郑州蓝天救援队'),
      });
      for (const account of body.accounts.items)
        expect(Object.keys(account).sort()).toEqual(['accountId', 'accountKind', 'asset', 'balance', 'name']);
    }
  });

  it('shows the public-fundraising qualification on the organization to every reader', async () => {
    await send('PATCH', `/api/v1/organizations/${n.orgs.zhengzhouTeam}`, 'orgAdmin', {
      publicFundraisingQualified: true,
      publicFundraisingSince: '2020-05-12',
    });
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      expect((await send('GET', `/api/v1/organizations/${n.orgs.zhengzhouTeam}`, who)).json, who).toMatchObject({
        publicFundraisingQualified: true,
        publicFundraisingSince: '2020-05-12',
      });
    }
    expect(
      (await send('PATCH', `/api/v1/organizations/${n.orgs.zhengzhouTeam}`, 'orgAdmin', { publicFundraisingSince: '2020-02-30' }))
        .json,
    ).toMatchObject({ status: 400, field: 'publicFundraisingSince' });
  });
});
