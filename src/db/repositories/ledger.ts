/**
 * The ledger's tables: transactions and their entries (append-only), and the two read models
 * each posting keeps in its own transaction — balances per account, asset and incident, and
 * flows in and out of each kind of account per incident, transaction kind, asset, organization
 * and area. Amounts are integers in
 * minor units (fen, thousandths); PostgreSQL's bigint arrives as a string and is converted here.
 * The read models key "none" as '' (a unique key treats NULLs as distinct).
 */
import { sql } from 'kysely';
import { type AccountKind, GOODS_SCALE, type PostedEntry } from '../../model/ledger';

import { insertInChunks, selectInChunks } from '../bulk';
import type { Executor } from '../schema';

/** The key of "no incident" (and no organization, no area) in the read models. */
export const NONE = '';

export interface LedgerTransactionRow {
  id: string;
  incidentId: string | null;
  kind: string;
  movementId: string | null;
  offerId: string | null;
  shipmentId: string | null;
  actorId: string;
  at: string;
}

export interface BalanceRow {
  incidentId: string;
  accountKind: AccountKind;
  accountId: string;
  asset: string;
  minor: number;
}

export interface FlowRow {
  incidentId: string;
  kind: string;
  accountKind: AccountKind;
  asset: string;
  organizationId: string;
  jurisdiction: string;
  /** What the transactions added to accounts of this kind, and what they took (both ≥ 0). */
  movedIn: number;
  movedOut: number;
}

/** Writes a transaction and its entries. */
export async function insertLedgerTransaction(
  db: Executor,
  tx: LedgerTransactionRow,
  entries: readonly PostedEntry[],
): Promise<void> {
  await db
    .insertInto('ledger_transactions')
    .values({
      id: tx.id,
      incident_id: tx.incidentId,
      kind: tx.kind,
      movement_id: tx.movementId,
      offer_id: tx.offerId,
      shipment_id: tx.shipmentId,
      actor_id: tx.actorId,
      at: tx.at,
    })
    .execute();
  await insertInChunks(
    db,
    'ledger_entries',
    entries.map((e, seq) => ({
      transaction_id: tx.id,
      seq,
      account_kind: e.accountKind,
      account_id: e.accountId,
      asset: e.asset,
      amount: e.minor,
      incident_id: tx.incidentId,
      organization_id: e.organizationId,
      jurisdiction: e.jurisdiction,
    })),
  );
}

/**
 * Adds to balances (`balance += minor`), making the rows that are new. Each key once, in a
 * fixed order, so that concurrent postings lock rows in the same order and never deadlock.
 */
export async function addToBalances(db: Executor, rows: readonly BalanceRow[]): Promise<void> {
  for (const r of [...rows].sort(byKey((r) => [r.incidentId, r.accountKind, r.accountId, r.asset]))) {
    await db
      .insertInto('ledger_balances')
      .values({
        incident_id: r.incidentId,
        account_kind: r.accountKind,
        account_id: r.accountId,
        asset: r.asset,
        balance: r.minor,
      })
      .onConflict((oc) =>
        oc
          .columns(['incident_id', 'account_kind', 'account_id', 'asset'])
          .doUpdateSet((eb) => ({ balance: eb('ledger_balances.balance', '+', eb.ref('excluded.balance')) })),
      )
      .execute();
  }
}

/** One account's balance of one asset in an incident (key NONE for none), in minor units; 0 when it has none. */
export async function balanceOf(
  db: Executor,
  incidentId: string,
  account: { accountKind: AccountKind; accountId: string },
  asset: string,
): Promise<number> {
  const row = await db
    .selectFrom('ledger_balances')
    .select('balance')
    .where('incident_id', '=', incidentId)
    .where('account_kind', '=', account.accountKind)
    .where('account_id', '=', account.accountId)
    .where('asset', '=', asset)
    .executeTakeFirst();
  return Number(row?.balance ?? 0);
}

