/**
 * The double-entry ledger of money and goods (资金与物资台账). Every transaction moves an
 * amount of an asset from accounts to accounts: an entry takes it from one (negative) and
 * another receives it (positive), so a transaction's entries sum to zero for each asset and
 * so do all balances together. Amounts are kept as integers so that sums are exact: money in
 * fen, goods in thousandths of the item's unit. Pure rules, no I/O.
 */
import { findItem } from './items';

/** The asset of money; every other asset is an item code of the catalogue (src/model/items.ts). */
export const MONEY = 'money';

/**
 * The kinds of account, each named by the id of what it stands for:
 * - `donor` (offer id): the outside giver, who goes negative by what was given
 * - `pledged` (offer id): promised, not yet received
 * - `source` (organization id): goods or money entering without an offer (bought, say)
 * - `warehouse` (warehouse id): held in a warehouse or collection point
 * - `organization` (organization id): held by an organization outside a warehouse (money received)
 * - `allocated` (shipment id): committed to a shipment, not yet left
 * - `in_transit` (shipment id): on the way
 * - `need` (need id): delivered to a need
 * - `disbursed` (organization id): money spent
 * - `issued` (warehouse id): handed out from a warehouse directly
 * - `returned` (offer id): given back to the donor
 * - `written_off` (warehouse id): lost, spoiled or damaged
 * - `adjustment` (warehouse id): the other side of a stock count's correction
 */
