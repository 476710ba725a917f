/**
 * Warehouses and collection points (仓库, 收集点) and the movements that alone change their
 * stock: receive, issue, transfer, adjust (a stock count's correction) and write off. What a
 * movement must say, how it changes stock, and what it posts to the ledger. Pure rules.
 */
import { AppError } from './errors';
import { findItem, type Item } from './items';
import { type AccountRef, type LedgerEntryInput, minorOrUndefined, transfer } from './ledger';

export const WAREHOUSE_KINDS = ['warehouse', 'collection_point'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];

export interface Warehouse {
  id: string;
  name: string;
  kind: WarehouseKind;
  /** The owner organization. */
  organizationId: string;
  /** GB/T 2260 code of where it is. */
  jurisdiction: string;
  /** WGS 84. */
  lat: number;
  lon: number;
  address: string | null;
  createdAt: string;
  archivedAt: string | null;
}

/** The most one movement may move, in the item's unit: far above any real delivery, far below the limits of exact sums. */
export const MAX_MOVEMENT_QUANTITY = 1_000_000_000;

export const MOVEMENT_KINDS = ['receive', 'issue', 'transfer', 'adjust', 'write_off'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** A movement as a client asks for it; quantities in the item's unit. */
export interface MovementInput {
  kind: MovementKind;
  item: string;
  quantity: number;
  toWarehouseId?: string | null;
  reason?: string | null;
  incidentId?: string | null;
  offerReference?: string | null;
}

/** A recorded movement; the quantity in thousandths of the item's unit (signed for adjustments). */
export interface Movement {
  id: string;
  warehouseId: string;
  kind: MovementKind;
  item: string;
  quantityMinor: number;
  toWarehouseId: string | null;
  reason: string | null;
  incidentId: string | null;
  offerReference: string | null;
  transactionId: string;
  actorId: string;
  at: string;
}

/** A change of one stock line, in thousandths. */
export interface StockChange {
  warehouseId: string;
  item: string;
  delta: number;
}

const invalid = (field: string, detail: string) => new AppError('invalid_input', { field, detail: `${field}: ${detail}` });

/**
 * Checks a movement's input beyond its JSON shape: a known item; a quantity the item can be
 * counted in (whole units of an indivisible item, at most three decimals otherwise), above zero
 * except an adjustment's, which is signed and not zero; a target for a transfer (another
 * warehouse); a reason for adjustments and write-offs. Answers the item and the quantity in
 * thousandths; throws an AppError naming the field.
 */
export function checkMovement(warehouseId: string, input: MovementInput): { item: Item; quantityMinor: number } {
  const item = findItem(input.item);
  if (!item) throw new AppError('unknown_item', { field: 'item', detail: `item: the catalogue has no item ${input.item}` });
  if (Math.abs(input.quantity) > MAX_MOVEMENT_QUANTITY) throw invalid('quantity', `at most ${MAX_MOVEMENT_QUANTITY}`);
  const minor = minorOrUndefined(input.item, input.quantity);
  if (minor === undefined) throw invalid('quantity', 'at most three decimals');
  if (!item.divisible && minor % 1000 !== 0) {
    throw invalid('quantity', `${item.nameEn} is counted in whole ${item.unitEn}`);
  }
  if (input.kind === 'adjust' ? minor === 0 : minor <= 0) {
    throw invalid('quantity', input.kind === 'adjust' ? 'an adjustment is not zero' : 'must be more than zero');
  }
  if (input.kind === 'transfer') {
    if (!input.toWarehouseId) throw invalid('toWarehouseId', 'a transfer needs the warehouse it goes to');
    if (input.toWarehouseId === warehouseId) throw invalid('toWarehouseId', 'a transfer goes to another warehouse');
  } else if (input.toWarehouseId) {
    throw invalid('toWarehouseId', 'only a transfer goes to another warehouse');
  }
  if ((input.kind === 'adjust' || input.kind === 'write_off') && !input.reason?.trim()) {
    throw invalid('reason', `${input.kind === 'adjust' ? 'an adjustment' : 'a write-off'} needs a reason`);
  }
  return { item, quantityMinor: minor };
}

/** How a movement changes stock: the lines it takes from (negative) and adds to (positive). */
export function stockChanges(
  movement: Pick<Movement, 'kind' | 'warehouseId' | 'toWarehouseId' | 'item' | 'quantityMinor'>,
): StockChange[] {
  const { warehouseId, item, quantityMinor: q } = movement;
  switch (movement.kind) {
    case 'receive':
    case 'adjust':
      return [{ warehouseId, item, delta: q }];
    case 'issue':
    case 'write_off':
      return [{ warehouseId, item, delta: -q }];
    case 'transfer':
      return [
        { warehouseId, item, delta: -q },
        { warehouseId: movement.toWarehouseId as string, item, delta: q },
      ];
  }
}

type Place = Pick<Warehouse, 'id' | 'organizationId' | 'jurisdiction'>;

/** A warehouse-keyed account of a warehouse, carrying its owner and area for the flows. */
function accountOf(accountKind: AccountRef['accountKind'], place: Place) {
  return { accountKind, accountId: place.id, organizationId: place.organizationId, jurisdiction: place.jurisdiction };
}

/**
 * What a movement posts to the ledger: receive = source (the owner organization, or the given
 * account — an offer's `pledged` once offers are received) → warehouse; issue = warehouse →
 * issued; transfer = warehouse → the other warehouse; adjust = adjustment ↔ warehouse (by the
 * sign); write_off = warehouse → written_off. Amounts in the item's unit.
 */
export function movementEntries(
  movement: Pick<Movement, 'kind' | 'item' | 'quantityMinor'>,
  from: Place,
  to?: Place,
  source?: AccountRef,
): LedgerEntryInput[] {
  const amount = movement.quantityMinor / 1000;
  const here = accountOf('warehouse', from);
  switch (movement.kind) {
    case 'receive': {
      const origin = source
        ? { ...source, organizationId: from.organizationId, jurisdiction: from.jurisdiction }
        : { ...accountOf('source', from), accountId: from.organizationId };
      return transfer(origin, here, movement.item, amount);
    }
    case 'issue':
      return transfer(here, accountOf('issued', from), movement.item, amount);
    case 'transfer': {
      if (!to) throw new Error('a transfer posts to a second warehouse');
      return transfer(here, accountOf('warehouse', to), movement.item, amount);
    }
    case 'adjust':
      return transfer(accountOf('adjustment', from), here, movement.item, amount);
    case 'write_off':
      return transfer(here, accountOf('written_off', from), movement.item, amount);
  }
}
