/**
 * Following one donation through pooled stock. Goods received into a warehouse join its stock
 * of the item and leave it with later shipments, issues and transfers; which units went where
 * is not recorded, so a donor's goods are traced first-in, first-out: what left the line is
 * taken from the oldest receipts still in it. Pure.
 */

/** One move of an item's stock line in time order: in (positive) or out (negative), with what it was. */
export interface LineMove<R> {
  amount: number;
  ref: R;
}

/** The share of each outgoing move that came from the receipts `mine` picks, first-in first-out. */
export function traceFifo<R>(moves: readonly LineMove<R>[], mine: (ref: R) => boolean): { ref: R; amount: number }[] {
  // The stock as a queue of lots: how much of each receipt is still in the line, and whether it is the donor's.
  const lots: { left: number; mine: boolean }[] = [];
  let head = 0;
  const out: { ref: R; amount: number }[] = [];
  for (const move of moves) {
    if (move.amount > 0) {
      lots.push({ left: move.amount, mine: mine(move.ref) });
      continue;
    }
    let need = -move.amount;
    let share = 0;
    while (need > 1e-9 && head < lots.length) {
      const lot = lots[head];
      const take = Math.min(lot.left, need);
      if (lot.mine) share += take;
      lot.left -= take;
      need -= take;
      if (lot.left <= 1e-9) head += 1;
    }
    if (share > 1e-9) out.push({ ref: move.ref, amount: Number(share.toFixed(3)) });
  }
  return out;
}
