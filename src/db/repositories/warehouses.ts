/**
 * Warehouses, their stock and the movements that change it. Quantities are integers in
 * thousandths of the item's unit; PostgreSQL's bigint arrives as a string and is converted here.
 */
import type { Movement, MovementKind, StockChange, Warehouse, WarehouseKind } from '../../model/inventory';
import { withinArea } from '../areas';
import { selectInChunks } from '../bulk';
import type { Executor, InventoryMovementsTable, WarehousesTable } from '../schema';
import { containsKey } from '../text-match';

const toWarehouse = (r: WarehousesTable): Warehouse => ({
  id: r.id,
  name: r.name,
  kind: r.kind as WarehouseKind,
  organizationId: r.organization_id,
  jurisdiction: r.jurisdiction,
  lat: r.lat,
  lon: r.lon,
  address: r.address,
  createdAt: r.created_at,
  archivedAt: r.archived_at,
});

const toMovement = (r: InventoryMovementsTable): Movement => ({
  id: r.id,
  warehouseId: r.warehouse_id,
  kind: r.kind as MovementKind,
  item: r.item,
  quantityMinor: Number(r.quantity),
  toWarehouseId: r.to_warehouse_id,
  reason: r.reason,
  incidentId: r.incident_id,
  offerReference: r.offer_reference,
  transactionId: r.transaction_id,
  actorId: r.actor_id,
  at: r.at,
});

export async function insertWarehouse(db: Executor, w: Warehouse): Promise<void> {
  await db
    .insertInto('warehouses')
    .values({
      id: w.id,
      name: w.name,
      kind: w.kind,
      organization_id: w.organizationId,
      jurisdiction: w.jurisdiction,
      lat: w.lat,
      lon: w.lon,
      address: w.address,
      created_at: w.createdAt,
      archived_at: w.archivedAt,
    })
    .execute();
}

export async function findWarehouse(db: Executor, id: string): Promise<Warehouse | undefined> {
  const row = await db.selectFrom('warehouses').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toWarehouse(row);
}

/** Warehouses by id (those that exist). */
export async function findWarehouses(db: Executor, ids: readonly string[]): Promise<Map<string, Warehouse>> {
  const rows = await selectInChunks([...new Set(ids)], (chunk) =>
    db.selectFrom('warehouses').selectAll().where('id', 'in', chunk).execute(),
  );
  return new Map(rows.map((r) => [r.id, toWarehouse(r)]));
}

export interface WarehouseFilter {
  /** Words in the name. */
  q?: string;
  organizationId?: string;
  /** Warehouses in this area or any place below it. */
  jurisdiction?: string;
}

/** A page of warehouses by name (then id), not archived, read one beyond the limit; and how many match. */
export async function listWarehouseRows(
  db: Executor,
  filter: WarehouseFilter,
  page: { limit: number; after?: { name: string; id: string } },
): Promise<{ items: Warehouse[]; total: number }> {
  let q = db.selectFrom('warehouses').where('archived_at', 'is', null);
  if (filter.q?.trim()) q = q.where(containsKey('name', filter.q.trim()));
  if (filter.organizationId) q = q.where('organization_id', '=', filter.organizationId);
  if (filter.jurisdiction) q = q.where(withinArea('jurisdiction', filter.jurisdiction));
  const after = page.after;
  const rows = await (after
    ? q.where((eb) => eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]))
    : q
  )
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(page.limit)
    .execute();
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(toWarehouse), total: Number(n) };
}

export interface StockLine {
  warehouseId: string;
  item: string;
  quantityMinor: number;
  updatedAt: string;
}

/** The stock lines of some warehouses, by warehouse and item; `inStockOnly` leaves out empty lines. */
export async function stockOf(db: Executor, warehouseIds: readonly string[], inStockOnly = false): Promise<StockLine[]> {
  const rows = await selectInChunks([...new Set(warehouseIds)], (chunk) => {
    let q = db.selectFrom('inventory_stock').selectAll().where('warehouse_id', 'in', chunk);
    if (inStockOnly) q = q.where('quantity', '>', 0);
    return q.orderBy('warehouse_id').orderBy('item').execute();
  });
  return rows.map((r) => ({
    warehouseId: r.warehouse_id,
    item: r.item,
    quantityMinor: Number(r.quantity),
    updatedAt: r.updated_at,
  }));
}

/** The quantity of an item in a warehouse, in thousandths (0 when it never had any). */
export async function stockQuantity(db: Executor, warehouseId: string, item: string): Promise<number> {
  const row = await db
    .selectFrom('inventory_stock')
    .select('quantity')
    .where('warehouse_id', '=', warehouseId)
    .where('item', '=', item)
    .executeTakeFirst();
  return row ? Number(row.quantity) : 0;
}

/** Adds to a stock line, making it when it is new. */
export async function addStock(db: Executor, change: StockChange, at: string): Promise<void> {
  await db
    .insertInto('inventory_stock')
    .values({ warehouse_id: change.warehouseId, item: change.item, quantity: change.delta, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['warehouse_id', 'item']).doUpdateSet((eb) => ({
        quantity: eb('inventory_stock.quantity', '+', eb.ref('excluded.quantity')),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/**
 * Takes from a stock line only if it holds at least that much, in one conditional update:
 * whatever else runs at once, the line never goes below zero. False when it holds too little.
 */
export async function takeStock(db: Executor, change: StockChange, at: string): Promise<boolean> {
  const amount = -change.delta;
  const result = await db
    .updateTable('inventory_stock')
    .set((eb) => ({ quantity: eb('quantity', '-', amount), updated_at: at }))
    .where('warehouse_id', '=', change.warehouseId)
    .where('item', '=', change.item)
    .where('quantity', '>=', amount)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertMovement(db: Executor, m: Movement): Promise<void> {
  await db
    .insertInto('inventory_movements')
    .values({
      id: m.id,
      warehouse_id: m.warehouseId,
      kind: m.kind,
      item: m.item,
      quantity: m.quantityMinor,
      to_warehouse_id: m.toWarehouseId,
      reason: m.reason,
      incident_id: m.incidentId,
      offer_reference: m.offerReference,
      transaction_id: m.transactionId,
      actor_id: m.actorId,
      at: m.at,
    })
    .execute();
}

export async function findMovement(db: Executor, id: string): Promise<Movement | undefined> {
  const row = await db.selectFrom('inventory_movements').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMovement(row);
}

/**
 * A page of the movements in and out of a warehouse (transfers into it included), newest
 * first, read one beyond the limit; and how many there are.
 */
export async function movementsOf(
  db: Executor,
  warehouseId: string,
  page: { limit: number; before?: { at: string; id: string } },
): Promise<{ items: Movement[]; total: number }> {
  const touching = db
    .selectFrom('inventory_movements')
    .where((eb) => eb.or([eb('warehouse_id', '=', warehouseId), eb('to_warehouse_id', '=', warehouseId)]));
  const before = page.before;
  const rows = await (before
    ? touching.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]))
    : touching
  )
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
  const { n } = await touching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(toMovement), total: Number(n) };
}
