/**
 * A movement of stock: receive, issue, transfer, adjust or write off. The stock lines change,
 * the ledger is posted and the movement recorded in one transaction. Taking from a line is one
 * conditional update (`quantity >= taken`), so no number of issues at once, on any number of
 * connections, takes more than is there: the one that would is refused with 409
 * `insufficient_stock` naming what is `available`. A retry with the same Idempotency-Key is
 * answered with the first movement and applied once.
 */
import { findIncident } from '../../db/repositories/incidents';
import {
  addStock,
  findMovement,
  findWarehouse,
  insertMovement,
  stockQuantity,
  takeStock,
} from '../../db/repositories/warehouses';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import {
  checkMovement,
  type Movement,
  type MovementInput,
  movementEntries,
  type StockChange,
  stockChanges,
  type Warehouse,
} from '../../model/inventory';
import { findItem } from '../../model/items';
import { type AccountRef, fromMinor } from '../../model/ledger';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { IdempotencyLedger, type IdempotentRequest, idempotently } from '../idempotency';
import { postLedgerTransaction } from '../ledger/post-transaction';
import { actingOrganization } from '../organizations/load-organization';
import { assertCanMoveStock } from '../policy';
import { receiveAgainstOffer } from '../resources/receive-offer';
import { type MovementView, movementView } from './read-warehouses';

/** A stock line after the movement, in the item's unit. */
export interface StockAfter {
  warehouseId: string;
  item: string;
  quantity: number;
}

export interface RecordedMovement {
  movement: MovementView;
  stock: StockAfter[];
}

/** The same refusal, naming the field that pointed at the record (a transfer's target). */
function naming(field: string | undefined, error: AppError): AppError {
  return field ? new AppError(error.code, { field, detail: error.detail, extra: error.extra }) : error;
}

async function warehouseOr404(trx: Executor, id: string, field?: string): Promise<Warehouse> {
  const warehouse = await findWarehouse(trx, id);
  if (!warehouse) throw naming(field, new AppError('not_found'));
  return warehouse;
}

/** Refuses an archived warehouse (409), and one whose owner may not act (403 membership_inactive), as for any response action. */
async function assertOpen(trx: Executor, warehouse: Warehouse, field?: string): Promise<void> {
  if (warehouse.archivedAt) throw naming(field, new AppError('archived', { detail: 'the warehouse is archived' }));
  try {
    await actingOrganization(trx, warehouse.organizationId);
  } catch (error) {
    throw error instanceof AppError ? naming(field, error) : error;
  }
}

/** Applies the stock changes in a fixed order (so concurrent movements lock lines alike), refusing any that would go below zero. */
export async function applyStockChanges(trx: Executor, changes: readonly StockChange[], at: string): Promise<void> {
  const ordered = [...changes].sort((a, b) =>
    a.warehouseId === b.warehouseId ? (a.item < b.item ? -1 : 1) : a.warehouseId < b.warehouseId ? -1 : 1,
  );
  for (const change of ordered) {
    if (change.delta > 0) {
      await addStock(trx, change, at);
    } else if (!(await takeStock(trx, change, at))) {
      const available = fromMinor(change.item, await stockQuantity(trx, change.warehouseId, change.item));
      const unit = findItem(change.item)?.unitEn ?? '';
      throw new AppError('insufficient_stock', {
        field: 'quantity',
        detail: `quantity: only ${available} ${unit} of ${change.item} is in stock`,
        extra: { available, item: change.item, warehouseId: change.warehouseId },
      });
    }
  }
}

async function linesAfter(trx: Executor, movement: Movement): Promise<StockAfter[]> {
  const ids = movement.toWarehouseId ? [movement.warehouseId, movement.toWarehouseId] : [movement.warehouseId];
  return Promise.all(
    ids.map(async (warehouseId) => ({
      warehouseId,
      item: movement.item,
      quantity: fromMinor(movement.item, await stockQuantity(trx, warehouseId, movement.item)),
    })),
  );
}

