/**
 * Committing an allocation plan: every line becomes a shipment from its supply to its need, and
 * a claim on the need for the organization that holds the supply (the warehouse's owner, or the
 * offering organization), so the rule of one holder per quantity holds and a quantity already
 * held is never allocated twice. Whole units only (a need counts whole units); what is rounded
 * off stays with the supply. All or nothing: a need taken or stock moved since the plan was
 * made refuses the whole commit (409, naming the need or the stock), and the coordinator
 * proposes again.
 */
import { type AllocationLine, decidePlan } from '../../db/repositories/allocation-plans';
import { insertClaim } from '../../db/repositories/claims';
import { appendNeedEvent, findNeedsByIds, reserveQuantity } from '../../db/repositories/needs';
import { findOffer, saveOffer } from '../../db/repositories/offers';
import { appendShipmentEvent, insertShipment, listShipments, type Shipment } from '../../db/repositories/shipments';
import { findWarehouse } from '../../db/repositories/warehouses';
import type { Executor } from '../../db/schema';
import { committedQuantity, parseSupplyKey } from '../../model/allocation';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { toMinor } from '../../model/ledger';
import { mayAct } from '../../model/membership';
import type { Need } from '../../model/need';
import { offerStatus } from '../../model/offer';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { IdempotencyLedger, type IdempotentRequest, idempotently } from '../idempotency';
import { applyStockChanges } from '../inventory/record-movement';
import { postLedgerTransaction } from '../ledger/post-transaction';
import { settleNeed } from '../needs/claims';
import { organizationForChange } from '../organizations/load-organization';
import { changeablePlan } from './allocation-plans';

/** A claim carried by a shipment holds until the shipment ends, not by the claim timer. */
export const SHIPMENT_HOLD = '9999-12-31T00:00:00.000Z';

/**
 * The organization holding a supply must still be able to act when the plan is committed. One
 * suspended (or exited) since the plan was made has nothing the plan may take: the supply is
 * refused like stock that moved meanwhile (409 insufficient_stock, available 0), not as if the
 * coordinator lacked a right (the 403 membership_inactive its own people get when acting).
 */
async function supplierStillActing(trx: Executor, organizationId: string, supply: Record<string, string>): Promise<void> {
  const org = await organizationForChange(trx, organizationId);
  if (mayAct(org.membership.status)) return;
  throw new AppError('insufficient_stock', {
    detail: `the organization holding the supply is ${org.membership.status}: its supplies are out of the plan; propose it again`,
    extra: { available: 0, ...supply, organizationId, membershipStatus: org.membership.status },
  });
}

/** Takes the line's quantity from its supply and names who holds it; refused when the supply no longer has it. */
async function takeFromSupply(
  trx: Executor,
  line: AllocationLine,
  quantity: number,
  at: string,
): Promise<{
  organizationId: string;
  warehouseId: string | null;
  offerId: string | null;
  from: { accountKind: 'warehouse' | 'pledged'; accountId: string };
}> {
  const source = parseSupplyKey(line.supplyKey);
  if (!source) throw new Error(`a stored plan names a supply key ${line.supplyKey}`);
  if (source.kind === 'warehouse') {
    const warehouse = await findWarehouse(trx, source.warehouseId);
    if (!warehouse || warehouse.archivedAt)
      throw new AppError('archived', { detail: `the warehouse ${source.warehouseId} is gone` });
    await supplierStillActing(trx, warehouse.organizationId, { item: line.item, warehouseId: warehouse.id });
    await applyStockChanges(trx, [{ warehouseId: warehouse.id, item: line.item, delta: -toMinor(line.item, quantity) }], at);
    return {
      organizationId: warehouse.organizationId,
      warehouseId: warehouse.id,
      offerId: null,
      from: { accountKind: 'warehouse', accountId: warehouse.id },
    };
  }
  const offer = await findOffer(trx, source.offerId);
  if (!offer?.organizationId || (offer.status !== 'pledged' && offer.status !== 'partly_received')) {
    throw new AppError('insufficient_stock', {
      detail: 'the offer is no longer available',
      extra: { available: 0, item: line.item },
    });
  }
  const left = (offer.quantity ?? 0) - offer.receivedQuantity;
  if (left + 1e-9 < quantity) {
    throw new AppError('insufficient_stock', {
      detail: `only ${left} of the offer is left`,
      extra: { available: left, item: line.item, offerId: offer.id },
    });
  }
  await supplierStillActing(trx, offer.organizationId, { item: line.item, offerId: offer.id });
  const taken = { ...offer, receivedQuantity: offer.receivedQuantity + quantity, updatedAt: at };
  await saveOffer(trx, { ...taken, status: offerStatus(taken) });
  return {
    organizationId: offer.organizationId,
    warehouseId: null,
    offerId: offer.id,
    from: { accountKind: 'pledged', accountId: offer.id },
  };
}

