/**
 * Fuzzing warehouses, movements and the ledger: arbitrary bodies, queries and ids get a 4xx
 * problem or success, never a 5xx; and the problems name the field at fault.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { ITEMS } from '../../src/model/items';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('bad input to warehouses, movements and the ledger', (t) => {
  let app: App;
  let n: Network;
  let token: string;
  let warehouse: string;
  let other: string;
  let incident: string;

  beforeAll(async () => {
    app = await testApp(t().deps, { bodyLimit: 64 * 1024 });
    n = await buildNetwork(t().deps);
    token = n.tokens.admin;
    const create = async (name: string) =>
      String(
        (
          await call(app, 'POST', '/api/v1/warehouses', {
            token,
            body: { name, organizationId: n.orgs.zhengzhouTeam, jurisdiction: '410105', lat: 34.77, lon: 113.68 },
          })
        ).json.id,
      );
    warehouse = await create('模糊测试一号库');
    other = await create('模糊测试二号库');
    incident = String(
      (
        await call(app, 'POST', '/api/v1/incidents', {
          token,
          body: { name: '模糊测试台账', category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410100'] },
        })
      ).json.id,
    );
    await call(app, 'POST', `/api/v1/warehouses/${warehouse}/movements`, {
      token,
      body: { kind: 'receive', item: 'L1-0008', quantity: 10, incidentId: incident },
    });
  });

  const movement = (body: unknown, id = warehouse) => call(app, 'POST', `/api/v1/warehouses/${id}/movements`, { token, body });

  it('names the problem: unknown item, a part of an indivisible item, a transfer without a target, a write-off without a reason, unknown fields', async () => {
    expect((await movement({ kind: 'receive', item: 'L9-9999', quantity: 1 })).json).toMatchObject({
      status: 400,
      code: 'unknown_item',
      field: 'item',
    });
    expect((await movement({ kind: 'receive', item: 'L1-0008', quantity: 1.5 })).json).toMatchObject({
      status: 400,
      code: 'invalid_input',
      field: 'quantity',
    });
    expect((await movement({ kind: 'receive', item: 'L1-0005', quantity: 0.0001 })).json).toMatchObject({
      status: 400,
      field: 'quantity',
    });
    expect((await movement({ kind: 'issue', item: 'L1-0008', quantity: -1 })).json).toMatchObject({
      status: 400,
      field: 'quantity',
    });
    expect((await movement({ kind: 'transfer', item: 'L1-0008', quantity: 1 })).json).toMatchObject({
      status: 400,
      code: 'invalid_input',
      field: 'toWarehouseId',
    });
    expect((await movement({ kind: 'transfer', item: 'L1-0008', quantity: 1, toWarehouseId: warehouse })).json).toMatchObject({
      status: 400,
      field: 'toWarehouseId',
    });
    expect((await movement({ kind: 'transfer', item: 'L1-0008', quantity: 1, toWarehouseId: 'ghost' })).json).toMatchObject({
      status: 404,
      field: 'toWarehouseId',
    });
    expect((await movement({ kind: 'write_off', item: 'L1-0008', quantity: 1 })).json).toMatchObject({
      status: 400,
      code: 'invalid_input',
      field: 'reason',
    });
    expect((await movement({ kind: 'adjust', item: 'L1-0008', quantity: -1, reason: '' })).json).toMatchObject({
      status: 400,
      field: 'reason',
    });
    expect((await movement({ kind: 'receive', item: 'L1-0008', quantity: 1, colour: 'red' })).json).toMatchObject({
      status: 400,
      code: 'unknown_field',
      field: 'colour',
    });
    expect((await movement({ kind: 'lend', item: 'L1-0008', quantity: 1 })).json).toMatchObject({ status: 400, field: 'kind' });
    expect((await movement({ kind: 'receive', item: 'L1-0008', quantity: 'one' })).json).toMatchObject({
      status: 400,
      field: 'quantity',
    });
    expect((await movement({ kind: 'receive', item: 'L1-0008', quantity: 1, incidentId: 'ghost' })).json).toMatchObject({
      status: 404,
      field: 'incidentId',
    });
    expect((await movement({ kind: 'issue', item: 'L1-0008', quantity: 11 })).json).toMatchObject({
      status: 409,
      code: 'insufficient_stock',
      field: 'quantity',
      available: 10,
    });
    expect((await movement({ kind: 'receive', item: 'L1-0008', quantity: 1 }, 'ghost')).json).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const create = (body: Record<string, unknown>) =>
      call(app, 'POST', '/api/v1/warehouses', {
        token,
        body: { name: '库', organizationId: n.orgs.zhengzhouTeam, jurisdiction: '410105', lat: 34.7, lon: 113.6, ...body },
      });
    expect((await create({ jurisdiction: '999999' })).json).toMatchObject({
      status: 400,
      code: 'unknown_jurisdiction',
      field: 'jurisdiction',
    });
    expect((await create({ jurisdiction: '4101' })).json).toMatchObject({ status: 400, field: 'jurisdiction' });
    expect((await create({ lat: 91 })).json).toMatchObject({ status: 400, field: 'lat' });
    expect((await create({ kind: 'depot' })).json).toMatchObject({ status: 400, field: 'kind' });
    expect((await create({ name: '   ' })).json).toMatchObject({ status: 400, field: 'name' });
    expect((await create({ organizationId: 'ghost' })).json).toMatchObject({ status: 404, field: 'organizationId' });
    expect((await create({ owner: 'x' })).json).toMatchObject({ status: 400, code: 'unknown_field', field: 'owner' });
    expect((await call(app, 'GET', '/api/v1/warehouses?jurisdiction=41', { token })).json).toMatchObject({
      status: 400,
      field: 'jurisdiction',
    });
    expect((await call(app, 'GET', '/api/v1/warehouses?cursor=bm9wZQ', { token })).json).toMatchObject({
      status: 400,
      code: 'invalid_cursor',
    });
    expect((await call(app, 'GET', `/api/v1/incidents/${incident}/ledger?accountKind=friend`, { token })).json).toMatchObject({
      status: 400,
      field: 'accountKind',
    });
    expect((await call(app, 'GET', `/api/v1/incidents/${incident}/ledger?cursor=WzFd`, { token })).json).toMatchObject({
      status: 400,
      code: 'invalid_cursor',
    });
    // Nothing above moved the stock.
    expect((await call(app, 'GET', `/api/v1/warehouses/${warehouse}/stock`, { token })).json.items).toEqual([
      { item: 'L1-0008', quantity: 10, updatedAt: expect.any(String) },
    ]);
  });

  it('arbitrary movement bodies', async () => {
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      fc.record(
        {
          kind: fc.oneof(fc.constantFrom('receive', 'issue', 'transfer', 'adjust', 'write_off'), fc.string()),
          item: fc.oneof(fc.constantFrom(...ITEMS.map((i) => i.code), 'L1-000', ''), fc.string()),
          quantity: fc.oneof(
            fc.double({ noNaN: true }),
            fc.integer({ min: -20, max: 20 }),
            fc.constantFrom(0.5, 1e308, -0),
            jsonValue,
          ),
          toWarehouseId: fc.oneof(fc.constantFrom(warehouse, other, 'ghost', null), fc.string(), jsonValue),
          reason: fc.oneof(fc.string(), fc.constant(null), jsonValue),
          incidentId: fc.oneof(fc.constantFrom(incident, 'ghost', null), fc.string()),
          offerReference: fc.oneof(fc.string(), fc.constant(null), jsonValue),
        },
        { requiredKeys: [] },
      ),
      jsonValue,
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(0, 1), async (b, which) => {
        const res = await movement(b, which ? other : warehouse);
        expect(res.status, JSON.stringify(b)).toBeLessThan(500);
        if (res.status >= 400) expect(res.json.code, JSON.stringify(res.json)).toBeTypeOf('string');
      }),
      { numRuns: 150 },
    );
    // Whatever was accepted, the ledger still reconciles.
    const ledger = await call(app, 'GET', `/api/v1/incidents/${incident}/ledger`, { token });
    expect(ledger.json.reconciled).toMatchObject({ ok: true });
  });

  it('arbitrary warehouse bodies and list queries', async () => {
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.string(), jsonValue),
          organizationId: fc.oneof(fc.constantFrom(n.orgs.zhengzhouTeam, n.orgs.guangzhouTeam, 'ghost'), fc.string()),
          jurisdiction: fc.oneof(fc.constantFrom('410105', '440100', '999999', '41'), fc.string()),
          lat: fc.oneof(fc.double(), jsonValue),
          lon: fc.oneof(fc.double(), jsonValue),
          kind: fc.oneof(fc.constantFrom('warehouse', 'collection_point'), fc.string()),
          address: fc.oneof(fc.string(), fc.constant(null), jsonValue),
        },
        { requiredKeys: [] },
      ),
      jsonValue,
    );
    const query = fc.record(
      {
        organizationId: fc.oneof(fc.constantFrom(n.orgs.zhengzhouTeam, 'ghost'), fc.string()),
        jurisdiction: fc.oneof(fc.constantFrom('410000', '410105', '999999'), fc.string()),
        limit: fc.oneof(fc.integer({ min: -5, max: 300 }), fc.string()),
        cursor: fc.string(),
        accountKind: fc.oneof(fc.constantFrom('warehouse', 'donor'), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, query, async (b, q) => {
        const created = await call(app, 'POST', '/api/v1/warehouses', { token, body: b });
        expect(created.status, JSON.stringify(b)).toBeLessThan(500);
        const search = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
        for (const path of [
          `/api/v1/warehouses?${search}`,
          `/api/v1/warehouses/${warehouse}/movements?${search}`,
          `/api/v1/incidents/${incident}/ledger?${search}`,
        ]) {
          const res = await call(app, 'GET', path, { token });
          expect(res.status, path).toBeLessThan(500);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('arbitrary ids in the paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 })),
        async (id) => {
          const enc = encodeURIComponent(id);
          for (const [method, path] of [
            ['GET', `/api/v1/warehouses/${enc}`],
            ['GET', `/api/v1/warehouses/${enc}/stock`],
            ['GET', `/api/v1/warehouses/${enc}/movements`],
            ['GET', `/api/v1/incidents/${enc}/ledger`],
            ['POST', `/api/v1/warehouses/${enc}/movements`],
          ] as const) {
            const res = await call(app, method, path, {
              token,
              body: method === 'POST' ? { kind: 'receive', item: 'L1-0008', quantity: 1 } : undefined,
            });
            expect(res.status, `${method} ${path}`).toBeLessThan(500);
            expect(res.status).toBeGreaterThanOrEqual(400);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
