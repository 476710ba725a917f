/**
 * Warehouses, movements and the ledger on a real database (issue 13): what each movement kind
 * does to stock and to the ledger, retries applied once, stock that never goes negative under
 * many issues at once on several connections, and — property-based — that any sequence of
 * movements, in order or all at once, leaves every balance reconciled with the stock and every
 * transaction summing to zero.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { stockOf } from '../../src/db/repositories/warehouses';
import type { MovementInput } from '../../src/model/inventory';
import { MONEY } from '../../src/model/ledger';
import { userActor } from '../../src/services/auth/sessions';
import type { Actor, Deps } from '../../src/services/context';
import { declareIncident, moveIncidentStage } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { getWarehouse, listMovements, warehouseStock } from '../../src/services/inventory/read-warehouses';
import { moveStock, recordMovement } from '../../src/services/inventory/record-movement';
import { postLedgerTransaction } from '../../src/services/ledger/post-transaction';
import { incidentLedger } from '../../src/services/ledger/read-ledger';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { getOrganization } from '../../src/services/organizations/read-organizations';
import { updateOrganization } from '../../src/services/organizations/update-organization';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';
import { concurrentConnections, expectLedgerSound, reconciliationOf } from '../support/ledger-checks';

const RICE = 'L1-0005'; // kg, divisible
const TENT = 'L1-0008'; // whole tents
const WATER = 'L1-0001'; // cases
const ITEMS = [RICE, TENT, WATER];

describeEachDatabase('warehouses, movements and the ledger', (t, dialect) => {
  let n: Network;
  let incident: string;
  let serial = 0;
  const org = async (jurisdiction = '410105') =>
    (
      await createOrganization(t().deps, SYSTEM, {
        kind: 'social_organization',
        name: `仓储测试组织${++serial}`,
        jurisdictions: [jurisdiction],
      })
    ).id;
  const warehouse = async (organizationId: string, jurisdiction = '410105', actor: Actor = SYSTEM) =>
    (await createWarehouse(t().deps, actor, { name: `仓库${++serial}`, organizationId, jurisdiction, lat: 34.75, lon: 113.66 }))
      .id;
  const move = (warehouseId: string, input: MovementInput, deps: Deps = t().deps, actor: Actor = SYSTEM) =>
    recordMovement(deps, actor, warehouseId, input);

  const connections = (count: number) => concurrentConnections(t(), dialect, count);

  beforeAll(async () => {
    n = await buildNetwork(t().deps);
    incident = (
      await declareIncident(t().deps, SYSTEM, {
        name: '仓储台账演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
  });

  it('receives, issues, transfers, adjusts and writes off, each posting its two entries', async () => {
    const { deps } = t();
    const owner = await org();
    const a = await warehouse(owner);
    const b = await warehouse(n.orgs.zhengzhouSpare, '410103');
    const received = await move(a, {
      kind: 'receive',
      item: RICE,
      quantity: 100.5,
      incidentId: incident,
    });
    expect(received.stock).toEqual([{ warehouseId: a, item: RICE, quantity: 100.5 }]);
    expect(received.movement).toMatchObject({
      kind: 'receive',
      item: RICE,
      quantity: 100.5,
      incidentId: incident,
      offerReference: null,
    });
    expect((await move(a, { kind: 'issue', item: RICE, quantity: 20, incidentId: incident })).stock[0].quantity).toBe(80.5);
    const transferred = await move(a, { kind: 'transfer', item: RICE, quantity: 30.25, toWarehouseId: b, incidentId: incident });
    expect(transferred.stock).toEqual([
      { warehouseId: a, item: RICE, quantity: 50.25 },
      { warehouseId: b, item: RICE, quantity: 30.25 },
    ]);
    expect((await move(a, { kind: 'adjust', item: RICE, quantity: -0.25, reason: '盘点差异' })).stock[0].quantity).toBe(50);
    expect((await move(a, { kind: 'adjust', item: RICE, quantity: 2, reason: '盘点发现' })).stock[0].quantity).toBe(52);
    expect((await move(a, { kind: 'write_off', item: RICE, quantity: 2, reason: '受潮霉变' })).stock[0].quantity).toBe(50);

    const entries = await deps.db
      .selectFrom('ledger_entries')
      .innerJoin('ledger_transactions', 'ledger_transactions.id', 'ledger_entries.transaction_id')
      .innerJoin('inventory_movements', 'inventory_movements.transaction_id', 'ledger_transactions.id')
      .select([
        'inventory_movements.kind as movement',
        'ledger_transactions.kind',
        'ledger_entries.account_kind',
        'ledger_entries.account_id',
        'ledger_entries.amount',
        'ledger_entries.organization_id',
      ])
      .where('inventory_movements.warehouse_id', '=', a)
      .orderBy('inventory_movements.at')
      .orderBy('inventory_movements.id')
      .orderBy('ledger_entries.seq')
      .execute();
    expect(entries.map((e) => [e.kind, e.account_kind, e.account_id, Number(e.amount), e.organization_id])).toEqual([
      ['receive', 'source', owner, -100500, owner],
      ['receive', 'warehouse', a, 100500, owner],
      ['issue', 'warehouse', a, -20000, owner],
      ['issue', 'issued', a, 20000, owner],
      ['transfer', 'warehouse', a, -30250, owner],
      ['transfer', 'warehouse', b, 30250, n.orgs.zhengzhouSpare],
      ['adjust', 'adjustment', a, 250, owner],
      ['adjust', 'warehouse', a, -250, owner],
      ['adjust', 'adjustment', a, -2000, owner],
      ['adjust', 'warehouse', a, 2000, owner],
      ['write_off', 'warehouse', a, -2000, owner],
      ['write_off', 'written_off', a, 2000, owner],
    ]);
    expect(await reconciliationOf(deps.db, [a, b])).toEqual({
      ledger: { [`${a} ${RICE}`]: 50000, [`${b} ${RICE}`]: 30250 },
      stock: { [`${a} ${RICE}`]: 50000, [`${b} ${RICE}`]: 30250 },
    });
    await expectLedgerSound(deps.db);

    expect((await warehouseStock(deps, a)).items).toEqual([{ item: RICE, quantity: 50, updatedAt: expect.any(String) }]);
    const history = await listMovements(deps, a, { limit: 4 });
    expect(history.total).toBe(6);
    expect(history.items.map((m) => m.kind)).toEqual(['write_off', 'adjust', 'adjust', 'transfer']);
    const rest = await listMovements(deps, a, { limit: 4, cursor: history.nextCursor ?? undefined });
    expect(rest.items.map((m) => m.kind)).toEqual(['issue', 'receive']);
    expect(rest.nextCursor).toBeNull();
    // The warehouse a transfer went to lists it too.
    expect((await listMovements(deps, b, { limit: 10 })).items.map((m) => [m.kind, m.warehouseId])).toEqual([['transfer', a]]);
    expect((await getWarehouse(deps, SYSTEM, a)).stock).toEqual([{ item: RICE, quantity: 50, updatedAt: expect.any(String) }]);
  });

  it('refuses taking more than is there with 409 insufficient_stock naming what is available, writing nothing', async () => {
    const { deps } = t();
    const a = await warehouse(await org());
    const b = await warehouse(await org());
    await move(a, { kind: 'receive', item: TENT, quantity: 3 });
    const before = Number(
      (
        await deps.db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    for (const input of [
      { kind: 'issue', item: TENT, quantity: 4 },
      { kind: 'transfer', item: TENT, quantity: 4, toWarehouseId: b },
      { kind: 'write_off', item: TENT, quantity: 5, reason: '损毁' },
      { kind: 'adjust', item: TENT, quantity: -4, reason: '盘点' },
    ] as MovementInput[]) {
      await expect(move(a, input)).rejects.toMatchObject({
        code: 'insufficient_stock',
        field: 'quantity',
        extra: { available: 3, item: TENT, warehouseId: a },
      });
    }
    await expect(move(a, { kind: 'issue', item: WATER, quantity: 1 })).rejects.toMatchObject({
      code: 'insufficient_stock',
      extra: { available: 0 },
    });
    const after = Number(
      (
        await deps.db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
    expect((await warehouseStock(deps, b)).items).toEqual([]);
    expect((await warehouseStock(deps, a)).items.map((l) => l.quantity)).toEqual([3]);
    // The database holds the line too: a direct update below zero is refused by its CHECK.
    await expect(
      deps.db.updateTable('inventory_stock').set({ quantity: -1 }).where('warehouse_id', '=', a).execute(),
    ).rejects.toThrow();
  });

  it('applies a retried movement once (Idempotency-Key), and refuses the key with another body', async () => {
    const { deps } = t();
    const a = await warehouse(await org());
    const key = { key: 'retry-key-0001', scope: `POST /api/v1/warehouses/:id/movements|${n.users.admin.id}`, body: { q: 5 } };
    const first = await recordMovement(deps, SYSTEM, a, { kind: 'receive', item: WATER, quantity: 5 }, key);
    const again = await recordMovement(deps, SYSTEM, a, { kind: 'receive', item: WATER, quantity: 5 }, key);
    expect(again.movement).toEqual(first.movement);
    expect(again.stock).toEqual([{ warehouseId: a, item: WATER, quantity: 5 }]);
    // Retries racing each other: still one movement.
    const raced = { ...key, key: 'retry-key-0002' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => recordMovement(deps, SYSTEM, a, { kind: 'receive', item: WATER, quantity: 5 }, raced)),
    );
    expect(new Set(answers.map((r) => r.movement.id)).size).toBe(1);
    expect((await warehouseStock(deps, a)).items.map((l) => l.quantity)).toEqual([10]);
    await expect(
      recordMovement(deps, SYSTEM, a, { kind: 'receive', item: WATER, quantity: 6 }, { ...key, body: { q: 6 } }),
    ).rejects.toMatchObject({
      code: 'idempotency_mismatch',
    });
  });

  it('never takes more than is there, whatever number of issues run at once on several connections', async () => {
    const { deps } = t();
    const a = await warehouse(await org());
    const b = await warehouse(await org());
    await move(a, { kind: 'receive', item: TENT, quantity: 40 });
    await move(a, { kind: 'receive', item: RICE, quantity: 25.5 });
    const others = connections(24);
    try {
      // 100 takes of 1–3 tents (issues, transfers, write-offs) and of 0.5–2 kg of rice, spread over the connections.
      const takes: MovementInput[] = Array.from({ length: 100 }, (_, i) => {
        const item = i % 2 ? TENT : RICE;
        const quantity = item === TENT ? 1 + (i % 3) : 0.5 + (i % 4) * 0.5;
        const kind = (['issue', 'transfer', 'write_off'] as const)[i % 3];
        return {
          kind,
          item,
          quantity,
          ...(kind === 'transfer' ? { toWarehouseId: b } : {}),
          ...(kind === 'write_off' ? { reason: '破损' } : {}),
        };
      });
      const outcomes = await Promise.allSettled(takes.map((input) => move(a, input, others.deps)));
      const refused = outcomes.filter((o) => o.status === 'rejected');
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'insufficient_stock' });
      const taken = (item: string) =>
        takes.reduce(
          (sum, input, i) => sum + (input.item === item && outcomes[i].status === 'fulfilled' ? input.quantity : 0),
          0,
        );
      const left = Object.fromEntries((await warehouseStock(deps, a)).items.map((l) => [l.item, l.quantity]));
      expect(taken(TENT)).toBeLessThanOrEqual(40);
      expect(taken(RICE)).toBeLessThanOrEqual(25.5);
      expect(left[TENT]).toBe(40 - taken(TENT));
      expect(left[RICE]).toBeCloseTo(25.5 - taken(RICE), 9);
      // The demand was well above the stock: the stock ran out, and the rest was refused.
      expect(refused.length).toBeGreaterThan(0);
      expect(left[TENT]).toBeLessThan(3);
      expect(left[RICE]).toBeLessThan(2);
      const { ledger, stock } = await reconciliationOf(deps.db, [a, b]);
      expect(ledger).toEqual(stock);
      await expectLedgerSound(deps.db);
    } finally {
      await others.close();
    }
  });

  it('keeps every balance reconciled after any sequence of movements, in order (property)', async () => {
    const { deps } = t();
    const owner = await org();
    await fc.assert(
      fc.asyncProperty(movementPlans(), async (plan) => {
        const ids = [await warehouse(owner), await warehouse(owner), await warehouse(n.orgs.zhengzhouSpare)];
        // What the stock must be, kept in thousandths beside the database.
        const expected = new Map<string, number>();
        const line = (w: string, item: string) => `${w} ${item}`;
        for (const step of plan) {
          const input = inputOf(step, ids);
          const from = line(ids[step.from], input.item);
          const have = expected.get(from) ?? 0;
          const delta = Math.round(input.quantity * 1000) * (input.kind === 'receive' || input.kind === 'adjust' ? 1 : -1);
          const outcome = await move(ids[step.from], input).then(
            () => 'ok',
            (error: { code?: string }) => error.code,
          );
          if (have + delta < 0) {
            expect(outcome).toBe('insufficient_stock');
            continue;
          }
          expect(outcome).toBe('ok');
          expected.set(from, have + delta);
          if (input.kind === 'transfer') {
            const to = line(input.toWarehouseId as string, input.item);
            expected.set(to, (expected.get(to) ?? 0) - delta);
          }
        }
        const { ledger, stock } = await reconciliationOf(deps.db, ids);
        expect(stock).toEqual(Object.fromEntries([...expected].filter(([, v]) => v !== 0)));
        expect(ledger).toEqual(stock);
      }),
      { numRuns: 25 },
    );
    await expectLedgerSound(deps.db);
  });

  it('keeps every balance reconciled after any sequence of movements, all at once (property)', async () => {
    const { deps } = t();
    const owner = await org();
    const others = connections(12);
    try {
      await fc.assert(
        fc.asyncProperty(movementPlans(), async (plan) => {
          const ids = [await warehouse(owner), await warehouse(owner), await warehouse(n.orgs.zhengzhouSpare)];
          // Some stock first, so that takes and transfers race for it.
          for (const w of ids) for (const item of ITEMS) await move(w, { kind: 'receive', item, quantity: 3 });
          const outcomes = await Promise.allSettled(plan.map((step) => move(ids[step.from], inputOf(step, ids), others.deps)));
          for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'insufficient_stock' });
          const { ledger, stock } = await reconciliationOf(deps.db, ids);
          expect(ledger).toEqual(stock);
          // What each warehouse holds is what came in less what went out, by the movements that succeeded.
          const total = (await stockOf(deps.db, ids)).reduce((sum, l) => sum + l.quantityMinor, 0);
          const moved = plan.reduce(
            (sum, step, i) => {
              if (outcomes[i].status !== 'fulfilled') return sum;
              const input = inputOf(step, ids);
              const minor = Math.round(input.quantity * 1000);
              return sum + (input.kind === 'receive' || input.kind === 'adjust' ? minor : input.kind === 'transfer' ? 0 : -minor);
            },
            3 * ITEMS.length * 3000,
          );
          expect(total).toBe(moved);
        }),
        { numRuns: 15 },
      );
      await expectLedgerSound(deps.db);
    } finally {
      await others.close();
    }
  });

  it('refuses movements in the warehouses of an organization that may not act, as for any response action', async () => {
    const { deps } = t();
    const suspended = await org();
    const open = await warehouse(await org());
    const closing = await warehouse(suspended);
    await move(open, { kind: 'receive', item: TENT, quantity: 2 });
    await move(closing, { kind: 'receive', item: TENT, quantity: 2 });
    await transitionMembership(deps, SYSTEM, suspended, { to: 'suspended', reason: '暂停成员资格' });
    await expect(move(closing, { kind: 'issue', item: TENT, quantity: 1 })).rejects.toMatchObject({
      code: 'membership_inactive',
      extra: { membershipStatus: 'suspended' },
    });
    await expect(move(open, { kind: 'transfer', item: TENT, quantity: 1, toWarehouseId: closing })).rejects.toMatchObject({
      code: 'membership_inactive',
      field: 'toWarehouseId',
    });
    expect((await getWarehouse(deps, SYSTEM, closing)).viewerCanMove).toBe(false);
    expect((await getWarehouse(deps, SYSTEM, open)).viewerCanMove).toBe(true);
    await expect(
      move(open, { kind: 'transfer', item: TENT, quantity: 1, toWarehouseId: 'no-such-warehouse' }),
    ).rejects.toMatchObject({
      code: 'not_found',
      field: 'toWarehouseId',
    });
    await expect(move(open, { kind: 'receive', item: TENT, quantity: 1, incidentId: 'no-such-incident' })).rejects.toMatchObject({
      code: 'not_found',
      field: 'incidentId',
    });
  });

  it('posts only balanced transactions, and an unbalanced one writes nothing', async () => {
    const { deps } = t();
    const a = await warehouse(await org());
    const count = async () =>
      Number(
        (
          await deps.db
            .selectFrom('ledger_transactions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await expect(
      deps.db.transaction().execute((trx) =>
        postLedgerTransaction(trx, deps, {
          actor: SYSTEM,
          incidentId: incident,
          kind: 'pledge',
          refs: { offerId: 'offer-1' },
          entries: [
            { accountKind: 'donor', accountId: 'offer-1', asset: MONEY, amount: -100 },
            { accountKind: 'pledged', accountId: 'offer-1', asset: MONEY, amount: 99.99 },
          ],
        }),
      ),
    ).rejects.toThrow(/sum to -0.01/);
    expect(await count()).toBe(before);
    // A pledge of money and its receipt, as offers will post them: donor → pledged → organization.
    const owner = (await getWarehouse(deps, SYSTEM, a)).organizationId;
    await deps.db.transaction().execute(async (trx) => {
      await postLedgerTransaction(trx, deps, {
        actor: SYSTEM,
        incidentId: incident,
        kind: 'pledge',
        refs: { offerId: 'offer-2' },
        entries: [
          { accountKind: 'donor', accountId: 'offer-2', asset: MONEY, amount: -1000.1 },
          { accountKind: 'pledged', accountId: 'offer-2', asset: MONEY, amount: 1000.1 },
          { accountKind: 'donor', accountId: 'offer-2', asset: TENT, amount: -4 },
          { accountKind: 'pledged', accountId: 'offer-2', asset: TENT, amount: 4 },
        ],
      });
      await postLedgerTransaction(trx, deps, {
        actor: SYSTEM,
        incidentId: incident,
        kind: 'receive',
        refs: { offerId: 'offer-2' },
        entries: [
          { accountKind: 'pledged', accountId: 'offer-2', asset: MONEY, amount: -600 },
          {
            accountKind: 'organization',
            accountId: owner,
            asset: MONEY,
            amount: 600,
            organizationId: owner,
            jurisdiction: '410105',
          },
        ],
      });
      // Goods received against the offer: the receive movement's posting from the pledged account.
      await moveStock(
        trx,
        deps,
        SYSTEM,
        a,
        { kind: 'receive', item: TENT, quantity: 4, incidentId: incident },
        {
          source: { accountKind: 'pledged', accountId: 'offer-2' },
        },
      );
    });
    const ledger = await incidentLedger(deps, SYSTEM, incident, { limit: 200 });
    expect(ledger.stages.find((s) => s.asset === MONEY)).toMatchObject({ pledged: 400.1, received: 600, held: 600 });
    expect(ledger.stages.find((s) => s.asset === TENT)).toMatchObject({ pledged: 0, received: 4, held: 4 });
    expect(ledger.accounts.items).toContainEqual({
      accountKind: 'pledged',
      accountId: 'offer-2',
      name: null,
      asset: MONEY,
      balance: 400.1,
    });
    expect(ledger.accounts.items).toContainEqual({
      accountKind: 'organization',
      accountId: owner,
      name: expect.stringContaining('仓储测试组织'),
      asset: MONEY,
      balance: 600,
    });
    expect(ledger.reconciled).toEqual({
      ok: true,
      balancesSumToZero: true,
      warehousesMatchStock: true,
      mismatches: [],
      needsMatchDeliveries: true,
      needMismatches: [],
    });
  });

  it('reads an incident’s ledger: stage totals, flows, named accounts a page at a time, reconciled; and notices a stock changed behind its back', async () => {
    const { deps } = t();
    const own = await declareIncident(deps, SYSTEM, {
      name: '台账读取演练',
      category: 'natural_disaster',
      type: '洪涝',
      level: 3,
      jurisdictions: ['410100'],
    });
    const owner = await org();
    const a = await warehouse(owner);
    const b = await warehouse(owner);
    await move(a, { kind: 'receive', item: RICE, quantity: 500, incidentId: own.id });
    await move(a, { kind: 'issue', item: RICE, quantity: 120.5, incidentId: own.id });
    await move(a, { kind: 'transfer', item: RICE, quantity: 100, toWarehouseId: b, incidentId: own.id });
    await move(b, { kind: 'write_off', item: RICE, quantity: 10, reason: '受潮', incidentId: own.id });
    // Outside the incident: counted in the warehouse's stock, not in the incident's totals.
    await move(a, { kind: 'receive', item: RICE, quantity: 7 });
    const ledger = await incidentLedger(deps, SYSTEM, own.id, { limit: 3 });
    expect(ledger.stages).toEqual([
      {
        asset: RICE,
        pledged: 0,
        received: 500,
        held: 369.5,
        allocated: 0,
        inTransit: 0,
        delivered: 120.5,
        disbursed: 0,
        returned: 0,
        writtenOff: 10,
      },
    ]);
    expect(ledger.flows).toEqual(
      expect.arrayContaining([
        { kind: 'receive', asset: RICE, amount: 500 },
        { kind: 'issue', asset: RICE, amount: 120.5 },
        { kind: 'transfer', asset: RICE, amount: 100 },
        { kind: 'write_off', asset: RICE, amount: 10 },
      ]),
    );
    expect(ledger.accounts.items.map((i) => i.accountKind)).toEqual(['issued', 'source', 'warehouse']);
    const next = await incidentLedger(deps, SYSTEM, own.id, { limit: 3, cursor: ledger.accounts.nextCursor ?? undefined });
    expect(next.accounts.items.map((i) => [i.accountKind, i.accountId, i.balance])).toEqual([
      ['warehouse', [a, b].sort()[1], [a, b].sort()[1] === a ? 279.5 : 90],
      ['written_off', b, 10],
    ]);
    expect(next.accounts.nextCursor).toBeNull();
    const all = await incidentLedger(deps, SYSTEM, own.id, { limit: 50, accountKind: 'warehouse' });
    expect(all.accounts.items.map((i) => [i.accountId, i.name, i.balance]).sort()).toEqual(
      [
        [a, (await getWarehouse(deps, SYSTEM, a)).name, 279.5],
        [b, (await getWarehouse(deps, SYSTEM, b)).name, 90],
      ].sort(),
    );
    expect(ledger.reconciled.ok).toBe(true);
    // Someone edits the stock table directly: the ledger says so.
    await sql`update inventory_stock set quantity = quantity + 1000 where warehouse_id = ${b}`.execute(deps.db);
    const broken = await incidentLedger(deps, SYSTEM, own.id, { limit: 1 });
    expect(broken.reconciled).toEqual({
      ok: false,
      balancesSumToZero: true,
      warehousesMatchStock: false,
      mismatches: [{ warehouseId: b, item: RICE, ledger: 90, stock: 91 }],
      needsMatchDeliveries: true,
      needMismatches: [],
    });
    await sql`update inventory_stock set quantity = quantity - 1000 where warehouse_id = ${b}`.execute(deps.db);
    // A closed incident takes no more movements.
    await moveIncidentStage(deps, SYSTEM, own.id, { to: 'closed', reason: '结束' });
    await expect(move(a, { kind: 'issue', item: RICE, quantity: 1, incidentId: own.id })).rejects.toMatchObject({
      code: 'archived',
      field: 'incidentId',
    });
  });

  it('records the public-fundraising qualification through the organization update, and shows it', async () => {
    const { deps } = t();
    const admin = userActor(n.users.orgAdmin);
    const id = n.orgs.zhengzhouTeam;
    expect(await getOrganization(deps, SYSTEM, id)).toMatchObject({
      publicFundraisingQualified: false,
      publicFundraisingSince: null,
    });
    await updateOrganization(deps, admin, id, { publicFundraisingQualified: true, publicFundraisingSince: '2019-03-01' });
    expect(await getOrganization(deps, SYSTEM, id)).toMatchObject({
      publicFundraisingQualified: true,
      publicFundraisingSince: '2019-03-01',
    });
    // A profile edit leaves it as it was.
    await updateOrganization(deps, admin, id, { supervisingAgency: '郑州市民政局' });
    expect(await getOrganization(deps, SYSTEM, id)).toMatchObject({
      publicFundraisingQualified: true,
      publicFundraisingSince: '2019-03-01',
    });
    await expect(updateOrganization(deps, admin, id, { publicFundraisingSince: '2999-01-01' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'publicFundraisingSince',
    });
    await expect(
      updateOrganization(deps, admin, id, { publicFundraisingQualified: false, publicFundraisingSince: '2019-03-01' }),
    ).rejects.toMatchObject({ field: 'publicFundraisingSince' });
    // Losing the qualification clears its date; the coordinator of the area may record it too.
    await updateOrganization(deps, userActor(n.users.coordHenan), id, { publicFundraisingQualified: false });
    expect(await getOrganization(deps, SYSTEM, id)).toMatchObject({
      publicFundraisingQualified: false,
      publicFundraisingSince: null,
    });
    await expect(
      updateOrganization(deps, userActor(n.users.orgMember), id, { publicFundraisingQualified: true }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      updateOrganization(deps, userActor(n.users.coordGuangdong), id, { publicFundraisingQualified: true }),
    ).rejects.toMatchObject({
      code: 'out_of_scope',
    });
  });
});

interface Step {
  kind: MovementInput['kind'];
  from: number;
  to: number;
  item: number;
  /** Whole units, or for rice halves and quarters too. */
  units: number;
  fraction: number;
}

