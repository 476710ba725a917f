/** Money movements: receipts, disbursements and returns, kept beside the ledger's entries. */
import type { MoneyMovement, MoneyMovementKind } from '../../model/money';
import { selectInChunks } from '../bulk';
import type { Executor, MoneyMovementsTable } from '../schema';

const toMovement = (r: MoneyMovementsTable): MoneyMovement => ({
  id: r.id,
  incidentId: r.incident_id,
  organizationId: r.organization_id,
  kind: r.kind as MoneyMovementKind,
  amountFen: Number(r.amount_fen),
  offerId: r.offer_id,
  needId: r.need_id,
  raisedPublicly: Number(r.raised_publicly) === 1,
  purpose: r.purpose,
  transactionId: r.transaction_id,
  actorId: r.actor_id,
  at: r.at,
});

export async function insertMoneyMovement(db: Executor, m: MoneyMovement): Promise<void> {
  await db
    .insertInto('money_movements')
    .values({
      id: m.id,
      incident_id: m.incidentId,
      organization_id: m.organizationId,
      kind: m.kind,
      amount_fen: m.amountFen,
      offer_id: m.offerId,
      need_id: m.needId,
      raised_publicly: m.raisedPublicly ? 1 : 0,
      purpose: m.purpose,
      transaction_id: m.transactionId,
      actor_id: m.actorId,
      at: m.at,
    })
    .execute();
}

export async function findMoneyMovement(db: Executor, id: string): Promise<MoneyMovement | undefined> {
  const row = await db.selectFrom('money_movements').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMovement(row) : undefined;
}

export async function findMoneyMovements(db: Executor, ids: readonly string[]): Promise<Map<string, MoneyMovement>> {
  const rows = await selectInChunks([...new Set(ids)], (chunk) =>
    db.selectFrom('money_movements').selectAll().where('id', 'in', chunk).execute(),
  );
  return new Map(rows.map((r) => [r.id, toMovement(r)]));
}

/**
 * Takes the offer's row lock until the transaction ends (a no-op update), so that two returns
 * of one offer's money run one after the other and the second counts what the first gave back.
 */
export async function holdOffer(db: Executor, offerId: string): Promise<void> {
  await db
    .updateTable('offers')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', offerId)
    .execute();
}

/** What an organization received of an offer and gave back of it, in fen. */
export async function offerMoneyTotals(
  db: Executor,
  offerId: string,
  organizationId: string,
): Promise<{ receivedFen: number; returnedFen: number }> {
  const rows = await db
    .selectFrom('money_movements')
    .select(['kind', (eb) => eb.fn.sum<number | string>('amount_fen').as('total')])
    .where('offer_id', '=', offerId)
    .where('organization_id', '=', organizationId)
    .groupBy('kind')
    .execute();
  const total = (kind: MoneyMovementKind) => Number(rows.find((r) => r.kind === kind)?.total ?? 0);
  return { receivedFen: total('receipt'), returnedFen: total('return') };
}
