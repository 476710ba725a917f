/**
 * The one posting path of the ledger. Stock movements, and later pledges, receipts of offers,
 * allocations and shipments, each post through here inside their own use case's transaction:
 * the entries are checked by the balancing rule (src/model/ledger.ts) before anything is
 * written, then the transaction, its entries, the balances and the flows are written together,
 * so the read models never disagree with the entries. The caller audits its use case (naming
 * the transaction id); call this before recordChange, as movements do, so that every posting
 * takes its rows in the same order (stock, balances, flows, then the audit chain's head).
 */
import {
  addToBalances,
  addToFlows,
  type BalanceRow,
  balanceOf,
  type FlowRow,
  insertLedgerTransaction,
  NONE,
} from '../../db/repositories/ledger';
import type { Executor } from '../../db/schema';
import { newId } from '../../model/ids';
import {
  type AccountRef,
  balancedEntries,
  type LedgerEntryInput,
  type LedgerTransactionKind,
  type PostedEntry,
} from '../../model/ledger';
import { type Actor, actorId, type Deps, nowIso } from '../context';

export interface LedgerPosting {
  actor: Actor;
  incidentId: string | null;
  kind: LedgerTransactionKind;
  /** What the transaction records. */
  refs: { movementId?: string; offerId?: string; shipmentId?: string };
  /** Amounts in whole units (yuan; the item's unit), positive to the receiving account. */
  entries: LedgerEntryInput[];
  /**
   * Accounts whose balance of an asset in the incident may not go below zero (an
   * organization's money): checked after the balances are written, while this transaction
   * holds their rows, so concurrent postings cannot together overdraw. A breach rolls back
   * with the error `refuse` makes of what was available before this transaction.
   */
  floors?: LedgerFloor[];
}

export interface LedgerFloor extends AccountRef {
  asset: string;
  /** The error to throw, given the balance (minor units) the account had before this posting. */
  refuse: (availableMinor: number) => Error;
}

export interface PostedTransaction {
  id: string;
  at: string;
  entries: PostedEntry[];
}

/** The balances a transaction changes, one row per key. */
function balanceRows(incidentId: string, entries: readonly PostedEntry[]): BalanceRow[] {
  const rows = new Map<string, BalanceRow>();
  for (const e of entries) {
    const key = `${e.accountKind}\u001f${e.accountId}\u001f${e.asset}`;
    const row = rows.get(key);
    if (row) row.minor += e.minor;
    else rows.set(key, { incidentId, accountKind: e.accountKind, accountId: e.accountId, asset: e.asset, minor: e.minor });
  }
  return [...rows.values()].filter((r) => r.minor !== 0);
}

/** What a transaction moved into and out of each kind of account, by the entry's organization and area. */
function flowRows(incidentId: string, kind: string, entries: readonly PostedEntry[]): FlowRow[] {
  const rows = new Map<string, FlowRow>();
  for (const e of entries) {
    const organizationId = e.organizationId ?? NONE;
    const jurisdiction = e.jurisdiction ?? NONE;
    const key = `${e.accountKind}\u001f${e.asset}\u001f${organizationId}\u001f${jurisdiction}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        incidentId,
        kind,
        accountKind: e.accountKind,
        asset: e.asset,
        organizationId,
        jurisdiction,
        movedIn: 0,
        movedOut: 0,
      };
      rows.set(key, row);
    }
    if (e.minor > 0) row.movedIn += e.minor;
    else row.movedOut -= e.minor;
  }
  return [...rows.values()];
}

/** Posts a balanced transaction with its balances and flows, inside the caller's transaction; throws LedgerError when unbalanced. */
export async function postLedgerTransaction(trx: Executor, deps: Deps, posting: LedgerPosting): Promise<PostedTransaction> {
  const entries = balancedEntries(posting.entries);
  const id = newId();
  const at = nowIso(deps);
  await insertLedgerTransaction(
    trx,
    {
      id,
      incidentId: posting.incidentId,
      kind: posting.kind,
      movementId: posting.refs.movementId ?? null,
      offerId: posting.refs.offerId ?? null,
      shipmentId: posting.refs.shipmentId ?? null,
      actorId: actorId(posting.actor),
      at,
    },
    entries,
  );
  const incidentKey = posting.incidentId ?? NONE;
  await addToBalances(trx, balanceRows(incidentKey, entries));
  for (const floor of posting.floors ?? []) {
    const after = await balanceOf(trx, incidentKey, floor, floor.asset);
    if (after >= 0) continue;
    const moved = entries
      .filter((e) => e.accountKind === floor.accountKind && e.accountId === floor.accountId && e.asset === floor.asset)
      .reduce((sum, e) => sum + e.minor, 0);
    throw floor.refuse(after - moved);
  }
  await addToFlows(trx, flowRows(incidentKey, posting.kind, entries));
  return { id, at, entries };
}
