/**
 * The whole goods path under property-based tests (issue 13): from stock and a public donation
 * received at a collection point, through plans proposed and committed, shipments sent on,
 * delivered in part, lost or returned, and stock taken or added meanwhile — in any order, and
 * all at once — every transaction balances, no stock goes below zero, every warehouse's ledger
 * balance is its stock, every need's fulfilled quantity is what the ledger delivered to it and
 * never more than it asked, and nothing is ever allocated beyond what is open.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { findNeedsByIds } from '../../src/db/repositories/needs';
import { listShipments } from '../../src/db/repositories/shipments';
import { AppError } from '../../src/model/errors';
import type { Deps } from '../../src/services/context';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { recordMovement } from '../../src/services/inventory/record-movement';
import { incidentLedger } from '../../src/services/ledger/read-ledger';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { proposeAllocation } from '../../src/services/resources/allocation-plans';
import { commitAllocation } from '../../src/services/resources/commit-allocation';
import { moveShipmentTo } from '../../src/services/resources/move-shipment';
import { offerPublicly } from '../../src/services/resources/offers';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';
import { concurrentConnections, expectLedgerSound, reconciliationOf } from '../support/ledger-checks';

const WATER = 'L1-0001'; // whole cases
const RICE = 'L1-0005'; // kg, divisible
const ITEMS = [WATER, RICE] as const;

type Step =
  | { kind: 'plan' }
  | { kind: 'move'; shipment: number; to: 'in_transit' | 'delivered' | 'lost' | 'returned'; fraction: number }
  | { kind: 'issue' | 'receive'; item: number; units: number };

const steps = () =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<Step>({ kind: 'plan' }) },
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('move' as const),
          shipment: fc.nat({ max: 9 }),
          to: fc.constantFrom(
            'in_transit' as const,
            'delivered' as const,
            'delivered' as const,
            'lost' as const,
            'returned' as const,
          ),
          fraction: fc.constantFrom(1, 1, 0.5, 0),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constantFrom('issue' as const, 'receive' as const),
          item: fc.nat({ max: ITEMS.length - 1 }),
          units: fc.integer({ min: 1, max: 30 }),
        }),
      },
    ),
    { minLength: 1, maxLength: 12 },
  );

/** What the platform may refuse in a race or out of order; anything else is a bug. */
const EXPECTED_REFUSALS = new Set(['insufficient_stock', 'invalid_transition', 'invalid_input', 'claim_conflict', 'conflict']);

