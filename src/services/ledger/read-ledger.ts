/**
 * An incident's ledger: totals by stage per asset, what each kind of transaction moved, the
 * balances account by account (a page at a time), and whether it reconciles. Read from the
 * balances and flows the postings keep, so its cost does not grow with the number of entries:
 * the totals come from the flows (a few rows per kind of account, however many accounts).
 * Accounts are named by kind and id, and by name only where they are a warehouse or an
 * organization: a donor's account is an offer id, never a person's name or phone.
 */
import { findIncident } from '../../db/repositories/incidents';
import {
  type BalanceRow,
  balancesOfIncident,
  flowSummary,
  needMismatches,
  takesPartIn,
  warehouseMismatches,
} from '../../db/repositories/ledger';
import { findOrganizations } from '../../db/repositories/organizations';
import { findWarehouses } from '../../db/repositories/warehouses';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { type AccountKind, fromMinor, LEDGER_STAGES, type LedgerStage, stageTotals, sumsByAsset } from '../../model/ledger';
import type { Actor, Deps } from '../context';
import { type UnqualifiedFundraising, unqualifiedFundraising } from '../money/flag-fundraising';
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
  /** A page of the balances by account kind, id and asset; the next page from nextCursor. */
  accounts: { items: AccountBalance[]; nextCursor: string | null };
  reconciled: Reconciliation;
  /** Money raised from the public by organizations without the qualification (an organization's people see only theirs). */
  unqualifiedFundraising: UnqualifiedFundraising[];
}

const WAREHOUSE_KEYED: ReadonlySet<AccountKind> = new Set(['warehouse', 'issued', 'written_off', 'adjustment']);
const ORGANIZATION_KEYED: ReadonlySet<AccountKind> = new Set(['source', 'organization', 'disbursed']);

async function assertMayRead(db: Executor, actor: Actor, incidentId: string): Promise<ReturnType<typeof ledgerReader>> {
  const incident = await findIncident(db, incidentId);
  if (!incident) throw new AppError('not_found');
  const reader = ledgerReader(actor, incident.jurisdictions);
  if (reader === 'all' || (await takesPartIn(db, incidentId, reader.organizationId))) return reader;
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

/** The incident's needs for goods whose fulfilled quantity is not what the ledger delivered to them. */
async function needsAgainstDeliveries(db: Executor, incidentId: string): Promise<Reconciliation['needMismatches']> {
  const differing = await needMismatches(db, incidentId);
  return differing.map((d) => ({
    needId: d.needId,
    item: d.item,
    ledger: fromMinor(d.item, d.ledgerMinor),
    fulfilled: d.fulfilled,
  }));
}

type FlowSums = Awaited<ReturnType<typeof flowSummary>>;

/** The incident's balances summed per asset must be zero; its warehouses' balances must equal their stock; its goods needs' fulfilled quantities what was delivered to them. */
function reconciliation(
  sums: FlowSums,
  differing: Awaited<ReturnType<typeof warehouseMismatches>>,
  needMismatches: Reconciliation['needMismatches'],
): Reconciliation {
  const net = sums.map((f) => ({ asset: f.asset, minor: f.movedIn - f.movedOut }));
  const balancesSumToZero = [...sumsByAsset(net).values()].every((sum) => sum === 0);
  const mismatches = differing.map((m) => ({
    warehouseId: m.warehouseId,
    item: m.item,
    ledger: fromMinor(m.item, m.ledger),
    stock: fromMinor(m.item, m.stock),
  }));
  return {
    ok: balancesSumToZero && mismatches.length === 0 && needMismatches.length === 0,
    balancesSumToZero,
    warehousesMatchStock: mismatches.length === 0,
    mismatches,
    needsMatchDeliveries: needMismatches.length === 0,
    needMismatches,
  };
}

/** The stage totals of each asset, in whole units: balances by kind of account, and what receive transactions brought in. */
function stagesOf(sums: FlowSums): StageTotals[] {
  const assets = [...new Set(sums.map((f) => f.asset))].sort();
  return assets.map((asset) => {
    const kinds = new Map<AccountKind, number>();
    let received = 0;
    for (const f of sums) {
      if (f.asset !== asset) continue;
      kinds.set(f.accountKind, (kinds.get(f.accountKind) ?? 0) + f.movedIn - f.movedOut);
      if (f.kind === 'receive') received += f.movedIn;
    }
    const totals = stageTotals(kinds, received);
    return {
      asset,
      ...Object.fromEntries(LEDGER_STAGES.map((stage) => [stage, fromMinor(asset, totals[stage])])),
    } as StageTotals;
  });
}

/** What each kind of transaction moved, per asset, in whole units. */
function flowsOf(sums: FlowSums): IncidentLedger['flows'] {
  const moved = new Map<string, { kind: string; asset: string; minor: number }>();
  for (const f of sums) {
    const key = `${f.kind}\u001f${f.asset}`;
    const row = moved.get(key) ?? { kind: f.kind, asset: f.asset, minor: 0 };
    row.minor += f.movedIn;
    moved.set(key, row);
  }
  return [...moved.values()].map((m) => ({ kind: m.kind, asset: m.asset, amount: fromMinor(m.asset, m.minor) }));
}

export async function incidentLedger(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  options: { accountKind?: AccountKind; limit: number; cursor?: string },
): Promise<IncidentLedger> {
  const { db } = deps;
  const reader = await assertMayRead(db, actor, incidentId);
  const after = options.cursor ? (decodeCursor(options.cursor, 3).map(String) as [string, string, string]) : undefined;
  // Independent reads: on PostgreSQL they run on separate connections at once.
  const [sums, page, differing, needMismatches, flagged] = await Promise.all([
    flowSummary(db, incidentId),
    balancesOfIncident(db, incidentId, { accountKind: options.accountKind, limit: options.limit + 1, after }),
    warehouseMismatches(db, incidentId),
    needsAgainstDeliveries(db, incidentId),
    unqualifiedFundraising(db, incidentId, reader === 'all' ? undefined : reader.organizationId),
  ]);
  const rows = page.slice(0, options.limit);
  const last = rows[rows.length - 1];
  return {
    incidentId,
    stages: stagesOf(sums),
    flows: flowsOf(sums),
    accounts: {
      items: await named(db, rows),
      nextCursor: page.length > options.limit && last ? encodeCursor([last.accountKind, last.accountId, last.asset]) : null,
    },
    reconciled: reconciliation(sums, differing, needMismatches),
    unqualifiedFundraising: flagged,
  };
}