/** Commits a proposed plan: shipments, claims and ledger postings, in one transaction. */
export async function commitAllocation(
  deps: Deps,
  actor: Actor,
  planId: string,
  idempotency?: IdempotentRequest,
): Promise<{ planId: string; shipments: Shipment[] }> {
  return idempotently(idempotency, () =>
    deps.db.transaction().execute(async (trx) => {
      const keys = await IdempotencyLedger.load(trx, [idempotency]);
      const earlier = keys.earlier(idempotency);
      // A retried commit answers with what the first one made.
      if (earlier === planId) return { planId, shipments: await listShipments(trx, { planId, limit: 10_000 }) };
      if (earlier)
        throw new AppError('idempotency_mismatch', { field: 'Idempotency-Key', detail: 'this key committed another plan' });
      const committed = await commitPlan(trx, deps, actor, planId);
      keys.record(idempotency, planId);
      await keys.write(trx, nowIso(deps));
      return committed;
    }),
  );
}

async function commitPlan(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  planId: string,
): Promise<{ planId: string; shipments: Shipment[] }> {
  const plan = await changeablePlan(trx, actor, planId);
  const at = nowIso(deps);
  if (!(await decidePlan(trx, planId, 'committed', actorId(actor), at))) {
    throw new AppError('invalid_transition', { detail: `the plan is ${plan.status}: only a proposed plan is committed` });
  }
  const needs = await findNeedsByIds(
    trx,
    plan.lines.map((l) => l.needId),
  );
  const shipments: Shipment[] = [];
  for (const line of plan.lines) {
    const quantity = committedQuantity(line.quantity);
    if (quantity <= 0) continue;
    const need = needs.get(line.needId) as Need;
    if (!need || need.closeReason || !(await reserveQuantity(trx, need.id, quantity))) {
      throw new AppError('claim_conflict', {
        field: 'needId',
        detail: `the need ${need?.title ?? line.needId} no longer has ${quantity} unclaimed: propose the plan again`,
        extra: { needId: line.needId },
      });
    }
    const supply = await takeFromSupply(trx, line, quantity, at);
    const claimId = newId();
    await insertClaim(trx, {
      id: claimId,
      needId: need.id,
      organizationId: supply.organizationId,
      quantity,
      status: 'active',
      dispatchedBy: actorId(actor),
      note: null,
      claimedBy: actorId(actor),
      claimedAt: at,
      progressAt: null,
      expiresAt: SHIPMENT_HOLD,
      endedAt: null,
    });
    const shipment: Shipment = {
      id: newId(),
      incidentId: plan.incidentId,
      planId,
      needId: need.id,
      claimId,
      organizationId: supply.organizationId,
      item: line.item,
      quantity,
      receivedQuantity: null,
      warehouseId: supply.warehouseId,
      offerId: supply.offerId,
      status: 'dispatched',
      reason: null,
      createdBy: actorId(actor),
      createdAt: at,
      updatedAt: at,
    };
    await insertShipment(trx, shipment);
    await appendShipmentEvent(trx, shipment.id, { status: 'dispatched', quantity, reason: null, actorId: actorId(actor), at });
    await postLedgerTransaction(trx, deps, {
      actor,
      incidentId: plan.incidentId,
      kind: 'allocate',
      refs: { shipmentId: shipment.id, offerId: supply.offerId ?? undefined },
      entries: [
        { ...supply.from, asset: line.item, amount: -quantity, organizationId: supply.organizationId },
        {
          accountKind: 'allocated',
          accountId: shipment.id,
          asset: line.item,
          amount: quantity,
          organizationId: supply.organizationId,
          jurisdiction: need.jurisdiction,
        },
      ],
    });
    await appendNeedEvent(
      trx,
      need.id,
      'allocated',
      { claimId, shipmentId: shipment.id, organizationId: supply.organizationId, quantity },
      actorId(actor),
      at,
    );
    await settleNeed(trx, deps, need.id);
    shipments.push(shipment);
  }
  await recordChange(trx, deps, actor, {
    action: 'allocation.commit',
    entityType: 'allocationPlan',
    entityId: planId,
    before: { status: 'proposed' },
    after: { status: 'committed', shipments: shipments.map((s) => s.id) },
    live: { incidentId: plan.incidentId, kind: 'shipment' },
  });
  return { planId, shipments };
}
