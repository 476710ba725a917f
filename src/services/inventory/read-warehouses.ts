/**
 * Reading warehouses, their stock and their movements: open to every signed-in account
 * (warehouses are an organization's facilities, not personal data). Each warehouse says
 * whether the reader may record its movements (`viewerCanMove`).
 */
import { findOrganizations } from '../../db/repositories/organizations';
import {
  findWarehouse,
  listWarehouseRows,
  movementsOf,
  type StockLine,
  stockOf,
  type WarehouseFilter,
} from '../../db/repositories/warehouses';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import type { Movement, Warehouse } from '../../model/inventory';
import { fromMinor } from '../../model/ledger';
import { mayAct } from '../../model/membership';
import type { Actor, Deps } from '../context';
import { decodeCursor, encodeCursor, pageOf, positionOf } from '../pagination';
import { canCreateWarehouses, canMoveStock } from '../policy';

/** A stock line as answered: the quantity in the item's unit. */
export interface StockView {
  item: string;
  quantity: number;
  updatedAt: string;
}

export type WarehouseView = Warehouse & {
  organizationName: string;
  /** What it holds now, items with stock only. */
  stock: StockView[];
  viewerCanMove: boolean;
};

/** A movement as answered: the quantity in the item's unit, signed for adjustments. */
export type MovementView = Omit<Movement, 'quantityMinor'> & { quantity: number };

export function stockView(line: StockLine): StockView {
  return { item: line.item, quantity: fromMinor(line.item, line.quantityMinor), updatedAt: line.updatedAt };
}

export function movementView({ quantityMinor, ...movement }: Movement): MovementView {
  return { ...movement, quantity: fromMinor(movement.item, quantityMinor) };
}

/** Warehouses with their owner's name, their stock, and whether the reader may move it (an owner that may not act moves nothing). */
export async function presentWarehouses(db: Executor, actor: Actor, warehouses: readonly Warehouse[]): Promise<WarehouseView[]> {
  const owners = await findOrganizations(
    db,
    warehouses.map((w) => w.organizationId),
  );
  const lines = await stockOf(
    db,
    warehouses.map((w) => w.id),
    true,
  );
  return warehouses.map((w) => {
    const owner = owners.get(w.organizationId);
    const ownerActs = owner !== undefined && !owner.archived && mayAct(owner.membership.status);
    return {
      ...w,
      organizationName: owner?.name ?? '',
      stock: lines.filter((l) => l.warehouseId === w.id).map(stockView),
      viewerCanMove: w.archivedAt === null && ownerActs && canMoveStock(actor, w),
    };
  });
}

async function warehouseOr404(db: Executor, id: string): Promise<Warehouse> {
  const warehouse = await findWarehouse(db, id);
  if (!warehouse) throw new AppError('not_found');
  return warehouse;
}

export async function listWarehouses(
  deps: Deps,
  actor: Actor,
  filter: WarehouseFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: WarehouseView[]; total: number; nextCursor: string | null; viewerCanCreate: boolean }> {
  const after = page.cursor ? decodeCursor(page.cursor, 2).map(String) : undefined;
  const found = await listWarehouseRows(deps.db, filter, {
    limit: page.limit + 1,
    after: after && { name: after[0], id: after[1] },
  });
  const items = found.items.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor = found.items.length > page.limit && last ? encodeCursor([last.name, last.id]) : null;
  return {
    items: await presentWarehouses(deps.db, actor, items),
    total: found.total,
    nextCursor,
    viewerCanCreate: canCreateWarehouses(actor),
  };
}

export async function getWarehouse(deps: Deps, actor: Actor, id: string): Promise<WarehouseView> {
  const [view] = await presentWarehouses(deps.db, actor, [await warehouseOr404(deps.db, id)]);
  return view;
}

/** Every item the warehouse has held, empty lines included, by item code. */
export async function warehouseStock(deps: Deps, id: string): Promise<{ items: StockView[] }> {
  await warehouseOr404(deps.db, id);
  return { items: (await stockOf(deps.db, [id])).map(stockView) };
}

/** The movements in and out of a warehouse, newest first. */
export async function listMovements(
  deps: Deps,
  id: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: MovementView[]; total: number; nextCursor: string | null }> {
  await warehouseOr404(deps.db, id);
  const found = await movementsOf(deps.db, id, { limit: page.limit + 1, before: positionOf(page.cursor) });
  const paged = pageOf(found.items, page.limit, (m) => [m.at, m.id]);
  return { items: paged.items.map(movementView), total: found.total, nextCursor: paged.nextCursor };
}
