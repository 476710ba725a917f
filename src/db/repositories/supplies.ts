/**
 * What an allocation may draw on and serve: an incident's open needs for goods that are on the
 * map, the stock of those items in warehouses, and the goods organizations offered to the
 * incident and still hold.
 */
import { sql } from 'kysely';
import { fromMinor } from '../../model/ledger';
import type { Urgency, VulnerableGroup } from '../../model/need';
import type { Executor } from '../schema';

export interface OpenGoodsNeed {
  id: string;
  title: string;
  item: string;
  /** What no one holds or has fulfilled yet. */
  open: number;
  urgency: Urgency;
  vulnerableGroups: VulnerableGroup[];
  jurisdiction: string;
  lat: number;
  lon: number;
}

export interface StockSupply {
  warehouseId: string;
  warehouseName: string;
  organizationId: string;
  item: string;
  quantity: number;
  lat: number;
  lon: number;
}

export interface OfferSupply {
  offerId: string;
  organizationId: string;
  item: string;
  /** Offered and not yet received, shipped or withdrawn. */
  quantity: number;
  lat: number;
  lon: number;
}

/** An incident's open needs for goods that are placed on the map (a need waiting for its place is not served by distance). */
export async function openGoodsNeeds(db: Executor, incidentId: string): Promise<OpenGoodsNeed[]> {
  const rows = await db
    .selectFrom('needs')
    .select([
      'id',
      'title',
      'item',
      sql<number>`quantity - claimed_quantity - fulfilled_quantity`.as('open'),
      'urgency',
      'vulnerable_groups',
      'jurisdiction',
      'lat',
      'lon',
    ])
    .where('incident_id', '=', incidentId)
    .where('item', 'is not', null)
    .where('lat', 'is not', null)
    .where('close_reason', 'is', null)
    .where('status', 'not in', ['fulfilled', 'closed'])
    .where(sql<boolean>`quantity - claimed_quantity - fulfilled_quantity > 0`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    item: r.item as string,
    open: Number(r.open),
    urgency: r.urgency as Urgency,
    vulnerableGroups: JSON.parse(r.vulnerable_groups) as VulnerableGroup[],
    jurisdiction: r.jurisdiction,
    lat: Number(r.lat),
    lon: Number(r.lon),
  }));
}

/** Stock of some items in warehouses that are in use. */
export async function stockOf(db: Executor, items: readonly string[]): Promise<StockSupply[]> {
  if (items.length === 0) return [];
  const rows = await db
    .selectFrom('inventory_stock')
    .innerJoin('warehouses', 'warehouses.id', 'inventory_stock.warehouse_id')
    .select([
      'warehouses.id as warehouseId',
      'warehouses.name as warehouseName',
      'warehouses.organization_id as organizationId',
      'inventory_stock.item as item',
      'inventory_stock.quantity as quantity',
      'warehouses.lat as lat',
      'warehouses.lon as lon',
    ])
    .where('inventory_stock.item', 'in', [...items])
    .where('inventory_stock.quantity', '>', 0)
    .where('warehouses.archived_at', 'is', null)
    .orderBy('warehouses.id')
    .orderBy('inventory_stock.item')
    .execute();
  return rows.map((r) => ({
    warehouseId: r.warehouseId,
    warehouseName: r.warehouseName,
    organizationId: r.organizationId,
    item: r.item,
    quantity: fromMinor(r.item, Number(r.quantity)),
    lat: Number(r.lat),
    lon: Number(r.lon),
  }));
}

/** Goods organizations offered to an incident, at a known place, not yet all handed over. */
export async function offeredGoods(db: Executor, incidentId: string, items: readonly string[]): Promise<OfferSupply[]> {
  if (items.length === 0) return [];
  const rows = await db
    .selectFrom('offers')
    .select(['id', 'organization_id', 'item', 'quantity', 'received_quantity', 'lat', 'lon'])
    .where('incident_id', '=', incidentId)
    .where('source', '=', 'organization')
    .where('item', 'in', [...items])
    .where('status', 'in', ['pledged', 'partly_received'])
    .where('lat', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => {
    const quantity = Number(r.quantity ?? 0) - Number(r.received_quantity);
    return quantity > 0 && r.organization_id !== null && r.item !== null
      ? [{ offerId: r.id, organizationId: r.organization_id, item: r.item, quantity, lat: Number(r.lat), lon: Number(r.lon) }]
      : [];
  });
}
