/**
 * A shipment on its way: dispatched → in transit → delivered (the receiver confirms the
 * quantity received), or lost / returned with a reason. Each step posts the goods' move in the
 * ledger; delivery fulfils the need by what arrived and gives back what did not, so a need
 * for goods is fulfilled by delivered shipments only and the ledger explains every unit.
 */
import { endClaim } from '../../db/repositories/claims';
import { findIncident } from '../../db/repositories/incidents';
import { appendNeedEvent, findNeed, fulfilQuantity, returnQuantity } from '../../db/repositories/needs';
import { findOffer, saveOffer } from '../../db/repositories/offers';
import { appendShipmentEvent, findShipment, moveShipment, type Shipment } from '../../db/repositories/shipments';
import type { Executor } from '../../db/schema';
import { SHIPMENT_TRANSITIONS, type ShipmentStatus } from '../../model/allocation';
import { AppError } from '../../model/errors';
import type { LedgerEntryInput } from '../../model/ledger';
import { toMinor } from '../../model/ledger';
import { offerStatus } from '../../model/offer';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { IdempotencyLedger, type IdempotentRequest, idempotently } from '../idempotency';
import { applyStockChanges } from '../inventory/record-movement';
import { postLedgerTransaction } from '../ledger/post-transaction';
import { settleNeed } from '../needs/claims';
import { canMoveShipment, reportsNeeds } from '../policy';

export interface ShipmentStep {
  to: ShipmentStatus;
  /** Delivered: the quantity the receiver counted (all of it when left out). */
  quantity?: number;
  reason?: string | null;
}

async function shipmentFor(trx: Executor, actor: Actor, id: string): Promise<Shipment> {
  const shipment = await findShipment(trx, id);
  if (!shipment) throw new AppError('not_found');
  const incident = await findIncident(trx, shipment.incidentId);
  if (!incident) throw new AppError('not_found');
  if (!canMoveShipment(actor, shipment.organizationId, incident.jurisdictions)) {
    throw new AppError(reportsNeeds(actor) ? 'out_of_scope' : 'forbidden');
  }
  return shipment;
}

/** The ledger account holding a shipment's goods in a status that is still on the way. */
function carrying(shipment: Shipment): { accountKind: 'allocated' | 'in_transit'; accountId: string } {
  return { accountKind: shipment.status === 'dispatched' ? 'allocated' : 'in_transit', accountId: shipment.id };
}

function invalid(field: string, detail: string): AppError {
  return new AppError('invalid_input', { field, detail: `${field}: ${detail}` });
}

/** Checks a step's input against the shipment: a known next status, a counted quantity, a reason where one is owed. */
function checkStep(shipment: Shipment, step: ShipmentStep): { received: number; reason: string | null } {
  if (!SHIPMENT_TRANSITIONS[shipment.status].includes(step.to)) {
    throw new AppError('invalid_transition', { detail: `a ${shipment.status} shipment cannot become ${step.to}` });
  }
  const reason = step.reason?.trim() || null;
  if ((step.to === 'lost' || step.to === 'returned') && !reason) throw invalid('reason', `say why the shipment is ${step.to}`);
  if (step.quantity !== undefined && step.to !== 'delivered') throw invalid('quantity', 'only a delivery counts a quantity');
  const received = step.quantity ?? shipment.quantity;
  if (!Number.isInteger(received) || received < 0 || received > shipment.quantity) {
    throw invalid('quantity', `the quantity received is a whole number from 0 to ${shipment.quantity}`);
  }
  return { received, reason };
}

/** Posts the step's move of goods and changes the need, the claim and the supply as the step says. */
async function applyStep(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  shipment: Shipment,
  to: ShipmentStatus,
  received: number,
  at: string,
) {
  const from = carrying(shipment);
  const q = shipment.quantity;
  const item = shipment.item;
  const org = { organizationId: shipment.organizationId };
  const post = (kind: 'dispatch' | 'deliver' | 'write_off' | 'release', entries: LedgerEntryInput[]) =>
    postLedgerTransaction(trx, deps, {
      actor,
      incidentId: shipment.incidentId,
      kind,
      refs: { shipmentId: shipment.id },
      entries,
    });
  if (to === 'in_transit') {
    await post('dispatch', [
      { ...from, asset: item, amount: -q, ...org },
      { accountKind: 'in_transit', accountId: shipment.id, asset: item, amount: q, ...org },
    ]);
    return;
  }
  const need = await findNeed(trx, shipment.needId);
  if (!need) throw new Error('a shipment has its need');
  const lost = to === 'delivered' ? q - received : to === 'lost' ? q : 0;
  if (to === 'delivered' && received > 0) {
    await post('deliver', [
      { ...from, asset: item, amount: -received, ...org },
      { accountKind: 'need', accountId: need.id, asset: item, amount: received, ...org, jurisdiction: need.jurisdiction },
    ]);
  }
  if (lost > 0) {
    await post('write_off', [
      { ...from, asset: item, amount: -lost, ...org },
      { accountKind: 'written_off', accountId: shipment.id, asset: item, amount: lost, ...org },
    ]);
  }
  if (to === 'returned') await returnToSupply(trx, deps, actor, shipment, at);
  const delivered = to === 'delivered' ? received : 0;
  if (!(await endClaim(trx, shipment.claimId, ['active'], delivered > 0 ? 'fulfilled' : 'released', at))) {
    throw new Error('a shipment on its way holds an active claim');
  }
  if (delivered > 0) await fulfilQuantity(trx, need.id, delivered);
  if (q - delivered > 0) await returnQuantity(trx, need.id, q - delivered);
  await appendNeedEvent(
    trx,
    need.id,
    `shipment_${to}`,
    { shipmentId: shipment.id, quantity: delivered, lost },
    actorId(actor),
    at,
  );
  await settleNeed(trx, deps, need.id);
}

