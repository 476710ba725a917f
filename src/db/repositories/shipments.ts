/** Shipments of goods and their history. */
import type { ShipmentStatus } from '../../model/allocation';
import type { Executor, ShipmentsTable } from '../schema';

export interface Shipment {
  id: string;
  incidentId: string;
  planId: string | null;
  needId: string;
  claimId: string;
  organizationId: string;
  item: string;
  quantity: number;
  receivedQuantity: number | null;
  warehouseId: string | null;
  offerId: string | null;
  status: ShipmentStatus;
  reason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ShipmentEvent {
  seq: number;
  status: ShipmentStatus;
  quantity: number | null;
  reason: string | null;
  actorId: string;
  at: string;
}

const toShipment = (r: ShipmentsTable): Shipment => ({
  id: r.id,
  incidentId: r.incident_id,
  planId: r.plan_id,
  needId: r.need_id,
  claimId: r.claim_id,
  organizationId: r.organization_id,
  item: r.item,
  quantity: Number(r.quantity),
  receivedQuantity: r.received_quantity === null ? null : Number(r.received_quantity),
  warehouseId: r.warehouse_id,
  offerId: r.offer_id,
  status: r.status as ShipmentStatus,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertShipment(db: Executor, s: Shipment): Promise<void> {
  await db
    .insertInto('shipments')
    .values({
      id: s.id,
      incident_id: s.incidentId,
      plan_id: s.planId,
      need_id: s.needId,
      claim_id: s.claimId,
      organization_id: s.organizationId,
      item: s.item,
      quantity: s.quantity,
      received_quantity: s.receivedQuantity,
      warehouse_id: s.warehouseId,
      offer_id: s.offerId,
      status: s.status,
      reason: s.reason,
      created_by: s.createdBy,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    })
    .execute();
}

/** Moves a shipment from one status to the next; false when another request moved it first. */
export async function moveShipment(
  db: Executor,
  id: string,
  from: ShipmentStatus,
  change: { status: ShipmentStatus; receivedQuantity?: number; reason: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('shipments')
    .set({
      status: change.status,
      reason: change.reason,
      updated_at: change.at,
      ...(change.receivedQuantity === undefined ? {} : { received_quantity: change.receivedQuantity }),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findShipment(db: Executor, id: string): Promise<Shipment | undefined> {
  const row = await db.selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toShipment(row) : undefined;
}

export async function findShipments(db: Executor, ids: readonly string[]): Promise<Map<string, Shipment>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('shipments')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toShipment(r)]));
}

/** The shipment that carries a claim and is still on its way, if any. */
export async function openShipmentOfClaim(db: Executor, claimId: string): Promise<Shipment | undefined> {
  const row = await db
    .selectFrom('shipments')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('status', 'in', ['dispatched', 'in_transit'])
    .executeTakeFirst();
  return row ? toShipment(row) : undefined;
}

export async function listShipments(
  db: Executor,
  filter: { incidentId?: string; planId?: string; offerId?: string; needId?: string; organizationId?: string; limit: number },
): Promise<Shipment[]> {
  let query = db.selectFrom('shipments').selectAll();
  if (filter.incidentId) query = query.where('incident_id', '=', filter.incidentId);
  if (filter.planId) query = query.where('plan_id', '=', filter.planId);
  if (filter.offerId) query = query.where('offer_id', '=', filter.offerId);
  if (filter.needId) query = query.where('need_id', '=', filter.needId);
  if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toShipment);
}

export async function appendShipmentEvent(db: Executor, shipmentId: string, event: Omit<ShipmentEvent, 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('shipment_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('shipment_id', '=', shipmentId)
    .executeTakeFirst();
  await db
    .insertInto('shipment_events')
    .values({
      shipment_id: shipmentId,
      seq: Number(last?.seq ?? 0) + 1,
      status: event.status,
      quantity: event.quantity,
      reason: event.reason,
      actor_id: event.actorId,
      at: event.at,
    })
    .execute();
}

export async function shipmentEvents(db: Executor, shipmentIds: readonly string[]): Promise<Map<string, ShipmentEvent[]>> {
  const out = new Map<string, ShipmentEvent[]>();
  if (shipmentIds.length === 0) return out;
  const rows = await db
    .selectFrom('shipment_events')
    .selectAll()
    .where('shipment_id', 'in', [...shipmentIds])
    .orderBy('shipment_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const list = out.get(r.shipment_id) ?? [];
    list.push({
      seq: Number(r.seq),
      status: r.status as ShipmentStatus,
      quantity: r.quantity === null ? null : Number(r.quantity),
      reason: r.reason,
      actorId: r.actor_id,
      at: r.at,
    });
    out.set(r.shipment_id, list);
  }
  return out;
}
