/**
 * An incident's ledger: totals by stage per asset, what each kind of transaction moved, the
 * balances account by account (a page at a time), and whether it reconciles. Read from the
 * balances and flows the postings keep, so its cost does not grow with the number of entries.
 * Accounts are named by kind and id, and by name only where they are a warehouse or an
 * organization: a donor's account is an offer id, never a person's name or phone.
 */
import { findIncident } from '../../db/repositories/incidents';
import {
  type BalanceRow,
  balancesByKind,
  balancesOfIncident,
  flowTotals,
  goodsNeedsFulfilled,
  needBalances,
  takesPartIn,
  warehouseBalances,
  warehousesInIncident,
} from '../../db/repositories/ledger';
import { findOrganizations } from '../../db/repositories/organizations';
import { findWarehouses, stockOf } from '../../db/repositories/warehouses';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { type AccountKind, fromMinor, LEDGER_STAGES, type LedgerStage, stageTotals, sumsByAsset } from '../../model/ledger';
import type { Actor, Deps } from '../context';
import { decodeCursor, encodeCursor } from '../pagination';
import { ledgerReader } from '../policy';

export type StageTotals = { asset: string } & Record<LedgerStage, number>;

export interface AccountBalance {
  accountKind: AccountKind;
  accountId: string;
  /** The warehouse's or organization's name; null for offers, shipments and needs. */
  name: string | null;
  asset: string;
  /** In yuan for money, in the item's unit for goods. */
  balance: number;
}

export interface Reconciliation {
  /** Every check holds. */
  ok: boolean;
  /** The incident's balances sum to zero for each asset (each transaction does, so all together must). */
  balancesSumToZero: boolean;
  /** Each warehouse's balance (over all incidents) equals its stock, item by item. */
  warehousesMatchStock: boolean;
  mismatches: { warehouseId: string; item: string; ledger: number; stock: number }[];
  /** Each need for goods has been delivered, by the ledger, exactly what it counts fulfilled. */
  needsMatchDeliveries: boolean;
  needMismatches: { needId: string; item: string; ledger: number; fulfilled: number }[];
}

export interface IncidentLedger {
  incidentId: string;
  stages: StageTotals[];
  flows: { kind: string; asset: string; amount: number }[];
  accounts: { items: AccountBalance[]; total: number; nextCursor: string | null };
  reconciled: Reconciliation;
}

const WAREHOUSE_KEYED: ReadonlySet<AccountKind> = new Set(['warehouse', 'issued', 'written_off', 'adjustment']);
const ORGANIZATION_KEYED: ReadonlySet<AccountKind> = new Set(['source', 'organization', 'disbursed']);

async function assertMayRead(db: Executor, actor: Actor, incidentId: string): Promise<void> {
  const incident = await findIncident(db, incidentId);
  if (!incident) throw new AppError('not_found');
  const reader = ledgerReader(actor, incident.jurisdictions);
  if (reader === 'all' || (await takesPartIn(db, incidentId, reader.organizationId))) return;
  throw new AppError('out_of_scope', { detail: 'the organization takes no part in this incident' });
}

async function named(db: Executor, rows: readonly BalanceRow[]): Promise<AccountBalance[]> {
  const warehouses = await findWarehouses(
    db,
    rows.filter((r) => WAREHOUSE_KEYED.has(r.accountKind)).map((r) => r.accountId),
  );
  const organizations = await findOrganizations(
    db,
    rows.filter((r) => ORGANIZATION_KEYED.has(r.accountKind)).map((r) => r.accountId),
  );
  return rows.map((r) => ({
    accountKind: r.accountKind,
    accountId: r.accountId,
    name: (WAREHOUSE_KEYED.has(r.accountKind) ? warehouses : organizations).get(r.accountId)?.name ?? null,
    asset: r.asset,
    balance: fromMinor(r.asset, r.minor),
  }));
}

