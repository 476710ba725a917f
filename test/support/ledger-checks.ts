/** Checks of the ledger's invariants on a real database, shared by the inventory and resources tests. */
import { expect } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database';
import { balancesFromEntries, unbalancedTransactions, warehouseBalances } from '../../src/db/repositories/ledger';
import { stockOf } from '../../src/db/repositories/warehouses';
import type { Deps } from '../../src/services/context';
import type { TestDatabase } from './databases';

/** Each warehouse's ledger balance over every incident against its stock, item by item. */
export async function reconciliationOf(db: Deps['db'], warehouseIds: string[]) {
  const ledger = Object.fromEntries(
    (await warehouseBalances(db, warehouseIds)).map((b) => [`${b.warehouseId} ${b.asset}`, b.minor]),
  );
  const stock = Object.fromEntries((await stockOf(db, warehouseIds)).map((l) => [`${l.warehouseId} ${l.item}`, l.quantityMinor]));
  const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));
  return { ledger: nonZero(ledger), stock: nonZero(stock) };
}

/** The whole ledger's invariants: every transaction balances, the balances table is the entries summed, no stock below zero. */
export async function expectLedgerSound(db: Deps['db']) {
  expect(await unbalancedTransactions(db)).toEqual([]);
  const fromEntries = (await balancesFromEntries(db)).filter((b) => b.minor !== 0);
  const kept = await db
    .selectFrom('ledger_balances')
    .select(['account_kind', 'account_id', 'asset', (eb) => eb.fn.sum<number | string>('balance').as('total')])
    .groupBy(['account_kind', 'account_id', 'asset'])
    .execute();
  const key = (k: string, id: string, a: string) => `${k}|${id}|${a}`;
  expect(
    Object.fromEntries(
      kept.filter((r) => Number(r.total) !== 0).map((r) => [key(r.account_kind, r.account_id, r.asset), Number(r.total)]),
    ),
  ).toEqual(Object.fromEntries(fromEntries.map((b) => [key(b.accountKind, b.accountId, b.asset), b.minor])));
  const negative = await db.selectFrom('inventory_stock').select('warehouse_id').where('quantity', '<', 0).execute();
  expect(negative).toEqual([]);
}

/**
 * Where concurrent calls run: on PostgreSQL a pool of that many connections; on SQLite the one
 * connection (better-sqlite3 waits for a locked file synchronously, so a second handle in the
 * same process would stall the first), which the calls share as a server's requests do.
 */
export function concurrentConnections(
  test: TestDatabase,
  dialect: 'sqlite' | 'postgres',
  count: number,
): { deps: Deps; close: () => Promise<void> } {
  const { deps, env } = test;
  if (dialect === 'sqlite') return { deps, close: async () => undefined };
  const pool: Database = openDatabase({ url: env.DATABASE_URL, poolSize: count });
  return { deps: { ...deps, db: pool.db }, close: () => pool.close() };
}