/** Adds to flows (`moved_in += …, moved_out += …`), each key once, in a fixed order. */
export async function addToFlows(db: Executor, rows: readonly FlowRow[]): Promise<void> {
  const key = (r: FlowRow) => [r.incidentId, r.kind, r.accountKind, r.asset, r.organizationId, r.jurisdiction];
  for (const r of [...rows].sort(byKey(key))) {
    await db
      .insertInto('ledger_flows')
      .values({
        incident_id: r.incidentId,
        kind: r.kind,
        account_kind: r.accountKind,
        asset: r.asset,
        organization_id: r.organizationId,
        jurisdiction: r.jurisdiction,
        moved_in: r.movedIn,
        moved_out: r.movedOut,
      })
      .onConflict((oc) =>
        oc.columns(['incident_id', 'kind', 'account_kind', 'asset', 'organization_id', 'jurisdiction']).doUpdateSet((eb) => ({
          moved_in: eb('ledger_flows.moved_in', '+', eb.ref('excluded.moved_in')),
          moved_out: eb('ledger_flows.moved_out', '+', eb.ref('excluded.moved_out')),
        })),
      )
      .execute();
  }
}

function byKey<T>(key: (row: T) => string[]): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  };
}

/**
 * An incident's flows summed per kind of transaction, kind of account and asset: a few hundred
 * rows however many accounts and entries there are. Each kind of account's balance is what came
 * in less what left; each kind of transaction moved what it brought in.
 */
export async function flowSummary(
  db: Executor,
  incidentId: string,
): Promise<{ kind: string; accountKind: AccountKind; asset: string; movedIn: number; movedOut: number }[]> {
  const rows = await db
    .selectFrom('ledger_flows')
    .select([
      'kind',
      'account_kind',
      'asset',
      (eb) => eb.fn.sum<number | string>('moved_in').as('moved_in'),
      (eb) => eb.fn.sum<number | string>('moved_out').as('moved_out'),
    ])
    .where('incident_id', '=', incidentId)
    .groupBy(['kind', 'account_kind', 'asset'])
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    accountKind: r.account_kind as AccountKind,
    asset: r.asset,
    movedIn: Number(r.moved_in),
    movedOut: Number(r.moved_out),
  }));
}

/**
 * A page of an incident's balances by account kind, id and asset, read one beyond the limit.
 * No total: counting hundreds of thousands of accounts would cost more than the page.
 */
export async function balancesOfIncident(
  db: Executor,
  incidentId: string,
  options: { accountKind?: AccountKind; limit: number; after?: [string, string, string] },
): Promise<BalanceRow[]> {
  let q = db.selectFrom('ledger_balances').where('incident_id', '=', incidentId);
  if (options.accountKind) q = q.where('account_kind', '=', options.accountKind);
  const after = options.after;
  if (after) {
    q = q.where(
      sql<boolean>`(${sql.ref('account_kind')}, ${sql.ref('account_id')}, ${sql.ref('asset')}) > (${after[0]}, ${after[1]}, ${after[2]})`,
    );
  }
  const rows = await q.selectAll().orderBy('account_kind').orderBy('account_id').orderBy('asset').limit(options.limit).execute();
  return rows.map((r) => ({
    incidentId: r.incident_id,
    accountKind: r.account_kind as AccountKind,
    accountId: r.account_id,
    asset: r.asset,
    minor: Number(r.balance),
  }));
}

/** An incident's flows by kind of transaction and of account, asset, organization and area (the transparency page's figures). */
export async function flowsOfIncident(db: Executor, incidentId: string): Promise<FlowRow[]> {
  const rows = await db.selectFrom('ledger_flows').selectAll().where('incident_id', '=', incidentId).execute();
  return rows.map((r) => ({
    incidentId: r.incident_id,
    kind: r.kind,
    accountKind: r.account_kind as AccountKind,
    asset: r.asset,
    organizationId: r.organization_id,
    jurisdiction: r.jurisdiction,
    movedIn: Number(r.moved_in),
    movedOut: Number(r.moved_out),
  }));
}

/**
 * The stock lines of the warehouses an incident's ledger touches whose warehouse balance (over
 * every incident, and none) differs from the stock table, in one statement: the lines where
 * the ledger has a balance, then the lines in stock that the ledger has never seen.
 */