export interface MoveOptions {
  /** Where received goods come from: an offer's `pledged` account once offers are received; the owner's `source` account otherwise. */
  source?: AccountRef;
}

/**
 * Records a movement inside the caller's transaction: checks, stock, ledger, the movement,
 * its audit record. Offers' receipts call this with `source` (their pledged account).
 */
export async function moveStock(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  warehouseId: string,
  input: MovementInput,
  options: MoveOptions = {},
): Promise<RecordedMovement> {
  const { quantityMinor } = checkMovement(warehouseId, input);
  const warehouse = await warehouseOr404(trx, warehouseId);
  assertCanMoveStock(actor, warehouse);
  await assertOpen(trx, warehouse);
  const target =
    input.kind === 'transfer' ? await warehouseOr404(trx, input.toWarehouseId as string, 'toWarehouseId') : undefined;
  if (target) await assertOpen(trx, target, 'toWarehouseId');
  const changeAt = deps.now().toISOString();
  // A donor's goods handed in with the offer's reference code come from its pledge, for its incident.
  const fromOffer =
    input.kind === 'receive' && input.offerReference?.trim()
      ? await receiveAgainstOffer(
          trx,
          {
            offerReference: input.offerReference,
            item: input.item,
            quantity: quantityMinor / 1000,
            incidentId: input.incidentId,
          },
          changeAt,
        )
      : undefined;
  const incidentId = fromOffer?.incidentId ?? input.incidentId ?? null;
  if (incidentId) {
    const incident = await findIncident(trx, incidentId);
    if (!incident) throw new AppError('not_found', { field: 'incidentId' });
    if (incident.stage === 'closed') throw new AppError('archived', { field: 'incidentId', detail: 'the incident is closed' });
  }
  const movementId = newId();
  const source = fromOffer?.source ?? options.source;
  const entries = movementEntries({ kind: input.kind, item: input.item, quantityMinor }, warehouse, target, source);
  // The stock first: a refused take writes nothing, and every movement locks lines, then balances.
  const partial = { kind: input.kind, warehouseId, toWarehouseId: target?.id ?? null, item: input.item, quantityMinor };
  await applyStockChanges(trx, stockChanges(partial), changeAt);
  const posted = await postLedgerTransaction(trx, deps, {
    actor,
    incidentId,
    kind: input.kind,
    refs: { movementId, offerId: fromOffer?.offerId },
    entries,
  });
  const movement: Movement = {
    id: movementId,
    ...partial,
    reason: input.reason?.trim() || null,
    incidentId,
    offerReference: input.offerReference?.trim() || null,
    transactionId: posted.id,
    actorId: actorId(actor),
    at: posted.at,
  };
  await insertMovement(trx, movement);
  const view = movementView(movement);
  await recordChange(trx, deps, actor, {
    action: `inventory.${input.kind}`,
    entityType: 'movement',
    entityId: movementId,
    after: view,
  });
  return { movement: view, stock: await linesAfter(trx, movement) };
}

/** Records a movement in its own transaction; a retry with the same Idempotency-Key answers the first one. */
export async function recordMovement(
  deps: Deps,
  actor: Actor,
  warehouseId: string,
  input: MovementInput,
  idempotency?: IdempotentRequest,
): Promise<RecordedMovement> {
  return idempotently(idempotency, () =>
    deps.db.transaction().execute(async (trx) => {
      const keys = await IdempotencyLedger.load(trx, [idempotency]);
      const earlier = keys.earlier(idempotency);
      if (earlier) {
        const movement = await findMovement(trx, earlier);
        if (!movement) throw new AppError('not_found');
        return { movement: movementView(movement), stock: await linesAfter(trx, movement) };
      }
      const recorded = await moveStock(trx, deps, actor, warehouseId, input);
      keys.record(idempotency, recorded.movement.id);
      await keys.write(trx, recorded.movement.at);
      return recorded;
    }),
  );
}