/** The incident's needs for goods against what the ledger delivered to them. */
async function needsAgainstDeliveries(db: Executor, incidentId: string): Promise<Reconciliation['needMismatches']> {
  const [needs, delivered] = await Promise.all([goodsNeedsFulfilled(db, incidentId), needBalances(db, incidentId)]);
  const ledger = new Map(delivered.map((b) => [b.accountId, b]));
  const out: Reconciliation['needMismatches'] = [];
  for (const need of needs) {
    const balance = ledger.get(need.id);
    const inLedger = balance && balance.asset === need.item ? fromMinor(need.item, balance.minor) : 0;
    if (inLedger !== need.fulfilled) out.push({ needId: need.id, item: need.item, ledger: inLedger, fulfilled: need.fulfilled });
  }
  return out;
}

/** The incident's warehouses against the stock table, and its balances summed per asset. */
async function reconcile(db: Executor, incidentId: string, byKind: { asset: string; minor: number }[]): Promise<Reconciliation> {
  const balancesSumToZero = [...sumsByAsset(byKind).values()].every((sum) => sum === 0);
  const warehouses = await warehousesInIncident(db, incidentId);
  const ledger = new Map((await warehouseBalances(db, warehouses)).map((b) => [`${b.warehouseId}\u001f${b.asset}`, b.minor]));
  const stock = new Map((await stockOf(db, warehouses)).map((l) => [`${l.warehouseId}\u001f${l.item}`, l.quantityMinor]));
  const mismatches: Reconciliation['mismatches'] = [];
  for (const key of new Set([...ledger.keys(), ...stock.keys()])) {
    const inLedger = ledger.get(key) ?? 0;
    const inStock = stock.get(key) ?? 0;
    if (inLedger === inStock) continue;
    const [warehouseId, item] = key.split('\u001f');
    mismatches.push({ warehouseId, item, ledger: fromMinor(item, inLedger), stock: fromMinor(item, inStock) });
  }
  const needMismatches = await needsAgainstDeliveries(db, incidentId);
  return {
    ok: balancesSumToZero && mismatches.length === 0 && needMismatches.length === 0,
    balancesSumToZero,
    warehousesMatchStock: mismatches.length === 0,
    mismatches,
    needsMatchDeliveries: needMismatches.length === 0,
    needMismatches,
  };
}

/** The stage totals of each asset, in whole units. */
function stagesOf(
  byKind: { accountKind: AccountKind; asset: string; minor: number }[],
  flows: { kind: string; asset: string; minor: number }[],
): StageTotals[] {
  const assets = [...new Set([...byKind.map((b) => b.asset), ...flows.map((f) => f.asset)])].sort();
  return assets.map((asset) => {
    const kinds = new Map<AccountKind, number>();
    for (const b of byKind) if (b.asset === asset) kinds.set(b.accountKind, (kinds.get(b.accountKind) ?? 0) + b.minor);
    const received = flows.filter((f) => f.asset === asset && f.kind === 'receive').reduce((sum, f) => sum + f.minor, 0);
    const totals = stageTotals(kinds, received);
    return {
      asset,
      ...Object.fromEntries(LEDGER_STAGES.map((stage) => [stage, fromMinor(asset, totals[stage])])),
    } as StageTotals;
  });
}

export async function incidentLedger(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  options: { accountKind?: AccountKind; limit: number; cursor?: string },
): Promise<IncidentLedger> {
  const { db } = deps;
  await assertMayRead(db, actor, incidentId);
  const after = options.cursor ? (decodeCursor(options.cursor, 3).map(String) as [string, string, string]) : undefined;
  const [byKind, flows, page] = await Promise.all([
    balancesByKind(db, incidentId),
    flowTotals(db, incidentId),
    balancesOfIncident(db, incidentId, { accountKind: options.accountKind, limit: options.limit + 1, after }),
  ]);
  const rows = page.items.slice(0, options.limit);
  const last = rows[rows.length - 1];
  return {
    incidentId,
    stages: stagesOf(byKind, flows),
    flows: flows.map((f) => ({ kind: f.kind, asset: f.asset, amount: fromMinor(f.asset, f.minor) })),
    accounts: {
      items: await named(db, rows),
      total: page.total,
      nextCursor: page.items.length > options.limit && last ? encodeCursor([last.accountKind, last.accountId, last.asset]) : null,
    },
    reconciled: await reconcile(db, incidentId, byKind),
  };
}