export async function warehouseMismatches(
  db: Executor,
  incidentId: string,
): Promise<{ warehouseId: string; item: string; ledger: number; stock: number }[]> {
  const rows = await sql<{ warehouse_id: string; item: string; ledger: number | string; stock: number | string }>`
    with touched as (
      select distinct account_id as id from ledger_balances where incident_id = ${incidentId} and account_kind = 'warehouse'
    ), held as (
      select account_id as warehouse_id, asset as item, sum(balance) as total from ledger_balances
      where account_kind = 'warehouse' and account_id in (select id from touched)
      group by account_id, asset
    )
    select held.warehouse_id, held.item, held.total as ledger, coalesce(s.quantity, 0) as stock
    from held left join inventory_stock s on s.warehouse_id = held.warehouse_id and s.item = held.item
    where held.total <> coalesce(s.quantity, 0)
    union all
    select s.warehouse_id, s.item, 0 as ledger, s.quantity as stock
    from inventory_stock s
    where s.warehouse_id in (select id from touched) and s.quantity <> 0
      and not exists (select 1 from held where held.warehouse_id = s.warehouse_id and held.item = s.item)`.execute(db);
  return rows.rows.map((r) => ({ warehouseId: r.warehouse_id, item: r.item, ledger: Number(r.ledger), stock: Number(r.stock) }));
}

/** The warehouse balances of some warehouses over every incident (and none), per warehouse and asset. */
export async function warehouseBalances(
  db: Executor,
  warehouseIds: readonly string[],
): Promise<{ warehouseId: string; asset: string; minor: number }[]> {
  const rows = await selectInChunks([...new Set(warehouseIds)], (chunk) =>
    db
      .selectFrom('ledger_balances')
      .select(['account_id', 'asset', (eb) => eb.fn.sum<number | string>('balance').as('total')])
      .where('account_kind', '=', 'warehouse')
      .where('account_id', 'in', chunk)
      .groupBy(['account_id', 'asset'])
      .execute(),
  );
  return rows.map((r) => ({ warehouseId: r.account_id, asset: r.asset, minor: Number(r.total) }));
}