/** Goods sent back go where they came from: the warehouse's stock, or the offering organization's hands. */
async function returnToSupply(trx: Executor, deps: Deps, actor: Actor, shipment: Shipment, at: string): Promise<void> {
  const from = carrying(shipment);
  const q = shipment.quantity;
  if (shipment.warehouseId) {
    await applyStockChanges(
      trx,
      [{ warehouseId: shipment.warehouseId, item: shipment.item, delta: toMinor(shipment.item, q) }],
      at,
    );
  } else if (shipment.offerId) {
    const offer = await findOffer(trx, shipment.offerId);
    if (offer) {
      const back = { ...offer, receivedQuantity: Math.max(0, offer.receivedQuantity - q), updatedAt: at };
      await saveOffer(trx, { ...back, status: offerStatus(back) });
    }
  }
  const to = shipment.warehouseId
    ? { accountKind: 'warehouse' as const, accountId: shipment.warehouseId }
    : { accountKind: 'pledged' as const, accountId: shipment.offerId as string };
  await postLedgerTransaction(trx, deps, {
    actor,
    incidentId: shipment.incidentId,
    kind: 'release',
    refs: { shipmentId: shipment.id, offerId: shipment.offerId ?? undefined },
    entries: [
      { ...from, asset: shipment.item, amount: -q, organizationId: shipment.organizationId },
      { ...to, asset: shipment.item, amount: q, organizationId: shipment.organizationId },
    ],
  });
}

/** Moves a shipment one step: by the organization carrying it or a coordinator of the incident. */
export async function moveShipmentTo(
  deps: Deps,
  actor: Actor,
  shipmentId: string,
  step: ShipmentStep,
  idempotency?: IdempotentRequest,
): Promise<Shipment> {
  return idempotently(idempotency, () =>
    deps.db.transaction().execute(async (trx) => {
      const keys = await IdempotencyLedger.load(trx, [idempotency]);
      const earlier = keys.earlier(idempotency);
      // A retried step answers with the shipment as the first try left it (or as it is now).
      if (earlier === shipmentId) return shipmentFor(trx, actor, shipmentId);
      if (earlier)
        throw new AppError('idempotency_mismatch', { field: 'Idempotency-Key', detail: 'this key moved another shipment' });
      const moved = await moveOneStep(trx, deps, actor, shipmentId, step);
      keys.record(idempotency, shipmentId);
      await keys.write(trx, moved.updatedAt);
      return moved;
    }),
  );
}

async function moveOneStep(trx: Executor, deps: Deps, actor: Actor, shipmentId: string, step: ShipmentStep): Promise<Shipment> {
  const shipment = await shipmentFor(trx, actor, shipmentId);
  const { received, reason } = checkStep(shipment, step);
  const at = nowIso(deps);
  const change = {
    status: step.to,
    reason,
    at,
    ...(step.to === 'delivered' ? { receivedQuantity: received } : {}),
  };
  if (!(await moveShipment(trx, shipment.id, shipment.status, change))) {
    throw new AppError('invalid_transition', { detail: 'the shipment moved meanwhile; reload it' });
  }
  await applyStep(trx, deps, actor, shipment, step.to, received, at);
  await appendShipmentEvent(trx, shipment.id, {
    status: step.to,
    quantity: step.to === 'delivered' ? received : null,
    reason,
    actorId: actorId(actor),
    at,
  });
  await recordChange(trx, deps, actor, {
    action: `shipment.${step.to}`,
    entityType: 'shipment',
    entityId: shipment.id,
    before: { status: shipment.status },
    after: { status: step.to, receivedQuantity: step.to === 'delivered' ? received : undefined, reason },
    live: { incidentId: shipment.incidentId, kind: 'shipment' },
  });
  return {
    ...shipment,
    status: step.to,
    reason,
    updatedAt: at,
    receivedQuantity: step.to === 'delivered' ? received : shipment.receivedQuantity,
  };
}