describeEachDatabase('the goods path keeps the ledger reconciled (property)', (t, dialect) => {
  let organizationId = '';
  let serial = 0;
  /** Shipments delivered over all runs, so that a property never exercising delivery fails. */
  let deliveredSeen = 0;

  beforeAll(async () => {
    organizationId = (
      await createOrganization(t().deps, SYSTEM, {
        kind: 'social_organization',
        name: '郑州市慈善总会',
        jurisdictions: ['410100'],
        capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['logistics_transport'] },
      })
    ).id;
  });

  /** A fresh incident with goods needs, a stocked warehouse and a public donation received at a collection point. */
  const scene = async (deps: Deps) => {
    const incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: `调配性质测试${++serial}`,
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    const needs: string[] = [];
    for (const [item, quantity, urgency, lat] of [
      [WATER, 30, 'critical', 34.78],
      [WATER, 25, 'medium', 34.74],
      [RICE, 40, 'high', 34.8],
    ] as const) {
      const outcome = await reportNeed(deps, SYSTEM, incidentId, {
        title: `安置点缺${item}`,
        category: 'food',
        item,
        quantity,
        urgency,
        jurisdiction: '410105',
        lat,
        lon: 113.66,
      });
      if (outcome.replayed) throw new Error('a first report is never a replay');
      needs.push(outcome.reported.need.id);
    }
    const warehouse = (
      await createWarehouse(deps, SYSTEM, {
        name: `仓库${serial}`,
        organizationId,
        jurisdiction: '410105',
        lat: 34.77,
        lon: 113.67,
      })
    ).id;
    const point = (
      await createWarehouse(deps, SYSTEM, {
        name: `收集点${serial}`,
        kind: 'collection_point',
        organizationId,
        jurisdiction: '410105',
        lat: 34.76,
        lon: 113.65,
      })
    ).id;
    await recordMovement(deps, SYSTEM, warehouse, { kind: 'receive', item: WATER, quantity: 20, incidentId });
    await recordMovement(deps, SYSTEM, warehouse, { kind: 'receive', item: RICE, quantity: 12.25, incidentId });
    const donation = await offerPublicly(deps, incidentId, { kind: 'goods', item: WATER, quantity: 15, jurisdiction: '410105' });
    await recordMovement(deps, SYSTEM, point, {
      kind: 'receive',
      item: WATER,
      quantity: 15,
      offerReference: donation.referenceCode,
    });
    return { incidentId, needs, warehouse, point };
  };

  const run = async (deps: Deps, where: Awaited<ReturnType<typeof scene>>, step: Step) => {
    if (step.kind === 'plan') {
      const plan = await proposeAllocation(deps, SYSTEM, where.incidentId, {});
      return commitAllocation(deps, SYSTEM, plan.id);
    }
    if (step.kind === 'move') {
      const shipments = await listShipments(deps.db, { incidentId: where.incidentId, limit: 100 });
      const shipment = shipments[step.shipment % Math.max(shipments.length, 1)];
      if (!shipment) return null;
      const quantity = step.to === 'delivered' ? shipment.quantity * step.fraction : undefined;
      return moveShipmentTo(deps, SYSTEM, shipment.id, {
        to: step.to,
        quantity: quantity === undefined ? undefined : shipment.item === WATER ? Math.floor(quantity) : quantity,
        reason: step.to === 'lost' || step.to === 'returned' ? '道路中断' : undefined,
      });
    }
    return recordMovement(deps, SYSTEM, where.warehouse, {
      kind: step.kind,
      item: ITEMS[step.item],
      quantity: step.units,
      incidentId: where.incidentId,
    });
  };

  /** Every invariant the ledger promises, read after the steps have run. */
  const expectReconciled = async (deps: Deps, where: Awaited<ReturnType<typeof scene>>) => {
    const ledger = await incidentLedger(deps, SYSTEM, where.incidentId, { limit: 10 });
    expect(ledger.reconciled).toMatchObject({ ok: true, needsMatchDeliveries: true, warehousesMatchStock: true });
    const { ledger: balances, stock } = await reconciliationOf(deps.db, [where.warehouse, where.point]);
    expect(balances).toEqual(stock);
    for (const need of (await findNeedsByIds(deps.db, where.needs)).values()) {
      expect(need.fulfilledQuantity ?? 0).toBeLessThanOrEqual(need.quantity ?? 0);
    }
    // What is on its way or arrived never exceeds what the needs asked for.
    const shipments = await listShipments(deps.db, { incidentId: where.incidentId, limit: 1000 });
    deliveredSeen += shipments.filter((s) => s.status === 'delivered' && (s.receivedQuantity ?? 0) > 0).length;
    for (const needId of where.needs) {
      const need = (await findNeedsByIds(deps.db, [needId])).get(needId);
      const sent = shipments
        .filter((s) => s.needId === needId && (s.status === 'dispatched' || s.status === 'in_transit'))
        .reduce((sum, s) => sum + s.quantity, 0);
      expect(sent + (need?.fulfilledQuantity ?? 0)).toBeLessThanOrEqual((need?.quantity ?? 0) + 1e-9);
    }
  };

  const refusedAsExpected = (reason: unknown) => {
    expect(reason).toBeInstanceOf(AppError);
    expect(EXPECTED_REFUSALS, `unexpected refusal ${(reason as AppError).code}: ${(reason as Error).message}`).toContain(
      (reason as AppError).code,
    );
  };

  it('after any sequence of plans, shipment steps and stock movements, in order', async () => {
    const { deps } = t();
    await fc.assert(
      fc.asyncProperty(steps(), async (plan) => {
        const where = await scene(deps);
        for (const step of plan) {
          try {
            await run(deps, where, step);
          } catch (error) {
            refusedAsExpected(error);
          }
        }
        await expectReconciled(deps, where);
      }),
      { numRuns: 20 },
    );
    expect(deliveredSeen).toBeGreaterThan(0);
    await expectLedgerSound(deps.db);
  });

  it('after any set of them run all at once', async () => {
    const { deps } = t();
    deliveredSeen = 0;
    const others = concurrentConnections(t(), dialect, 8);
    try {
      await fc.assert(
        fc.asyncProperty(steps(), async (plan) => {
          const where = await scene(deps);
          // A committed plan first, so that shipment steps race with new plans and with stock taken.
          await run(deps, where, { kind: 'plan' });
          const outcomes = await Promise.allSettled(plan.map((step) => run(others.deps, where, step)));
          for (const o of outcomes) if (o.status === 'rejected') refusedAsExpected(o.reason);
          await expectReconciled(deps, where);
        }),
        { numRuns: 8 },
      );
      expect(deliveredSeen).toBeGreaterThan(0);
      await expectLedgerSound(deps.db);
    } finally {
      await others.close();
    }
  });
});