/** Plans of 1–14 movements over 3 warehouses and 3 items, receives weighted so stock builds up. */
function movementPlans() {
  const step = fc.record<Step>({
    kind: fc.constantFrom<Step['kind']>('receive', 'receive', 'issue', 'transfer', 'adjust', 'write_off'),
    from: fc.integer({ min: 0, max: 2 }),
    to: fc.integer({ min: 0, max: 2 }),
    item: fc.integer({ min: 0, max: 2 }),
    units: fc.integer({ min: 1, max: 6 }),
    fraction: fc.constantFrom(0, 0.25, 0.5),
  });
  return fc.array(step, { minLength: 1, maxLength: 14 });
}

function inputOf(step: Step, ids: string[]): MovementInput {
  const item = ITEMS[step.item];
  const quantity = step.units + (item === RICE ? step.fraction : 0);
  switch (step.kind) {
    case 'transfer': {
      const to = step.to === step.from ? (step.from + 1) % ids.length : step.to;
      return { kind: 'transfer', item, quantity, toWarehouseId: ids[to] };
    }
    case 'adjust':
      return { kind: 'adjust', item, quantity: step.to === 0 ? quantity : -quantity, reason: '盘点' };
    case 'write_off':
      return { kind: 'write_off', item, quantity, reason: '损坏' };
    default:
      return { kind: step.kind, item, quantity };
  }
}
