/**
 * The resources loop through the API, on both databases: donors pledge, a collection point
 * receives a public donation by its reference code, a coordinator proposes, edits and commits an
 * allocation, shipments are delivered (one short), lost and returned; the ledger reconciles with
 * the stock and the needs at every step; the public sees the figures and the donor the path,
 * with no one's personal data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { incidentEventsSince } from '../../src/services/live/live-events';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

const WATER = 'L1-0001';
const TENT = 'L1-0008';

interface Line {
  needId: string;
  supplyKey: string;
  item: string;
  quantity: number;
  committedQuantity: number;
  distanceKm: number;
  organizationId: string | null;
}

describeEachDatabase('allocation, shipments and the ledger', (t) => {
  let app: App;
  let n: Network;
  let incident: string;
  let urgentWater: string;
  let lowWater: string;
  let tents: string;
  let warehouse: string;
  let reference: string;
  let serial = 0;
  const key = () => `6b1f0d7e-2c4a-4e8b-8f0a-${String(++serial).padStart(12, '0')}`;
  const as = (token: string | undefined) => ({
    get: (url: string) => call(app, 'GET', url, { token }),
    post: (url: string, body?: unknown) => call(app, 'POST', url, { token, body, headers: { 'idempotency-key': key() } }),
    patch: (url: string, body: unknown) => call(app, 'PATCH', url, { token, body }),
  });
  const coord = () => as(n.tokens.coordHenan);
  const ledgerOk = async () => {
    const ledger = await coord().get(`/api/v1/incidents/${incident}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.json.reconciled).toMatchObject({ ok: true, needsMatchDeliveries: true, warehousesMatchStock: true });
    return ledger.json;
  };
  const need = async (item: string, quantity: number, urgency: string, extra: Record<string, unknown> = {}) => {
    const made = await coord().post(`/api/v1/incidents/${incident}/needs`, {
      title: `安置点 ${item} ${urgency}`,
      category: 'shelter',
      item,
      quantity,
      urgency,
      jurisdiction: '410105',
      lat: 34.78,
      lon: 113.66,
      ...extra,
    });
    expect(made.status).toBe(201);
    return (made.json.need as { id: string }).id;
  };

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '调配演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    urgentWater = await need(WATER, 100, 'critical', { vulnerableGroups: ['elderly', 'children'] });
    lowWater = await need(WATER, 80, 'low');
    tents = await need(TENT, 10, 'high');
  });

  it('pledges, receives a public donation by its reference code, and keeps the ledger reconciled', async () => {
    const donated = await as(undefined).post(`/api/v1/public/incidents/${incident}/offers`, {
      kind: 'goods',
      item: WATER,
      quantity: 30,
      jurisdiction: '410105',
      donorName: '捐赠人赵先生',
      donorPhone: '13700001111',
    });
    expect(donated.status).toBe(201);
    reference = donated.json.referenceCode as string;
    const made = await as(n.tokens.orgAdmin).post('/api/v1/warehouses', {
      name: '蓝天物资收集点',
      kind: 'collection_point',
      organizationId: n.orgs.zhengzhouTeam,
      jurisdiction: '410105',
      lat: 34.75,
      lon: 113.65,
    });
    expect(made.status).toBe(201);
    warehouse = made.json.id as string;
    const bought = await as(n.tokens.orgMember).post(`/api/v1/warehouses/${warehouse}/movements`, {
      kind: 'receive',
      item: WATER,
      quantity: 120,
      incidentId: incident,
    });
    expect(bought.status).toBe(201);
    const tooMuch = await as(n.tokens.orgMember).post(`/api/v1/warehouses/${warehouse}/movements`, {
      kind: 'receive',
      item: WATER,
      quantity: 31,
      offerReference: reference,
    });
    expect(tooMuch.json).toMatchObject({ status: 400, field: 'quantity' });
    const handedIn = await as(n.tokens.orgMember).post(`/api/v1/warehouses/${warehouse}/movements`, {
      kind: 'receive',
      item: WATER,
      quantity: 30,
      offerReference: reference.toLowerCase(),
    });
    expect(handedIn.status).toBe(201);
    expect(handedIn.json.stock).toEqual([{ warehouseId: warehouse, item: WATER, quantity: 150 }]);
    const offered = await as(n.tokens.orgAdmin).post(`/api/v1/incidents/${incident}/offers`, {
      kind: 'goods',
      item: TENT,
      quantity: 8,
      jurisdiction: '410102',
      lat: 34.8,
      lon: 113.7,
      organizationId: n.orgs.zhengzhouSpare,
    });
    expect(offered.json.code).toBe('out_of_scope');
    const spare = await coord().post(`/api/v1/incidents/${incident}/offers`, {
      kind: 'goods',
      item: TENT,
      quantity: 8,
      jurisdiction: '410102',
      lat: 34.8,
      lon: 113.7,
      organizationId: n.orgs.zhengzhouSpare,
    });
    expect(spare.status).toBe(201);
    const ledger = await ledgerOk();
    const water = (ledger.stages as { asset: string; pledged: number; received: number }[]).find((s) => s.asset === WATER);
    expect(water).toMatchObject({ received: 150 });
  });

  it('lets only the incident’s coordinators propose, and proposes the most important needs first', async () => {
    expect((await as(undefined).post(`/api/v1/incidents/${incident}/allocation-plans`, {})).status).toBe(401);
    expect((await as(n.tokens.orgAdmin).post(`/api/v1/incidents/${incident}/allocation-plans`, {})).json.code).toBe('forbidden');
    expect((await as(n.tokens.observer).post(`/api/v1/incidents/${incident}/allocation-plans`, {})).json.code).toBe('forbidden');
    expect((await as(n.tokens.coordGuangdong).post(`/api/v1/incidents/${incident}/allocation-plans`, {})).json.code).toBe(
      'out_of_scope',
    );
    expect((await coord().post(`/api/v1/incidents/${incident}/allocation-plans`, { maxDistanceKm: -1 })).status).toBe(400);
    const plan = await coord().post(`/api/v1/incidents/${incident}/allocation-plans`, {});
    expect(plan.status).toBe(201);
    const lines = plan.json.lines as Line[];
    const given = (needId: string) => lines.filter((l) => l.needId === needId).reduce((s, l) => s + l.quantity, 0);
    // 150 cases for 180 asked: the critical need with vulnerable people is served in full, the low one gets the rest.
    expect(given(urgentWater)).toBe(100);
    expect(given(lowWater)).toBe(50);
    expect(given(tents)).toBe(8);
    expect(plan.json.score).toBeGreaterThan(0);
    expect(plan.json.upperBound).toBeGreaterThanOrEqual((plan.json.score as number) - 1e-6);
    expect(plan.json.items).toContainEqual({ item: WATER, open: 180, allocated: 150, available: 150 });
    expect(lines.every((l) => l.distanceKm < 10 && l.organizationId !== null)).toBe(true);
  });

  it('takes the coordinator’s changes when they hold, and names what breaks when they do not', async () => {
    const plan = await coord().post(`/api/v1/incidents/${incident}/allocation-plans`, {});
    const id = plan.json.id as string;
    const waterKey = (plan.json.lines as Line[]).find((l) => l.item === WATER)?.supplyKey as string;
    const tentKey = (plan.json.lines as Line[]).find((l) => l.item === TENT)?.supplyKey as string;
    const over = await coord().patch(`/api/v1/allocation-plans/${id}`, {
      allocations: [{ needId: urgentWater, supplyId: waterKey, quantity: 151 }],
    });
    expect(over.status).toBe(400);
    expect(over.json.field).toBe('allocations');
    expect(String(over.json.detail)).toMatch(/more than its quantity/);
    const mixed = await coord().patch(`/api/v1/allocation-plans/${id}`, {
      allocations: [{ needId: urgentWater, supplyId: tentKey, quantity: 1 }],
    });
    expect(String(mixed.json.detail)).toMatch(/item/);
    const edited = await coord().patch(`/api/v1/allocation-plans/${id}`, {
      allocations: [
        { needId: urgentWater, supplyId: waterKey, quantity: 100 },
        { needId: lowWater, supplyId: waterKey, quantity: 20.5 },
        { needId: tents, supplyId: tentKey, quantity: 8 },
      ],
    });
    expect(edited.status).toBe(200);
    expect((edited.json.lines as Line[]).map((l) => [l.quantity, l.committedQuantity])).toEqual([
      [100, 100],
      [20.5, 20],
      [8, 8],
    ]);
    const otherPlan = await coord().post(`/api/v1/incidents/${incident}/allocation-plans`, {});
    expect((await coord().post(`/api/v1/allocation-plans/${otherPlan.json.id}/discard`)).json.status).toBe('discarded');
    expect((await coord().post(`/api/v1/allocation-plans/${otherPlan.json.id}/commit`)).status).toBe(409);

    const committed = await coord().post(`/api/v1/allocation-plans/${id}/commit`);
    expect(committed.status).toBe(200);
    expect(committed.json.plan).toMatchObject({ status: 'committed' });
    const shipments = committed.json.shipments as {
      id: string;
      needId: string;
      quantity: number;
      status: string;
      organizationId: string;
    }[];
    expect(shipments.map((s) => [s.needId, s.quantity, s.status])).toEqual([
      [urgentWater, 100, 'dispatched'],
      [lowWater, 20, 'dispatched'],
      [tents, 8, 'dispatched'],
    ]);
    // The whole 20.5 was not taken: half a case stays in stock (the need counts whole cases).
    const stock = await coord().get(`/api/v1/warehouses/${warehouse}/stock`);
    expect(stock.json.items).toEqual([expect.objectContaining({ item: WATER, quantity: 30 })]);
    const held = await coord().get(`/api/v1/needs/${urgentWater}`);
    expect(held.json).toMatchObject({ claimedQuantity: 100, status: 'claimed' });
    expect((held.json.holders as { organizationId: string }[])[0].organizationId).toBe(n.orgs.zhengzhouTeam);
    expect((await coord().post(`/api/v1/allocation-plans/${id}/commit`)).status).toBe(409);
    await ledgerOk();
    // The board's live stream hears of each proposal, change and discard (its resources refetch), and of the shipments.
    const events = await incidentEventsSince(t().deps, incident, 0, 1000);
    const planEvents = events.filter((e) => e.kind === 'allocation').map((e) => e.entityId);
    expect(planEvents.filter((e) => e === id)).toHaveLength(2);
    expect(planEvents.filter((e) => e === otherPlan.json.id)).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'shipment').map((e) => e.entityId)).toContain(id);
  });

  describe('shipments', () => {
    const shipmentOf = async (needId: string) => {
      const list = await coord().get(`/api/v1/incidents/${incident}/shipments`);
      return (list.json.items as { id: string; needId: string }[]).find((s) => s.needId === needId)?.id as string;
    };

    it('tells each reader whether they may move a shipment on: its carrier and the incident’s coordinators', async () => {
      const id = await shipmentOf(urgentWater);
      const may = async (token: string) => {
        const one = await as(token).get(`/api/v1/shipments/${id}`);
        const list = await as(token).get(`/api/v1/incidents/${incident}/shipments`);
        const listed = (list.json.items as { id: string; viewerCanMove: boolean }[]).find((s) => s.id === id);
        expect(listed?.viewerCanMove).toBe(one.json.viewerCanMove);
        return one.json.viewerCanMove;
      };
      expect(await may(n.tokens.coordHenan)).toBe(true);
      expect(await may(n.tokens.orgMember)).toBe(true);
      expect(await may(n.tokens.observer)).toBe(false);
      expect(await may(n.tokens.coordGuangdong)).toBe(false);
    });

    it('fulfils a need by what the receiver counted, and gives the rest back to it', async () => {
      const id = await shipmentOf(urgentWater);
      const moved = await as(n.tokens.orgMember).post(`/api/v1/shipments/${id}/transitions`, { to: 'in_transit' });
      expect(moved.json.status).toBe('in_transit');
      expect((await as(n.tokens.orgMember).post(`/api/v1/shipments/${id}/transitions`, { to: 'dispatched' })).status).toBe(400);
      expect((await as(n.tokens.observer).post(`/api/v1/shipments/${id}/transitions`, { to: 'delivered' })).json.code).toBe(
        'forbidden',
      );
      expect((await coord().post(`/api/v1/shipments/${id}/transitions`, { to: 'delivered', quantity: 101 })).json.field).toBe(
        'quantity',
      );
      const delivered = await coord().post(`/api/v1/shipments/${id}/transitions`, { to: 'delivered', quantity: 95 });
      // Delivered is final: nobody moves it on any more.
      expect(delivered.json).toMatchObject({ status: 'delivered', receivedQuantity: 95, viewerCanMove: false });
      expect((delivered.json.history as { status: string }[]).map((h) => h.status)).toEqual([
        'dispatched',
        'in_transit',
        'delivered',
      ]);
      const needNow = await coord().get(`/api/v1/needs/${urgentWater}`);
      expect(needNow.json).toMatchObject({ fulfilledQuantity: 95, claimedQuantity: 0, status: 'in_progress' });
      expect((await coord().post(`/api/v1/shipments/${id}/transitions`, { to: 'lost', reason: 'x' })).status).toBe(409);
      const ledger = await ledgerOk();
      const water = (ledger.stages as { asset: string; delivered: number; writtenOff: number }[]).find((s) => s.asset === WATER);
      expect(water).toMatchObject({ delivered: 95, writtenOff: 5 });
    });

    it('returns goods to their warehouse, and loses them with a reason', async () => {
      const low = await shipmentOf(lowWater);
      expect((await coord().post(`/api/v1/shipments/${low}/transitions`, { to: 'returned' })).json.field).toBe('reason');
      const back = await as(n.tokens.orgAdmin).post(`/api/v1/shipments/${low}/transitions`, {
        to: 'returned',
        reason: '道路中断，原路返回',
      });
      expect(back.json.status).toBe('returned');
      const stock = await coord().get(`/api/v1/warehouses/${warehouse}/stock`);
      expect(stock.json.items).toEqual([expect.objectContaining({ item: WATER, quantity: 50 })]);
      expect((await coord().get(`/api/v1/needs/${lowWater}`)).json).toMatchObject({ claimedQuantity: 0, status: 'open' });
      const tent = await shipmentOf(tents);
      const claims = (await coord().get(`/api/v1/needs/${tents}`)).json.holders as { claimId: string }[];
      const release = await coord().post(`/api/v1/claims/${claims[0].claimId}/release`, {});
      expect(release.status).toBe(409);
      const lost = await coord().post(`/api/v1/shipments/${tent}/transitions`, { to: 'lost', reason: '车辆被洪水冲走' });
      expect(lost.json.status).toBe('lost');
      // The reason is for the incident's coordinators and the carrier only.
      const seen = await as(n.tokens.observer).get(`/api/v1/shipments/${tent}`);
      expect(seen.json.reason).toBeNull();
      expect(JSON.stringify(seen.json)).not.toContain('车辆被洪水冲走');
      await ledgerOk();
    });
  });

  it('publishes the figures and the donor’s path, with no one in them', async () => {
    const open = await as(undefined).get(`/api/v1/public/incidents/${incident}/transparency`);
    expect(open.status).toBe(200);
    const water = (
      open.json.items as { item: string; pledged: number; received: number; allocated: number; delivered: number }[]
    ).find((i) => i.item === WATER);
    expect(water).toMatchObject({ pledged: 30, received: 150, allocated: 120, delivered: 95 });
    expect(open.json.areas).toEqual([{ jurisdiction: '410105', items: [{ item: WATER, delivered: 95 }] }]);
    // Each organization's goods item by item, never one sum across units.
    const delivered = (open.json.organizations as { goods: { item: string; delivered: number }[] }[]).flatMap((o) =>
      o.goods.filter((g) => g.delivered > 0),
    );
    expect(delivered.every((g) => g.item === WATER)).toBe(true);
    expect(delivered.reduce((sum, g) => sum + g.delivered, 0)).toBe(95);
    const text = JSON.stringify(open.json);
    expect(text).not.toMatch(/赵先生|13700001111|安置点/);
    // The next plan takes what is left in the collection point: the donor's 30 cases first.
    const again = await coord().post(`/api/v1/incidents/${incident}/allocation-plans`, {});
    const next = await coord().post(`/api/v1/allocation-plans/${again.json.id}/commit`);
    const out = (next.json.shipments as { id: string; item: string; quantity: number }[]).filter((s) => s.item === WATER);
    expect(out.reduce((sum, s) => sum + s.quantity, 0)).toBe(50);
    for (const s of out)
      expect((await coord().post(`/api/v1/shipments/${s.id}/transitions`, { to: 'delivered' })).status).toBe(200);
    await ledgerOk();
    const path = await as(undefined).get(`/api/v1/public/donations/${reference}`);
    expect(path.status).toBe(200);
    const steps = path.json.steps as {
      stage: string;
      quantity: number;
      place: string | null;
      jurisdiction: string | null;
      traced: boolean;
    }[];
    expect(steps[0]).toMatchObject({ stage: 'pledged', quantity: 30 });
    expect(steps[1]).toMatchObject({ stage: 'received', quantity: 30, place: '蓝天物资收集点' });
    // First in, first out: the 120 bought earlier left first, so the donation went with the next shipment out.
    const traced = steps.filter((s) => s.traced);
    expect(traced.reduce((sum, s) => sum + s.quantity, 0)).toBe(30);
    expect(traced.every((s) => s.stage === 'delivered' && s.jurisdiction === '410105')).toBe(true);
    expect(JSON.stringify(path.json)).not.toMatch(/赵先生|13700001111/);
    expect((await as(undefined).get('/api/v1/public/donations/NOSUCH99')).status).toBe(404);
  });

  it('names a need whose fulfilled quantity the ledger does not explain, and a delivery no need counts', async () => {
    const { deps } = t();
    const delivered = (await coord().get(`/api/v1/needs/${urgentWater}`)).json.fulfilledQuantity as number;
    expect(delivered).toBeGreaterThan(0);
    await deps.db
      .updateTable('needs')
      .set({ fulfilled_quantity: delivered - 1 })
      .where('id', '=', urgentWater)
      .execute();
    const ledger = await coord().get(`/api/v1/incidents/${incident}/ledger`);
    expect(ledger.json.reconciled).toMatchObject({
      ok: false,
      needsMatchDeliveries: false,
      needMismatches: [{ needId: urgentWater, item: WATER, ledger: delivered, fulfilled: delivered - 1 }],
    });
    await deps.db.updateTable('needs').set({ fulfilled_quantity: delivered, item: TENT }).where('id', '=', urgentWater).execute();
    const moved = await coord().get(`/api/v1/incidents/${incident}/ledger`);
    expect((moved.json.reconciled as { needMismatches: unknown }).needMismatches).toEqual(
      expect.arrayContaining([{ needId: urgentWater, item: WATER, ledger: delivered, fulfilled: 0 }]),
    );
    await deps.db.updateTable('needs').set({ item: WATER }).where('id', '=', urgentWater).execute();
    await ledgerOk();
  });

  it('answers a retried commit and a retried step with what the first try made (Idempotency-Key)', async () => {
    const blankets = await need('L1-0012', 4, 'high');
    const stocked = await as(n.tokens.orgMember).post(`/api/v1/warehouses/${warehouse}/movements`, {
      kind: 'receive',
      item: 'L1-0012',
      quantity: 4,
      incidentId: incident,
    });
    expect(stocked.status).toBe(201);
    const plan = await coord().post(`/api/v1/incidents/${incident}/allocation-plans`, {});
    const once = { token: n.tokens.coordHenan, headers: { 'idempotency-key': 'commit-retry-0001' } };
    const first = await call(app, 'POST', `/api/v1/allocation-plans/${plan.json.id}/commit`, once);
    const retry = await call(app, 'POST', `/api/v1/allocation-plans/${plan.json.id}/commit`, once);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    const ids = (r: typeof first) => (r.json.shipments as { id: string }[]).map((s) => s.id).sort();
    expect(ids(retry)).toEqual(ids(first));
    const shipment = (first.json.shipments as { id: string; needId: string }[]).find((s) => s.needId === blankets);
    if (!shipment) throw new Error('no shipment for the blankets');
    const step = { ...once, headers: { 'idempotency-key': 'step-retry-0001' }, body: { to: 'in_transit' } };
    const moved = await call(app, 'POST', `/api/v1/shipments/${shipment.id}/transitions`, step);
    const again = await call(app, 'POST', `/api/v1/shipments/${shipment.id}/transitions`, step);
    expect([moved.status, again.status]).toEqual([200, 200]);
    expect(again.json).toMatchObject({ id: shipment.id, status: 'in_transit' });
    expect((again.json.history as unknown[]).length).toBe((moved.json.history as unknown[]).length);
    const other = (first.json.shipments as { id: string }[]).find((s) => s.id !== shipment.id);
    if (other) {
      const reused = await call(app, 'POST', `/api/v1/shipments/${other.id}/transitions`, step);
      expect(reused.json).toMatchObject({ status: 422, code: 'idempotency_mismatch' });
    }
    const changed = await call(app, 'POST', `/api/v1/shipments/${shipment.id}/transitions`, {
      ...step,
      body: { to: 'delivered' },
    });
    expect(changed.json).toMatchObject({ status: 422, code: 'idempotency_mismatch' });
    await ledgerOk();
  });
});
