/**
 * The incident ledger's read (GET /incidents/{id}/ledger's service: totals by stage, flows, the
 * first page of balances, the reconciliation) over an incident with 1,000,000 ledger entries,
 * against the baseline of a plain count(*) of the incident's entries in the same run.
 * ratio = count p95 / ledger p95 (higher is better); target p95 ≤ 100 ms.
 *
 * The entries are written in bulk — 100,000 offers pledged and mostly received (goods into 200
 * warehouses, money to organizations), 80,000 shipments allocated, dispatched and mostly
 * delivered to 5,000 needs of their item, then issues up to the million — from a simulation that never takes more than a
 * warehouse holds;
 * the balances, flows and stock are then computed from them in bulk, as the postings would
 * have kept them. Then a few hundred movements go through the real posting path, and the
 * ledger must still reconcile.
 */
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { insertInChunks } from '../src/db/bulk';
import type { LedgerEntriesTable, LedgerTransactionsTable } from '../src/db/schema';
import { newId } from '../src/model/ids';
import type { MovementInput } from '../src/model/inventory';
import { catalogueItem, ITEMS } from '../src/model/items';
import { MONEY, toMinor } from '../src/model/ledger';
import type { Actor, Deps } from '../src/services/context';
import { declareIncident } from '../src/services/incidents/manage-incidents';
import { createWarehouse } from '../src/services/inventory/create-warehouse';
import { recordMovement } from '../src/services/inventory/record-movement';
import { incidentLedger } from '../src/services/ledger/read-ledger';
import { createOrganization } from '../src/services/organizations/create-organization';
import { type BenchContext, percentile, summary, timeEach } from './harness';
import { seeded } from './seed';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const INCIDENT_NAME = '基准台账事件';
const WAREHOUSES = 200;
const ORGANIZATIONS = 40;
const READS = 200;

type Row = { tx: LedgerTransactionsTable; entries: LedgerEntriesTable[] };

