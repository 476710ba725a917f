/**
 * A collection point receives a donor's goods against the offer's reference code: the goods
 * enter the system (pledged → the warehouse in the ledger) and the offer counts them received.
 * Runs inside the movement's transaction (src/services/inventory/record-movement.ts).
 */
import { findOfferByReference, saveOffer } from '../../db/repositories/offers';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import type { AccountRef } from '../../model/ledger';
import { offerStatus } from '../../model/offer';

/** Counts received goods against the offer; answers the ledger account they come from and the offer's incident. */
export async function receiveAgainstOffer(
  trx: Executor,
  input: { offerReference: string; item: string; quantity: number; incidentId?: string | null },
  at: string,
): Promise<{ source: AccountRef; incidentId: string; offerId: string }> {
  const offer = await findOfferByReference(trx, input.offerReference.trim().toUpperCase());
  if (!offer)
    throw new AppError('not_found', { field: 'offerReference', detail: 'offerReference: no offer has this reference code' });
  if (offer.item === null || offer.quantity === null) {
    throw new AppError('invalid_input', {
      field: 'offerReference',
      detail: `offerReference: the offer is of ${offer.kind}, not of goods`,
    });
  }
  if (offer.item !== input.item) {
    throw new AppError('invalid_input', { field: 'item', detail: `item: the offer is of ${offer.item}` });
  }
  if (input.incidentId && input.incidentId !== offer.incidentId) {
    throw new AppError('invalid_input', { field: 'incidentId', detail: 'incidentId: the offer was made to another incident' });
  }
  if (offer.status !== 'pledged' && offer.status !== 'partly_received') {
    throw new AppError('invalid_transition', { field: 'offerReference', detail: `the offer is ${offer.status}` });
  }
  const outstanding = offer.quantity - offer.receivedQuantity;
  if (input.quantity > outstanding + 1e-9) {
    throw new AppError('invalid_input', {
      field: 'quantity',
      detail: `quantity: ${outstanding} of the offer is still to be received`,
      extra: { outstanding },
    });
  }
  const received = { ...offer, receivedQuantity: offer.receivedQuantity + input.quantity, updatedAt: at };
  await saveOffer(trx, { ...received, status: offerStatus(received) });
  return { source: { accountKind: 'pledged', accountId: offer.id }, incidentId: offer.incidentId, offerId: offer.id };
}