/** Whether an organization has moved anything in an incident's ledger (its warehouses, its money). */
export async function organizationInLedger(db: Executor, incidentId: string, organizationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('ledger_flows')
    .select('kind')
    .where('incident_id', '=', incidentId)
    .where('organization_id', '=', organizationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Transactions whose entries do not sum to zero for some asset (none, unless something bypassed the posting path). */
export async function unbalancedTransactions(
  db: Executor,
  incidentId?: string,
): Promise<{ transactionId: string; asset: string }[]> {
  let q = db
    .selectFrom('ledger_entries')
    .select(['transaction_id', 'asset'])
    .groupBy(['transaction_id', 'asset'])
    .having((eb) => eb.fn.sum('amount'), '<>', 0);
  if (incidentId !== undefined) q = q.where('incident_id', '=', incidentId);
  const rows = await q.execute();
  return rows.map((r) => ({ transactionId: r.transaction_id, asset: r.asset }));
}

/** The balances computed again from the entries, per account and asset over all incidents: to check the read model. */
export async function balancesFromEntries(
  db: Executor,
): Promise<{ accountKind: string; accountId: string; asset: string; minor: number }[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['account_kind', 'account_id', 'asset', (eb) => eb.fn.sum<number | string>('amount').as('total')])
    .groupBy(['account_kind', 'account_id', 'asset'])
    .execute();
  return rows.map((r) => ({ accountKind: r.account_kind, accountId: r.account_id, asset: r.asset, minor: Number(r.total) }));
}

/** Whether an organization takes part in an incident: it moved goods or money in its ledger, deployed a team to it, or claimed one of its needs. */
export async function takesPartIn(db: Executor, incidentId: string, organizationId: string): Promise<boolean> {
  if (await organizationInLedger(db, incidentId, organizationId)) return true;
  const deployed = await db
    .selectFrom('deployments')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('organization_id', '=', organizationId)
    .limit(1)
    .executeTakeFirst();
  if (deployed) return true;
  const claimed = await db
    .selectFrom('need_claims')
    .innerJoin('needs', 'needs.id', 'need_claims.need_id')
    .select('need_claims.id')
    .where('needs.incident_id', '=', incidentId)
    .where('need_claims.organization_id', '=', organizationId)
    .limit(1)
    .executeTakeFirst();
  return claimed !== undefined;
}

/** A move of one account's balance of one asset, with the transaction that made it. */
export interface AccountMove {
  transactionId: string;
  kind: string;
  offerId: string | null;
  shipmentId: string | null;
  at: string;
  /** Minor units, signed: positive into the account. */
  minor: number;
}

/** Every move of an account's balance of an asset (in one incident when given), in the order posted. */
export async function movesOfAccount(
  db: Executor,
  accountKind: AccountKind,
  accountId: string,
  asset: string,
  incidentId?: string,
): Promise<AccountMove[]> {
  let q = db
    .selectFrom('ledger_entries')
    .innerJoin('ledger_transactions', 'ledger_transactions.id', 'ledger_entries.transaction_id')
    .select([
      'ledger_transactions.id as transactionId',
      'ledger_transactions.kind as kind',
      'ledger_transactions.offer_id as offerId',
      'ledger_transactions.shipment_id as shipmentId',
      'ledger_transactions.at as at',
      'ledger_entries.amount as amount',
    ])
    .where('ledger_entries.account_kind', '=', accountKind)
    .where('ledger_entries.account_id', '=', accountId)
    .where('ledger_entries.asset', '=', asset);
  // An organization's money is held per incident; a warehouse's stock over all of them.
  if (incidentId !== undefined) q = q.where('ledger_entries.incident_id', '=', incidentId);
  const rows = await q
    .orderBy('ledger_transactions.at')
    .orderBy('ledger_transactions.id')
    .orderBy('ledger_entries.seq')
    .execute();
  return rows.map((r) => ({ ...r, minor: Number(r.amount) }));
}

/** The receiving sides of the transactions that name an offer, oldest first: where its goods or money went. */
export async function transactionsOfOffer(
  db: Executor,
  offerId: string,
): Promise<(AccountMove & { accountKind: AccountKind; accountId: string })[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .innerJoin('ledger_transactions', 'ledger_transactions.id', 'ledger_entries.transaction_id')
    .select([
      'ledger_transactions.id as transactionId',
      'ledger_transactions.kind as kind',
      'ledger_transactions.offer_id as offerId',
      'ledger_transactions.shipment_id as shipmentId',
      'ledger_transactions.at as at',
      'ledger_entries.amount as amount',
      'ledger_entries.account_kind as accountKind',
      'ledger_entries.account_id as accountId',
    ])
    .where('ledger_transactions.offer_id', '=', offerId)
    .where('ledger_entries.amount', '>', 0)
    .orderBy('ledger_transactions.at')
    .orderBy('ledger_transactions.id')
    .execute();
  return rows.map(({ amount, accountKind, ...r }) => ({ ...r, accountKind: accountKind as AccountKind, minor: Number(amount) }));
}

/**
 * The incident's needs for goods whose fulfilled quantity differs from what the ledger delivered
 * to them (minor units), in one statement: each need against its `need` account in its item,
 * then `need` balances that no need of that item counts.
 */
export async function needMismatches(
  db: Executor,
  incidentId: string,
): Promise<{ needId: string; item: string; ledgerMinor: number; fulfilled: number }[]> {
  const rows = await sql<{ need_id: string; item: string; ledger: number | string; fulfilled: number | string }>`
    select n.id as need_id, n.item, coalesce(b.balance, 0) as ledger, n.fulfilled_quantity as fulfilled
    from needs n
    left join ledger_balances b
      on b.incident_id = n.incident_id and b.account_kind = 'need' and b.account_id = n.id and b.asset = n.item
    where n.incident_id = ${incidentId} and n.item is not null
      and coalesce(b.balance, 0) <> round(n.fulfilled_quantity * ${GOODS_SCALE})
    union all
    select b.account_id as need_id, b.asset as item, b.balance as ledger, 0 as fulfilled
    from ledger_balances b
    where b.incident_id = ${incidentId} and b.account_kind = 'need' and b.balance <> 0
      and not exists (select 1 from needs n where n.id = b.account_id and n.item = b.asset)`.execute(db);
  return rows.rows.map((r) => ({
    needId: r.need_id,
    item: r.item,
    ledgerMinor: Number(r.ledger),
    fulfilled: Number(r.fulfilled),
  }));
}