export default async function ledgerBench({ database, log }: BenchContext): Promise<string> {
  const { db } = database;
  const deps: Deps = { db, dialect: database.dialect, now: () => new Date(), auditKey: Buffer.alloc(32), dataDir: tmpdir() };
  const system: Actor = { kind: 'system', label: 'bench' };
  const existing = await db.selectFrom('incidents').select('id').where('name', '=', INCIDENT_NAME).executeTakeFirst();
  const incidentId =
    existing?.id ??
    (
      await declareIncident(deps, system, {
        name: INCIDENT_NAME,
        category: 'natural_disaster',
        type: '洪涝',
        level: 1,
        jurisdictions: ['410000'],
      })
    ).id;
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('incident_id', '=', incidentId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  if ((await count()) < ENTRIES) {
    const started = Date.now();
    await seedLedger(deps, system, incidentId, log);
    log(`seeded ${await count()} entries in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const entries = await count();
  const warehouses = (
    await db
      .selectFrom('warehouses')
      .select(['id', 'organization_id'])
      .where('name', 'like', '基准仓库%')
      .orderBy('name')
      .execute()
  ).map((w) => w.id);

  // The real posting path on top of the bulk data: receipts, issues and transfers, outside the
  // incident (its entries stay as seeded) but in its warehouses, whose stock must still match.
  const random = seeded(13);
  const posting = Date.now();
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  for (let i = 0; i < 300; i++) {
    const from = pick(warehouses);
    const item = pick(ITEMS).code;
    const kind = (['receive', 'issue', 'transfer'] as const)[i % 3];
    const input: MovementInput =
      kind === 'transfer'
        ? { kind, item, quantity: 1, toWarehouseId: warehouses[(warehouses.indexOf(from) + 1) % warehouses.length] }
        : { kind, item, quantity: 1 };
    await recordMovement(deps, system, from, input).catch((error: { code?: string }) => {
      if (error.code !== 'insufficient_stock') throw error;
    });
  }
  log(`300 movements through the posting path in ${((Date.now() - posting) / 1000).toFixed(1)} s`);

  const first = await incidentLedger(deps, system, incidentId, { limit: 50 });
  const balances = Number(
    (
      await db
        .selectFrom('ledger_balances')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('incident_id', '=', incidentId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  log(
    `ledger: ${balances} balances, ${first.stages.length} assets, reconciled=${first.reconciled.ok} (sum zero ${first.reconciled.balancesSumToZero}, warehouses = stock ${first.reconciled.warehousesMatchStock}, needs = deliveries ${first.reconciled.needsMatchDeliveries})`,
  );
  if (!first.reconciled.ok)
    throw new Error(`the ledger does not reconcile: ${JSON.stringify(first.reconciled.mismatches.slice(0, 5))}`);
  const reads = Array.from({ length: READS }, (_, i) => i);
  const ledger = await timeEach(reads, () => incidentLedger(deps, system, incidentId, { limit: 50 }));
  const counts = await timeEach(reads, count);
  const p95 = percentile(ledger, 95);
  const countP95 = percentile(counts, 95);
  return summary('ledger', countP95 / p95, {
    p95_ms: p95,
    count_p95_ms: countP95,
    entries,
    dialect: database.dialect,
    p50_ms: percentile(ledger, 50),
    target_p95_ms: 100,
    balances,
  });
}

/** Writes the incident's ledger in bulk, then its balances, flows and the warehouses' stock from it. */
async function seedLedger(deps: Deps, system: Actor, incidentId: string, log: (m: string) => void): Promise<void> {
  const { db } = deps;
  const random = seeded(2021_07_20);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  log(`seeding ${ENTRIES} ledger entries on ${deps.dialect}…`);
  const counties = ['410102', '410103', '410104', '410105', '410106', '410108', '410122', '410181', '410182', '410183'];
  const organizations: { id: string; jurisdiction: string }[] = [];
  for (let i = 0; i < ORGANIZATIONS; i++) {
    const jurisdiction = counties[i % counties.length];
    const org = await createOrganization(deps, system, {
      kind: 'social_organization',
      name: `基准台账组织${i}`,
      jurisdictions: [jurisdiction],
    });
    organizations.push({ id: org.id, jurisdiction });
  }
  const warehouses: { id: string; organizationId: string; jurisdiction: string }[] = [];
  for (let i = 0; i < WAREHOUSES; i++) {
    const owner = organizations[i % ORGANIZATIONS];
    const name = `基准仓库${String(i).padStart(3, '0')}`;
    const w = await createWarehouse(deps, system, {
      name,
      organizationId: owner.id,
      jurisdiction: owner.jurisdiction,
      lat: 34.7,
      lon: 113.6,
    });
    warehouses.push({ id: w.id, organizationId: owner.id, jurisdiction: owner.jurisdiction });
  }
  const at = new Date().toISOString();
  const entry = (
    txId: string,
    seq: number,
    accountKind: string,
    accountId: string,
    asset: string,
    amount: number,
    place: { organizationId: string; jurisdiction: string } | null,
  ): LedgerEntriesTable => ({
    transaction_id: txId,
    seq,
    account_kind: accountKind,
    account_id: accountId,
    asset,
    amount: toMinor(asset, amount),
    incident_id: incidentId,
    organization_id: place?.organizationId ?? null,
    jurisdiction: place?.jurisdiction ?? null,
  });
  /** A two-entry transaction moving `amount` of `asset` from one account to another. */
  const move = (
    kind: string,
    refs: { offerId?: string; shipmentId?: string },
    asset: string,
    amount: number,
    from: [string, string, { organizationId: string; jurisdiction: string } | null],
    to: [string, string, { organizationId: string; jurisdiction: string } | null],
  ): Row => {
    const id = newId();
    return {
      tx: {
        id,
        incident_id: incidentId,
        kind,
        movement_id: null,
        offer_id: refs.offerId ?? null,
        shipment_id: refs.shipmentId ?? null,
        actor_id: 'system:bench',
        at,
      },
      entries: [entry(id, 0, from[0], from[1], asset, -amount, from[2]), entry(id, 1, to[0], to[1], asset, amount, to[2])],
    };
  };

  let batch: Row[] = [];
  let written = 0;
  const flush = async (force = false) => {
    if (!force && batch.length < 5000) return;
    const rows = batch;
    batch = [];
    await db.transaction().execute(async (trx) => {
      await insertInChunks(
        trx,
        'ledger_transactions',
        rows.map((r) => r.tx),
      );
      await insertInChunks(
        trx,
        'ledger_entries',
        rows.flatMap((r) => r.entries),
      );
    });
    written += rows.length * 2;
    if (written % 100_000 < rows.length * 2) log(`  ${written} entries`);
  };
  let generated = 0;
  const add = async (row: Row) => {
    batch.push(row);
    generated += row.entries.length;
    await flush();
  };

  // What each warehouse holds of each item, so that nothing takes more than is there.
  const held = new Map<string, number>();
  const heldKeys: string[] = [];
  const hold = (w: number, item: string, delta: number) => {
    const key = `${w}|${item}`;
    const now = held.get(key);
    if (now === undefined) heldKeys.push(key);
    held.set(key, (now ?? 0) + delta);
  };
  const scale = ENTRIES / 1_000_000;
  const offers = Math.round(100_000 * scale);
  const shipments = Math.round(80_000 * scale);
  const goods = ITEMS.filter((i) => !i.divisible);

  for (let o = 0; o < offers; o++) {
    const offerId = newId();
    if (random() < 0.2) {
      const amount = Math.round(10_000 + random() * 1_000_000) / 100;
      const org = pick(organizations);
      const place = { organizationId: org.id, jurisdiction: org.jurisdiction };
      await add(move('pledge', { offerId }, MONEY, amount, ['donor', offerId, null], ['pledged', offerId, null]));
      // Most money arrives; some pledges are still outstanding (pledged again, as a second instalment).
      if (random() < 0.9)
        await add(move('receive', { offerId }, MONEY, amount, ['pledged', offerId, place], ['organization', org.id, place]));
      else await add(move('pledge', { offerId }, MONEY, amount, ['donor', offerId, null], ['pledged', offerId, null]));
      continue;
    }
    const item = pick(goods).code;
    const quantity = 10 + Math.floor(random() * 490);
    const w = Math.floor(random() * WAREHOUSES);
    const place = warehouses[w];
    await add(move('pledge', { offerId }, item, quantity, ['donor', offerId, null], ['pledged', offerId, null]));
    await add(move('receive', { offerId }, item, quantity, ['pledged', offerId, place], ['warehouse', place.id, place]));
    hold(w, item, quantity);
  }
  const takeSome = (max: number): { w: number; item: string; quantity: number } => {
    for (;;) {
      const key = pick(heldKeys);
      const have = held.get(key) ?? 0;
      if (have < 1) continue;
      const [w, item] = key.split('|');
      const quantity = Math.min(have, 1 + Math.floor(random() * max));
      hold(Number(w), item, -quantity);
      return { w: Number(w), item, quantity };
    }
  };
  // The incident's needs for goods, each asking for one item: shipments are delivered to a need of their item.
  const needsPerItem = Math.ceil(5000 / goods.length);
  const needIds = new Map(goods.map((g) => [g.code, Array.from({ length: needsPerItem }, () => newId())]));
  const delivered = new Map<string, { item: string; quantity: number }>();
  for (let s = 0; s < shipments; s++) {
    const shipmentId = newId();
    const { w, item, quantity } = takeSome(50);
    const place = warehouses[w];
    await add(move('allocate', { shipmentId }, item, quantity, ['warehouse', place.id, place], ['allocated', shipmentId, place]));
    await add(
      move('dispatch', { shipmentId }, item, quantity, ['allocated', shipmentId, place], ['in_transit', shipmentId, place]),
    );
    // Most arrive; a tenth are still on the way.
    if (random() < 0.9) {
      const needId = pick(needIds.get(item) as string[]);
      const need = delivered.get(needId) ?? { item, quantity: 0 };
      need.quantity += quantity;
      delivered.set(needId, need);
      await add(move('deliver', { shipmentId }, item, quantity, ['in_transit', shipmentId, place], ['need', needId, place]));
    }
  }
  // Handed out directly from the warehouses, up to the number of entries asked for.
  while (generated < ENTRIES) {
    const { w, item, quantity } = takeSome(20);
    const place = warehouses[w];
    await add(move('issue', {}, item, quantity, ['warehouse', place.id, place], ['issued', place.id, place]));
  }
  await flush(true);
  // The needs count fulfilled what was delivered to them (the reconciliation compares the two).
  const place = organizations[0];
  const needRows = [...needIds.entries()].flatMap(([item, ids]) =>
    ids.map((id) => {
      const fulfilled = delivered.get(id)?.quantity ?? 0;
      return {
        id,
        incident_id: incidentId,
        title: `基准物资需求 ${id.slice(0, 6)}`,
        kind: 'agent_generated',
        category: 'food',
        quantity: fulfilled + 10,
        unit: catalogueItem(item).unitZh,
        jurisdiction: place.jurisdiction,
        location_needed: 0,
        urgency: 'medium',
        vulnerable_groups: '[]',
        source: 'coordinator',
        verification_level: 'unverified',
        status: 'in_progress',
        claimed_quantity: 0,
        fulfilled_quantity: fulfilled,
        item,
        created_by: 'system:bench',
        created_at: at,
        updated_at: at,
      };
    }),
  );
  await insertInChunks(db, 'needs', needRows);

  log('computing balances, flows and stock from the entries…');
  await sql`
    insert into ledger_balances (incident_id, account_kind, account_id, asset, balance)
    select ${incidentId}, account_kind, account_id, asset, sum(amount)
    from ledger_entries where incident_id = ${incidentId}
    group by account_kind, account_id, asset`.execute(db);
  await sql`
    insert into ledger_flows (incident_id, kind, account_kind, asset, organization_id, jurisdiction, moved_in, moved_out)
    select ${incidentId}, t.kind, e.account_kind, e.asset, coalesce(e.organization_id, ''), coalesce(e.jurisdiction, ''),
      sum(case when e.amount > 0 then e.amount else 0 end), sum(case when e.amount < 0 then -e.amount else 0 end)
    from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
    where e.incident_id = ${incidentId}
    group by t.kind, e.account_kind, e.asset, coalesce(e.organization_id, ''), coalesce(e.jurisdiction, '')`.execute(db);
  await sql`
    insert into inventory_stock (warehouse_id, item, quantity, updated_at)
    select account_id, asset, sum(balance), ${at}
    from ledger_balances where incident_id = ${incidentId} and account_kind = 'warehouse'
    group by account_id, asset`.execute(db);
  // As autovacuum would after a load: statistics, and the visibility map that lets index-only scans skip the table.
  if (deps.dialect === 'postgres') await sql`vacuum analyze`.execute(db);
}
