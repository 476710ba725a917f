/**
 * Bad input to offers, the not-needed list, allocation plans, shipments and donations: named
 * cases each answered with a 4xx problem naming what is wrong, and fuzzing — arbitrary bodies,
 * queries and path ids get a 4xx problem or success, never a 5xx.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { supplyKey } from '../../src/model/allocation';
import { ITEMS } from '../../src/model/items';
import { OFFER_KINDS } from '../../src/model/offer';
import { declareIncident, moveIncidentStage } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { recordMovement } from '../../src/services/inventory/record-movement';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { editAllocation, proposeAllocation } from '../../src/services/resources/allocation-plans';
import { commitAllocation } from '../../src/services/resources/commit-allocation';
import { recordOrganizationOffer } from '../../src/services/resources/offers';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

const WATER = 'L1-0001';
const TENT = 'L1-0008';
const QUILT = 'L1-0011';
const RICE = 'L1-0005';
const GENERATOR = 'L2-0010';

describeEachDatabase('bad input to offers, allocation plans and shipments', (t) => {
  let app: App;
  let n: Network;
  let token: string;
  let incident: string;
  let otherIncident: string;
  let warehouse: string;
  let waterNeed: string;
  let tentNeed: string;
  let otherNeed: string;
  let otherOffer: string;
  let plan: string;
  let shipments: string[];
  let serial = 0;
  const key = () => `5e0b6a7c-1d2e-4f3a-9b8c-${String(++serial).padStart(12, '0')}`;
  const waterKey = () => supplyKey({ kind: 'warehouse', warehouseId: warehouse }, WATER);

  const publicOffer = (body: unknown, id = incident) =>
    call(app, 'POST', `/api/v1/public/incidents/${encodeURIComponent(id)}/offers`, {
      body,
      headers: { 'idempotency-key': key() },
    });
  const orgOffer = (body: unknown, id = incident) =>
    call(app, 'POST', `/api/v1/incidents/${encodeURIComponent(id)}/offers`, { token, body });
  const patchPlan = (allocations: unknown, id = plan) =>
    call(app, 'PATCH', `/api/v1/allocation-plans/${encodeURIComponent(id)}`, { token, body: { allocations } });
  const step = (id: string, body: unknown) =>
    call(app, 'POST', `/api/v1/shipments/${encodeURIComponent(id)}/transitions`, { token, body });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps, { bodyLimit: 64 * 1024 });
    n = await buildNetwork(deps);
    token = n.tokens.coordHenan;
    const declare = async (name: string) =>
      (
        await declareIncident(deps, SYSTEM, {
          name,
          category: 'natural_disaster',
          type: '洪涝',
          level: 3,
          jurisdictions: ['410100'],
        })
      ).id;
    incident = await declare('资源模糊测试');
    otherIncident = await declare('另一场资源演练');
    const need = async (incidentId: string, item: string, quantity: number) => {
      const made = await call(app, 'POST', `/api/v1/incidents/${incidentId}/needs`, {
        token,
        body: { title: `安置点 ${item}`, category: 'shelter', item, quantity, jurisdiction: '410105', lat: 34.78, lon: 113.66 },
      });
      expect(made.status).toBe(201);
      return (made.json.need as { id: string }).id;
    };
    waterNeed = await need(incident, WATER, 500);
    tentNeed = await need(incident, TENT, 50);
    otherNeed = await need(otherIncident, WATER, 10);
    warehouse = (
      await createWarehouse(deps, SYSTEM, {
        name: '模糊测试物资库',
        organizationId: n.orgs.zhengzhouTeam,
        jurisdiction: '410105',
        lat: 34.77,
        lon: 113.68,
      })
    ).id;
    await recordMovement(deps, SYSTEM, warehouse, { kind: 'receive', item: WATER, quantity: 1000, incidentId: incident });
    await recordMovement(deps, SYSTEM, warehouse, { kind: 'receive', item: TENT, quantity: 100, incidentId: incident });
    otherOffer = (
      await recordOrganizationOffer(deps, SYSTEM, otherIncident, {
        kind: 'goods',
        item: WATER,
        quantity: 5,
        jurisdiction: '410105',
        lat: 34.77,
        lon: 113.67,
        organizationId: n.orgs.zhengzhouTeam,
      })
    ).id;
    // A few shipments to take out of order, and a plan to edit.
    const made = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
    const tentKey = supplyKey({ kind: 'warehouse', warehouseId: warehouse }, TENT);
    await editAllocation(
      deps,
      SYSTEM,
      made,
      Array.from({ length: 6 }, () => ({ needId: tentNeed, supplyId: tentKey, quantity: 2 })),
    );
    shipments = (await commitAllocation(deps, SYSTEM, made)).shipments.map((s) => s.id);
    plan = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
    expect(
      (await call(app, 'PUT', `/api/v1/incidents/${incident}/not-needed/${RICE}`, { token, body: { reason: '大米充足' } }))
        .status,
    ).toBe(200);
  });

  it('names the problem with a public offer: unknown item, a part of an indivisible item, zero or negative quantities, unknown fields, goods not needed', async () => {
    const goods = { kind: 'goods', jurisdiction: '410105' };
    expect((await publicOffer({ ...goods, item: 'L9-9999', quantity: 1 })).json).toMatchObject({
      status: 400,
      code: 'unknown_item',
      field: 'item',
    });
    expect((await publicOffer({ ...goods, item: 'water!', quantity: 1 })).json).toMatchObject({ status: 400, field: 'item' });
    expect((await publicOffer({ ...goods, item: TENT, quantity: 1.5 })).json).toMatchObject({
      status: 400,
      code: 'invalid_input',
      field: 'quantity',
    });
    for (const quantity of [0, -1, -0.5, 10_000_001, 0.0001, 'three', null])
      expect((await publicOffer({ ...goods, item: WATER, quantity })).json, String(quantity)).toMatchObject({
        status: 400,
        field: 'quantity',
      });
    expect((await publicOffer({ ...goods, item: WATER })).json).toMatchObject({ status: 400, field: 'quantity' });
    expect((await publicOffer({ ...goods, quantity: 3 })).json).toMatchObject({ status: 400, field: 'item' });
    expect((await publicOffer({ ...goods, item: WATER, quantity: 1, colour: 'blue' })).json).toMatchObject({
      status: 400,
      code: 'unknown_field',
      field: 'colour',
    });
    expect((await publicOffer({ ...goods, kind: 'blood', item: WATER, quantity: 1 })).json).toMatchObject({
      status: 400,
      field: 'kind',
    });
    expect(
      (await publicOffer({ kind: 'money', jurisdiction: '410105', amountFen: 100, item: WATER, quantity: 1 })).json,
    ).toMatchObject({
      status: 400,
      field: 'item',
    });
    expect((await publicOffer({ kind: 'money', jurisdiction: '410105', amountFen: 0.5 })).json).toMatchObject({
      status: 400,
      field: 'amountFen',
    });
    expect((await publicOffer({ kind: 'money', jurisdiction: '410105' })).json).toMatchObject({
      status: 400,
      field: 'amountFen',
    });
    expect((await publicOffer({ kind: 'service', jurisdiction: '410105' })).json).toMatchObject({ status: 400, field: 'note' });
    expect((await publicOffer({ ...goods, item: WATER, quantity: 1, jurisdiction: '999999' })).json).toMatchObject({
      status: 400,
      code: 'unknown_jurisdiction',
      field: 'jurisdiction',
    });
    expect((await publicOffer({ ...goods, item: WATER, quantity: 1, lat: 34.7 })).json).toMatchObject({
      status: 400,
      field: 'lat',
    });
    expect((await publicOffer({ ...goods, item: WATER, quantity: 1, lat: 91, lon: 113 })).json).toMatchObject({
      status: 400,
      field: 'lat',
    });
    expect(
      (
        await publicOffer({
          ...goods,
          item: WATER,
          quantity: 1,
          availableFrom: '2026-08-02T00:00:00Z',
          availableUntil: '2026-08-01T00:00:00Z',
        })
      ).json,
    ).toMatchObject({ status: 400, field: 'availableUntil' });
    expect((await publicOffer({ ...goods, item: WATER, quantity: 1, donorPhone: 'call me' })).json).toMatchObject({
      status: 400,
      field: 'donorPhone',
    });
    const unwanted = await publicOffer({ ...goods, item: QUILT, quantity: 2 });
    expect(unwanted.json).toMatchObject({
      status: 422,
      code: 'not_needed',
      field: 'item',
      reason: 'no_open_need',
      needed: expect.arrayContaining([expect.objectContaining({ item: WATER })]),
    });
    expect((await publicOffer({ ...goods, item: RICE, quantity: 2 })).json).toMatchObject({
      status: 422,
      code: 'not_needed',
      reason: 'marked_not_needed',
      detail: expect.stringContaining('大米充足'),
    });
    const badKey = await call(app, 'POST', `/api/v1/public/incidents/${incident}/offers`, {
      body: { ...goods, item: WATER, quantity: 1 },
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    expect(badKey.json).toMatchObject({ status: 400, field: 'Idempotency-Key' });
    expect((await publicOffer({ ...goods, item: WATER, quantity: 1 }, 'no-such-incident')).json).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect((await publicOffer('not an object')).json).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect((await publicOffer([goods])).json).toMatchObject({ status: 400, code: 'invalid_input' });
  });

  it('names the problem with an organization’s offer and its withdrawal', async () => {
    const goods = { kind: 'goods', jurisdiction: '410105', organizationId: n.orgs.zhengzhouTeam };
    expect((await orgOffer({ kind: 'goods', item: WATER, quantity: 1, jurisdiction: '410105' })).json).toMatchObject({
      status: 400,
      field: 'organizationId',
    });
    expect((await orgOffer({ ...goods, item: WATER, quantity: 1, organizationId: 'no-such-org' })).json).toMatchObject({
      status: 404,
      field: 'organizationId',
    });
    expect((await orgOffer({ ...goods, item: TENT, quantity: 2.5 })).json).toMatchObject({ status: 400, field: 'quantity' });
    expect((await orgOffer({ ...goods, item: WATER, quantity: 1, raisedPublicly: true })).json).toMatchObject({
      status: 400,
      field: 'raisedPublicly',
    });
    expect((await orgOffer({ ...goods, item: QUILT, quantity: 2 })).json).toMatchObject({
      status: 422,
      code: 'not_needed',
      reason: 'no_open_need',
    });
    const kept = await orgOffer({ ...goods, item: QUILT, quantity: 2, reason: '冬季储备' });
    expect(kept.status).toBe(201);
    expect(kept.json.unwantedReason).toBe('冬季储备');
    const withdraw = (id: string, body: unknown) => call(app, 'POST', `/api/v1/offers/${id}/withdraw`, { token, body });
    expect((await withdraw(kept.json.id as string, {})).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await withdraw(kept.json.id as string, { reason: '' })).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await withdraw(kept.json.id as string, { reason: '   ' })).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await withdraw(kept.json.id as string, { reason: '改捐', extra: 1 })).json).toMatchObject({
      status: 400,
      code: 'unknown_field',
      field: 'extra',
    });
    expect((await withdraw(kept.json.id as string, { reason: '改捐他处' })).status).toBe(200);
    // Reading one offer: an unknown format or query member is a 400 naming it, an unknown id a 404.
    const read = (path: string) => call(app, 'GET', path, { token });
    expect((await read(`/api/v1/offers/${kept.json.id}?format=csv`)).json).toMatchObject({ status: 400, field: 'format' });
    expect((await read(`/api/v1/offers/${kept.json.id}?claim=x`)).json).toMatchObject({ status: 400, field: 'claim' });
    expect((await read(`/api/v1/offers/${'x'.repeat(65)}`)).status).toBe(400);
    expect((await read('/api/v1/offers/no-such-offer?format=edxl-rm')).json).toMatchObject({ status: 404 });
    expect((await read(`/api/v1/offers/${kept.json.id}`)).json).toMatchObject({ id: kept.json.id, status: 'withdrawn' });
    expect((await withdraw(kept.json.id as string, { reason: '再次撤回' })).json).toMatchObject({
      status: 409,
      code: 'invalid_transition',
    });
    const query = (q: string) => call(app, 'GET', `/api/v1/incidents/${incident}/offers?${q}`, { token });
    expect((await query('status=lost')).json).toMatchObject({ status: 400, field: 'status' });
    expect((await query('kind=blood')).json).toMatchObject({ status: 400, field: 'kind' });
    expect((await query('limit=0')).json).toMatchObject({ status: 400, field: 'limit' });
    expect((await query('cursor=bm9wZQ')).json).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect((await query('sort=name')).json).toMatchObject({ status: 400, field: 'sort' });
  });

  it('names the problem with the not-needed list: unknown or malformed item, a missing reason, an item not on it', async () => {
    const mark = (item: string, body: unknown) =>
      call(app, 'PUT', `/api/v1/incidents/${incident}/not-needed/${encodeURIComponent(item)}`, { token, body });
    expect((await mark('L9-9999', { reason: '不需要' })).json).toMatchObject({
      status: 400,
      code: 'unknown_item',
      field: 'item',
    });
    expect((await mark('棉被', { reason: '不需要' })).json).toMatchObject({ status: 400, field: 'item' });
    expect((await mark(QUILT, {})).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await mark(QUILT, { reason: '  ' })).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await mark(QUILT, { reason: 'x'.repeat(501) })).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await mark(QUILT, { reason: '够了', until: 'tomorrow' })).json).toMatchObject({ status: 400, code: 'unknown_field' });
    const unmark = (item: string) =>
      call(app, 'DELETE', `/api/v1/incidents/${incident}/not-needed/${encodeURIComponent(item)}`, { token });
    expect((await unmark(QUILT)).json).toMatchObject({ status: 404, field: 'item' });
    expect((await unmark('L9-9999')).json).toMatchObject({ status: 400, code: 'unknown_item', field: 'item' });
    expect(
      (await call(app, 'PUT', `/api/v1/incidents/no-such-incident/not-needed/${QUILT}`, { token, body: { reason: '够了' } }))
        .json,
    ).toMatchObject({ status: 404 });
  });

  it('names the problem with a plan: a need or supply of another incident, over a quantity, zero or negative, unknown fields, out of turn', async () => {
    const propose = (body: unknown) => call(app, 'POST', `/api/v1/incidents/${incident}/allocation-plans`, { token, body });
    expect((await propose({ maxDistanceKm: -1 })).json).toMatchObject({ status: 400, field: 'maxDistanceKm' });
    expect((await propose({ maxDistanceKm: 0 })).json).toMatchObject({ status: 400, field: 'maxDistanceKm' });
    expect((await propose({ maxDistanceKm: 5001 })).json).toMatchObject({ status: 400, field: 'maxDistanceKm' });
    expect((await propose({ radius: 10 })).json).toMatchObject({ status: 400, code: 'unknown_field', field: 'radius' });

    const otherIncidentNeed = await patchPlan([{ needId: otherNeed, supplyId: waterKey(), quantity: 1 }]);
    expect(otherIncidentNeed.json).toMatchObject({ status: 400, code: 'invalid_input', field: 'allocations' });
    expect(otherIncidentNeed.json.problems).toEqual([expect.stringContaining(`unknown need id "${otherNeed}"`)]);
    const otherIncidentOffer = await patchPlan([{ needId: waterNeed, supplyId: `offer:${otherOffer}`, quantity: 1 }]);
    expect(otherIncidentOffer.json).toMatchObject({ status: 400, field: 'allocations' });
    expect(otherIncidentOffer.json.problems).toEqual([expect.stringContaining('unknown supply id')]);
    const overNeed = await patchPlan([{ needId: waterNeed, supplyId: waterKey(), quantity: 501 }]);
    expect(overNeed.json).toMatchObject({ status: 400, field: 'allocations' });
    expect(overNeed.json.problems).toEqual([expect.stringMatching(/more than its quantity 500/)]);
    const overSupply = await patchPlan([
      { needId: waterNeed, supplyId: waterKey(), quantity: 500 },
      { needId: tentNeed, supplyId: supplyKey({ kind: 'warehouse', warehouseId: warehouse }, TENT), quantity: 89 },
    ]);
    expect(overSupply.json.problems).toEqual([
      expect.stringMatching(/^need ".*" gets 89, more than its quantity 38$/),
      expect.stringMatching(/^supply ".*:L1-0008" gives 89, more than its quantity 88$/),
    ]);
    const mixed = await patchPlan([{ needId: tentNeed, supplyId: waterKey(), quantity: 1 }]);
    expect(mixed.json.problems).toEqual([expect.stringMatching(/need item "L1-0008" ≠ supply item "L1-0001"/)]);
    // Out of range says only that: an exact distance would locate a need its reader may see only on the grid.
    const near = await propose({ maxDistanceKm: 1 });
    const far = await patchPlan([{ needId: waterNeed, supplyId: waterKey(), quantity: 1 }], near.json.id as string);
    expect(far.json).toMatchObject({ status: 400, field: 'allocations' });
    expect(far.json.problems).toEqual(['allocations[0]: farther apart than 1 km']);
    expect(JSON.stringify(far.json)).not.toMatch(/\d+\.\d+ km/);
    await call(app, 'POST', `/api/v1/allocation-plans/${near.json.id}/discard`, { token });
    for (const quantity of [0, -3, 'ten', null])
      expect((await patchPlan([{ needId: waterNeed, supplyId: waterKey(), quantity }])).json, String(quantity)).toMatchObject({
        status: 400,
        field: 'allocations/0/quantity',
      });
    for (const supplyId of ['', 'warehouse:', `warehouse:${warehouse}`, 'offer:x:y', 'depot:1'])
      expect((await patchPlan([{ needId: waterNeed, supplyId, quantity: 1 }])).json, supplyId).toMatchObject({
        status: 400,
        field: expect.stringMatching(/^allocations/),
      });
    expect((await patchPlan([{ needId: waterNeed, supplyId: waterKey(), quantity: 1, note: 'x' }])).json).toMatchObject({
      status: 400,
      code: 'unknown_field',
      field: 'allocations/0/note',
    });
    expect((await call(app, 'PATCH', `/api/v1/allocation-plans/${plan}`, { token, body: {} })).json).toMatchObject({
      status: 400,
      field: 'allocations',
    });
    // Nothing above changed the plan.
    const before = await call(app, 'GET', `/api/v1/allocation-plans/${plan}`, { token });
    expect(before.json.status).toBe('proposed');
    expect((await patchPlan([{ needId: waterNeed, supplyId: waterKey(), quantity: 3 }])).status).toBe(200);
    expect((await call(app, 'POST', `/api/v1/allocation-plans/${plan}/commit`, { token })).status).toBe(200);
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/allocation-plans/${plan}`, { allocations: [] }],
      ['POST', `/api/v1/allocation-plans/${plan}/commit`, undefined],
      ['POST', `/api/v1/allocation-plans/${plan}/discard`, undefined],
    ] as const) {
      expect((await call(app, method, path, { token, body })).json, `${method} ${path}`).toMatchObject({
        status: 409,
        code: 'invalid_transition',
        detail: expect.stringContaining('committed'),
      });
    }
  });

  it('names the problem with a shipment step: out of order, a count above what was sent, a loss or return without a reason', async () => {
    const [a, b, c, d] = shipments;
    expect((await step(a, { to: 'dispatched' })).json).toMatchObject({ status: 400, field: 'to' });
    expect((await step(a, { to: 'delivered', quantity: 3 })).json).toMatchObject({ status: 400, field: 'quantity' });
    expect((await step(a, { to: 'delivered', quantity: 1.5 })).json).toMatchObject({ status: 400, field: 'quantity' });
    expect((await step(a, { to: 'delivered', quantity: -1 })).json).toMatchObject({ status: 400, field: 'quantity' });
    expect((await step(a, { to: 'in_transit', quantity: 1 })).json).toMatchObject({ status: 400, field: 'quantity' });
    expect((await step(a, { to: 'lost' })).json).toMatchObject({ status: 400, code: 'invalid_input', field: 'reason' });
    expect((await step(a, { to: 'lost', reason: null })).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await step(a, { to: 'returned', reason: '   ' })).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await step(a, { to: 'in_transit', driver: '王' })).json).toMatchObject({
      status: 400,
      code: 'unknown_field',
      field: 'driver',
    });
    expect((await step(a, {})).json).toMatchObject({ status: 400, field: 'to' });
    expect((await step(a, { to: 'in_transit' })).status).toBe(200);
    expect((await step(a, { to: 'in_transit' })).json).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect((await step(a, { to: 'delivered', quantity: 2 })).status).toBe(200);
    for (const to of ['in_transit', 'delivered', 'lost', 'returned'])
      expect((await step(a, { to, reason: '再试' })).json, to).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect((await step(b, { to: 'lost', reason: '落水' })).status).toBe(200);
    expect((await step(b, { to: 'delivered' })).json).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect((await step(c, { to: 'returned', reason: '道路中断' })).status).toBe(200);
    expect((await step(c, { to: 'in_transit' })).json).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect((await step(d, { to: 'delivered', quantity: 0 })).status).toBe(200);
    expect((await step('no-such-shipment', { to: 'in_transit' })).json).toMatchObject({ status: 404, code: 'not_found' });
    const ledger = await call(app, 'GET', `/api/v1/incidents/${incident}/ledger`, { token });
    expect(ledger.json.reconciled).toMatchObject({ ok: true });
  });

  it('names the problem with a reference code: too short, too long, unknown', async () => {
    const path = (code: string) => call(app, 'GET', `/api/v1/public/donations/${encodeURIComponent(code)}`);
    expect((await path('AB')).json).toMatchObject({ status: 400, field: 'referenceCode' });
    expect((await path('A'.repeat(21))).json).toMatchObject({ status: 400, field: 'referenceCode' });
    expect((await path('NOSUCH99')).json).toMatchObject({ status: 404, field: 'referenceCode' });
    expect((await path('  nosuch99  ')).json).toMatchObject({ status: 404, field: 'referenceCode' });
    expect((await path('../../etc/passwd')).status).toBeLessThan(500);
    expect((await call(app, 'GET', '/api/v1/public/incidents/no-such-incident/transparency')).json).toMatchObject({
      status: 404,
    });
  });

  it('refuses a public offer of any kind naming an item marked not needed (bug: only goods were checked)', async () => {
    await call(app, 'PUT', `/api/v1/incidents/${incident}/not-needed/${GENERATOR}`, {
      token,
      body: { reason: '发电机已足够，请勿再送' },
    });
    for (const kind of ['equipment', 'vehicle', 'service'] as const) {
      const res = await publicOffer({ kind, item: GENERATOR, quantity: 1, jurisdiction: '410105', note: '柴油发电机' });
      expect(res.json, kind).toMatchObject({
        status: 422,
        code: 'not_needed',
        field: 'item',
        reason: 'marked_not_needed',
        detail: expect.stringContaining('发电机已足够'),
      });
    }
    // An organization records it only with its reason, whatever the kind.
    const org = { kind: 'equipment', item: GENERATOR, quantity: 1, jurisdiction: '410105', organizationId: n.orgs.zhengzhouTeam };
    expect((await orgOffer(org)).json).toMatchObject({ status: 422, reason: 'marked_not_needed' });
    const kept = await orgOffer({ ...org, reason: '备用电源，调往别处' });
    expect(kept.status).toBe(201);
    expect(kept.json.unwantedReason).toBe('备用电源，调往别处');
    // Equipment nobody has asked for but nobody has refused is still welcome: needs ask for goods.
    expect((await publicOffer({ kind: 'equipment', item: 'L2-0011', quantity: 1, jurisdiction: '410105' })).status).toBe(201);
  });

  it('refuses to commit a plan whose supplier was suspended meanwhile, and makes no shipment of it (409 insufficient_stock)', async () => {
    const { deps } = t();
    const blankets = 'L1-0012';
    const need = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
      token,
      body: { title: '毛毯', category: 'shelter', item: blankets, quantity: 10, jurisdiction: '410105', lat: 34.78, lon: 113.66 },
    });
    const needId = (need.json.need as { id: string }).id;
    const centre = (
      await createWarehouse(deps, SYSTEM, {
        name: '社区中心库房',
        organizationId: n.orgs.zhengzhouSpare,
        jurisdiction: '410105',
        lat: 34.76,
        lon: 113.66,
      })
    ).id;
    await recordMovement(deps, SYSTEM, centre, { kind: 'receive', item: blankets, quantity: 6, incidentId: incident });
    const offered = (
      await recordOrganizationOffer(deps, SYSTEM, incident, {
        kind: 'goods',
        item: blankets,
        quantity: 4,
        jurisdiction: '410105',
        lat: 34.75,
        lon: 113.65,
        organizationId: n.orgs.zhengzhouSpare,
      })
    ).id;
    const stockKey = supplyKey({ kind: 'warehouse', warehouseId: centre }, blankets);
    const fromStock = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
    await editAllocation(deps, SYSTEM, fromStock, [{ needId, supplyId: stockKey, quantity: 6 }]);
    const fromOffer = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
    await editAllocation(deps, SYSTEM, fromOffer, [{ needId, supplyId: `offer:${offered}`, quantity: 4 }]);
    await transitionMembership(deps, SYSTEM, n.orgs.zhengzhouSpare, { to: 'suspended', reason: '核查期间暂停' });

    const shipmentsBefore = (await call(app, 'GET', `/api/v1/incidents/${incident}/shipments`, { token })).json.items?.length;
    for (const [planId, extra] of [
      [fromStock, { warehouseId: centre }],
      [fromOffer, { offerId: offered }],
    ] as const) {
      const refused = await call(app, 'POST', `/api/v1/allocation-plans/${planId}/commit`, { token });
      expect(refused.json, planId).toMatchObject({
        status: 409,
        code: 'insufficient_stock',
        available: 0,
        item: blankets,
        organizationId: n.orgs.zhengzhouSpare,
        membershipStatus: 'suspended',
        detail: expect.stringContaining('suspended'),
        ...extra,
      });
      expect((await call(app, 'GET', `/api/v1/allocation-plans/${planId}`, { token })).json.status).toBe('proposed');
    }
    expect((await call(app, 'GET', `/api/v1/incidents/${incident}/shipments`, { token })).json.items?.length).toBe(
      shipmentsBefore,
    );
    expect((await call(app, 'GET', `/api/v1/warehouses/${centre}/stock`, { token })).json.items).toEqual([
      expect.objectContaining({ item: blankets, quantity: 6 }),
    ]);
    expect((await call(app, 'GET', `/api/v1/needs/${needId}`, { token })).json).toMatchObject({
      claimedQuantity: 0,
      status: 'open',
    });
    // A new proposal leaves the suspended centre's supplies out.
    const again = await call(app, 'POST', `/api/v1/incidents/${incident}/allocation-plans`, { token, body: {} });
    expect((again.json.lines as { item: string }[]).filter((l) => l.item === blankets)).toEqual([]);
  });

  it('refuses to change or commit a plan of a closed incident, as other writes to it (409 archived)', async () => {
    const { deps } = t();
    const closing = (
      await declareIncident(deps, SYSTEM, {
        name: '即将结束的演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 4,
        jurisdictions: ['410100'],
      })
    ).id;
    const made = await call(app, 'POST', `/api/v1/incidents/${closing}/needs`, {
      token,
      body: { title: '饮用水', category: 'shelter', item: WATER, quantity: 5, jurisdiction: '410105', lat: 34.78, lon: 113.66 },
    });
    const needId = (made.json.need as { id: string }).id;
    const toEdit = (await proposeAllocation(deps, SYSTEM, closing, {})).id;
    const toCommit = (await proposeAllocation(deps, SYSTEM, closing, {})).id;
    await editAllocation(deps, SYSTEM, toCommit, [{ needId, supplyId: waterKey(), quantity: 5 }]);
    const stockBefore = (await call(app, 'GET', `/api/v1/warehouses/${warehouse}/stock`, { token })).json.items;
    await moveIncidentStage(deps, SYSTEM, closing, { to: 'closed', reason: '演练结束' });

    const edit = await patchPlan([{ needId, supplyId: waterKey(), quantity: 1 }], toEdit);
    expect(edit.json).toMatchObject({ status: 409, code: 'archived', detail: expect.stringContaining('closed') });
    const commit = await call(app, 'POST', `/api/v1/allocation-plans/${toCommit}/commit`, { token });
    expect(commit.json).toMatchObject({ status: 409, code: 'archived', detail: expect.stringContaining('closed') });
    expect((await call(app, 'GET', `/api/v1/incidents/${closing}/shipments`, { token })).json.items).toEqual([]);
    expect((await call(app, 'GET', `/api/v1/warehouses/${warehouse}/stock`, { token })).json.items).toEqual(stockBefore);
    // Setting a plan aside stays possible: it changes nothing on the ground.
    expect((await call(app, 'POST', `/api/v1/allocation-plans/${toEdit}/discard`, { token })).json.status).toBe('discarded');
    expect((await call(app, 'POST', `/api/v1/incidents/${closing}/allocation-plans`, { token, body: {} })).json).toMatchObject({
      status: 409,
      code: 'archived',
    });
  });

  it('documents every member a resource problem carries in the OpenAPI problem schema', async () => {
    type Responses = Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }>;
    const doc = (await call(app, 'GET', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, { responses: Responses }>>;
    };
    const problem = doc.paths['/api/v1/allocation-plans/{id}/commit'].post.responses['4XX'];
    expect(Object.keys(Object.values(problem.content)[0].schema.properties)).toEqual(
      expect.arrayContaining([
        'available',
        'item',
        'warehouseId',
        'offerId',
        'needId',
        'reason',
        'needed',
        'problems',
        'outstanding',
        'membershipStatus',
        'organizationId',
      ]),
    );
  });

  it('arbitrary public and organization offer bodies', async () => {
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const fields = {
      kind: fc.oneof(fc.constantFrom(...OFFER_KINDS), fc.string()),
      item: fc.oneof(fc.constantFrom(...ITEMS.map((i) => i.code), 'L9-9999', '', null), fc.string()),
      quantity: fc.oneof(
        fc.double({ noNaN: true }),
        fc.integer({ min: -5, max: 20 }),
        fc.constantFrom(0.5, 1e308, -0, null),
        jsonValue,
      ),
      amountFen: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constant(null), jsonValue),
      jurisdiction: fc.oneof(fc.constantFrom('410105', '999999', '41'), fc.string()),
      lat: fc.oneof(fc.double(), fc.constant(null), jsonValue),
      lon: fc.oneof(fc.double(), fc.constant(null), jsonValue),
      availableFrom: fc.oneof(fc.constantFrom('2026-08-01T00:00:00Z', 'yesterday', null), fc.string()),
      availableUntil: fc.oneof(fc.constantFrom('2026-07-01T00:00:00Z', '2026-02-30T00:00:00Z', null), fc.string()),
      donorName: fc.oneof(fc.string(), fc.constant(null), jsonValue),
      donorPhone: fc.oneof(fc.constantFrom('13800001111', '+86 138 0000 1111', 'x'), fc.string(), jsonValue),
      note: fc.oneof(fc.string(), fc.constant(null), jsonValue),
      conditions: fc.oneof(fc.string(), fc.constant(null)),
    };
    const publicBody = fc.oneof(fc.record(fields, { requiredKeys: [] }), jsonValue);
    const orgBody = fc.oneof(
      fc.record(
        {
          ...fields,
          organizationId: fc.oneof(fc.constantFrom(n.orgs.zhengzhouTeam, n.orgs.guangzhouTeam, 'ghost'), fc.string()),
          reason: fc.oneof(fc.string(), fc.constant(null), jsonValue),
          raisedPublicly: fc.oneof(fc.boolean(), jsonValue),
        },
        { requiredKeys: [] },
      ),
      jsonValue,
    );
    await fc.assert(
      fc.asyncProperty(publicBody, orgBody, async (p, o) => {
        const pub = await publicOffer(p);
        expect(pub.status, JSON.stringify(p)).toBeLessThan(500);
        if (pub.status >= 400) expect(pub.json.code, JSON.stringify(pub.json)).toBeTypeOf('string');
        const rec = await orgOffer(o);
        expect(rec.status, JSON.stringify(o)).toBeLessThan(500);
        if (rec.status >= 400) expect(rec.json.code, JSON.stringify(rec.json)).toBeTypeOf('string');
      }),
      { numRuns: 120 },
    );
    const ledger = await call(app, 'GET', `/api/v1/incidents/${incident}/ledger`, { token });
    expect(ledger.json.reconciled).toMatchObject({ ok: true });
  });

  it('arbitrary plan changes, proposals, shipment steps and not-needed marks', async () => {
    const { deps } = t();
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const fuzzPlan = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
    const allocation = fc.oneof(
      fc.record(
        {
          needId: fc.oneof(fc.constantFrom(waterNeed, tentNeed, otherNeed, 'ghost'), fc.string()),
          supplyId: fc.oneof(
            fc.constantFrom(waterKey(), `offer:${otherOffer}`, `warehouse:${warehouse}:L9-9999`, 'warehouse::', 'offer:'),
            fc.string(),
          ),
          quantity: fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -5, max: 600 }), fc.constant(1e308), jsonValue),
        },
        { requiredKeys: [] },
      ),
      jsonValue,
    );
    const change = fc.oneof(fc.record({ allocations: fc.array(allocation, { maxLength: 5 }) }, { requiredKeys: [] }), jsonValue);
    const stepBody = fc.oneof(
      fc.record(
        {
          to: fc.oneof(fc.constantFrom('in_transit', 'delivered', 'lost', 'returned', 'dispatched'), fc.string()),
          quantity: fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double({ noNaN: true }), jsonValue),
          reason: fc.oneof(fc.string(), fc.constant(null), jsonValue),
        },
        { requiredKeys: [] },
      ),
      jsonValue,
    );
    const itemSegment = fc.oneof(
      fc.constantFrom(...ITEMS.map((i) => i.code), 'L9-9999'),
      fc.string({ minLength: 1, maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(change, stepBody, itemSegment, jsonValue, async (c, s, item, other) => {
        const patched = await call(app, 'PATCH', `/api/v1/allocation-plans/${fuzzPlan}`, { token, body: c });
        expect(patched.status, JSON.stringify(c)).toBeLessThan(500);
        if (patched.status >= 400) expect(patched.json.code).toBeTypeOf('string');
        const proposed = await call(app, 'POST', `/api/v1/incidents/${incident}/allocation-plans`, { token, body: other });
        expect(proposed.status, JSON.stringify(other)).toBeLessThan(500);
        const moved = await step(shipments[5], s);
        expect(moved.status, JSON.stringify(s)).toBeLessThan(500);
        const marked = await call(app, 'PUT', `/api/v1/incidents/${incident}/not-needed/${encodeURIComponent(item)}`, {
          token,
          body: other,
        });
        expect(marked.status, `${item} ${JSON.stringify(other)}`).toBeLessThan(500);
        const unmarked = await call(app, 'DELETE', `/api/v1/incidents/${incident}/not-needed/${encodeURIComponent(item)}`, {
          token,
        });
        expect(unmarked.status, item).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    const ledger = await call(app, 'GET', `/api/v1/incidents/${incident}/ledger`, { token });
    expect(ledger.json.reconciled).toMatchObject({ ok: true });
  });

  it('arbitrary ids, reference codes and queries in the paths', async () => {
    const query = fc.record(
      {
        organizationId: fc.oneof(fc.constantFrom(n.orgs.zhengzhouTeam, 'ghost'), fc.string()),
        kind: fc.oneof(fc.constantFrom(...OFFER_KINDS), fc.string()),
        status: fc.oneof(fc.constantFrom('pledged', 'withdrawn'), fc.string()),
        limit: fc.oneof(fc.integer({ min: -5, max: 300 }), fc.string()),
        cursor: fc.string(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 })),
        query,
        async (id, q) => {
          const enc = encodeURIComponent(id);
          const search = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
          for (const [method, path, body] of [
            ['GET', `/api/v1/public/incidents/${enc}/needed`, undefined],
            ['GET', `/api/v1/public/incidents/${enc}/transparency`, undefined],
            ['GET', `/api/v1/public/donations/${enc}`, undefined],
            [
              'POST',
              `/api/v1/public/incidents/${enc}/offers`,
              { kind: 'goods', item: WATER, quantity: 1, jurisdiction: '410105' },
            ],
            [
              'POST',
              `/api/v1/incidents/${enc}/offers`,
              { kind: 'service', note: '转运', jurisdiction: '410105', organizationId: enc },
            ],
            ['GET', `/api/v1/incidents/${enc}/offers?${search}`, undefined],
            ['POST', `/api/v1/offers/${enc}/withdraw`, { reason: '不再提供' }],
            ['PUT', `/api/v1/incidents/${enc}/not-needed/${enc}`, { reason: '够了' }],
            ['DELETE', `/api/v1/incidents/${incident}/not-needed/${enc}`, undefined],
            ['POST', `/api/v1/incidents/${enc}/allocation-plans`, {}],
            ['GET', `/api/v1/incidents/${enc}/allocation-plans`, undefined],
            ['GET', `/api/v1/allocation-plans/${enc}`, undefined],
            ['PATCH', `/api/v1/allocation-plans/${enc}`, { allocations: [] }],
            ['POST', `/api/v1/allocation-plans/${enc}/commit`, undefined],
            ['POST', `/api/v1/allocation-plans/${enc}/discard`, undefined],
            ['GET', `/api/v1/incidents/${enc}/shipments`, undefined],
            ['GET', `/api/v1/shipments/${enc}`, undefined],
            ['POST', `/api/v1/shipments/${enc}/transitions`, { to: 'in_transit' }],
            ['GET', `/api/v1/incidents/${enc}/ledger?${search}`, undefined],
          ] as const) {
            const res = await call(app, method, path, { token, body, headers: { 'idempotency-key': key() } });
            expect(res.status, `${method} ${path}`).toBeLessThan(500);
            if (res.status >= 400) expect(res.json?.code, `${method} ${path}`).toBeTypeOf('string');
          }
          const offers = await call(app, 'GET', `/api/v1/incidents/${incident}/offers?${search}`, { token });
          expect(offers.status, search).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