export const ACCOUNT_KINDS = [
  'donor',
  'pledged',
  'source',
  'warehouse',
  'organization',
  'allocated',
  'in_transit',
  'need',
  'disbursed',
  'issued',
  'returned',
  'written_off',
  'adjustment',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * Kinds of transaction. The five stock movements (receive, issue, transfer, adjust,
 * write_off) are posted by the warehouses; the others by offers (pledge: donor → pledged;
 * return: pledged or warehouse → returned), allocation (allocate: warehouse → allocated;
 * release: allocated → warehouse), shipments (dispatch: allocated → in_transit; deliver:
 * in_transit → need; receive back: in_transit → warehouse; write_off) and money (receive:
 * donor or pledged → organization; disburse: organization → disbursed).
 */
export const LEDGER_TRANSACTION_KINDS = [
  'pledge',
  'receive',
  'issue',
  'transfer',
  'adjust',
  'write_off',
  'allocate',
  'release',
  'dispatch',
  'deliver',
  'return',
  'disburse',
] as const;
export type LedgerTransactionKind = (typeof LEDGER_TRANSACTION_KINDS)[number];

/** An account: its kind and the id of what it stands for. */
export interface AccountRef {
  accountKind: AccountKind;
  accountId: string;
}

/** One side of a transaction as a caller writes it: an amount in whole units (yuan, or the item's unit). */
export interface LedgerEntryInput extends AccountRef {
  asset: string;
  /** Positive: the account receives; negative: the account gives. */
  amount: number;
  organizationId?: string | null;
  jurisdiction?: string | null;
}

/** An entry as stored: the amount in minor units (fen, thousandths). */
export interface PostedEntry extends AccountRef {
  asset: string;
  minor: number;
  organizationId: string | null;
  jurisdiction: string | null;
}

/** A posting the ledger cannot take: unbalanced, an unknown asset, or an amount it cannot keep exactly. A bug, not bad input. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

/** Whether a string names an asset: money or an item of the catalogue. */
export function isAsset(asset: string): boolean {
  return asset === MONEY || findItem(asset) !== undefined;
}

/** Minor units per unit: money is kept in fen, goods in thousandths of their unit. */
export const MONEY_SCALE = 100;
export const GOODS_SCALE = 1000;

/** How many minor units make one unit of an asset: 100 fen a yuan, 1000 thousandths of an item's unit. */
export function scaleOf(asset: string): number {
  return asset === MONEY ? MONEY_SCALE : GOODS_SCALE;
}

/** An amount in minor units, or undefined when it has more decimals than the asset keeps or is too large to keep exactly. */
export function minorOrUndefined(asset: string, amount: number): number | undefined {
  if (!Number.isFinite(amount)) return undefined;
  const scaled = amount * scaleOf(asset);
  const minor = Math.round(scaled);
  if (!Number.isSafeInteger(minor)) return undefined;
  // Binary fractions: 0.1 kg is 100.00000000000001 thousandths, still exactly 100.
  if (Math.abs(scaled - minor) > 1e-9 * Math.max(1, Math.abs(scaled))) return undefined;
  return minor === 0 ? 0 : minor; // never -0
}

/** An amount in minor units (fen, thousandths); throws LedgerError when it cannot be kept exactly. */
export function toMinor(asset: string, amount: number): number {
  const minor = minorOrUndefined(asset, amount);
  if (minor === undefined) throw new LedgerError(`${amount} of ${asset} cannot be kept exactly in 1/${scaleOf(asset)} units`);
  return minor;
}

/** An amount in whole units from minor units. */
export function fromMinor(asset: string, minor: number): number {
  return minor / scaleOf(asset);
}

/** The sum of minor amounts per asset. */
export function sumsByAsset(entries: readonly { asset: string; minor: number }[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const e of entries) sums.set(e.asset, (sums.get(e.asset) ?? 0) + e.minor);
  return sums;
}

/**
 * The balancing rule: converts a transaction's entries to minor units and checks that it has
 * at least two, none of them zero, every asset known, and that they sum to zero for each asset.
 * Throws LedgerError otherwise; the one posting path calls it before anything is written.
 */
export function balancedEntries(entries: readonly LedgerEntryInput[]): PostedEntry[] {
  if (entries.length < 2) throw new LedgerError('a transaction needs at least two entries');
  const posted = entries.map((e) => {
    if (!(ACCOUNT_KINDS as readonly string[]).includes(e.accountKind))
      throw new LedgerError(`unknown account kind ${e.accountKind}`);
    if (!e.accountId) throw new LedgerError(`a ${e.accountKind} account needs an id`);
    if (!isAsset(e.asset)) throw new LedgerError(`unknown asset ${e.asset}`);
    const minor = toMinor(e.asset, e.amount);
    if (minor === 0) throw new LedgerError(`an entry of ${e.asset} for ${e.accountKind} ${e.accountId} moves nothing`);
    return {
      accountKind: e.accountKind,
      accountId: e.accountId,
      asset: e.asset,
      minor,
      organizationId: e.organizationId ?? null,
      jurisdiction: e.jurisdiction ?? null,
    };
  });
  for (const [asset, sum] of sumsByAsset(posted)) {
    if (sum !== 0) throw new LedgerError(`the entries of ${asset} sum to ${fromMinor(asset, sum)}, not zero`);
  }
  return posted;
}

/** The two entries that move an amount from one account to another (same organization and area on both sides unless given). */
export function transfer(
  from: AccountRef & { organizationId?: string | null; jurisdiction?: string | null },
  to: AccountRef & { organizationId?: string | null; jurisdiction?: string | null },
  asset: string,
  amount: number,
): LedgerEntryInput[] {
  return [
    { ...from, asset, amount: -amount },
    { ...to, asset, amount },
  ];
}

/** Stages of the way from promise to delivery, as totals of account kinds (see stageTotals). */
export const LEDGER_STAGES = [
  'pledged',
  'received',
  'held',
  'allocated',
  'inTransit',
  'delivered',
  'disbursed',
  'returned',
  'writtenOff',
] as const;
export type LedgerStage = (typeof LEDGER_STAGES)[number];

/**
 * The stage an account kind's balance counts toward, if any. `received` is not a balance: it is
 * what receive transactions moved (see stageTotals).
 */
export function stageOfAccount(kind: AccountKind): Exclude<LedgerStage, 'received'> | null {
  switch (kind) {
    case 'pledged':
      return 'pledged';
    case 'warehouse':
    case 'organization':
      return 'held';
    case 'allocated':
      return 'allocated';
    case 'in_transit':
      return 'inTransit';
    case 'need':
    case 'issued':
      return 'delivered';
    case 'disbursed':
      return 'disbursed';
    case 'returned':
      return 'returned';
    case 'written_off':
      return 'writtenOff';
    case 'donor':
    case 'source':
    case 'adjustment':
      return null;
  }
}

/**
 * Totals by stage for one asset, in minor units: pledged is what is promised and not yet
 * received; held, allocated and in transit are what sits there now; delivered (to needs and
 * handed out), disbursed, returned and written off are what ended there; received is what
 * receive transactions brought in.
 */
export function stageTotals(balancesByKind: ReadonlyMap<AccountKind, number>, received: number): Record<LedgerStage, number> {
  const totals = Object.fromEntries(LEDGER_STAGES.map((s) => [s, 0])) as Record<LedgerStage, number>;
  for (const [kind, balance] of balancesByKind) {
    const stage = stageOfAccount(kind);
    if (stage) totals[stage] += balance;
  }
  totals.received = received;
  return totals;
}
