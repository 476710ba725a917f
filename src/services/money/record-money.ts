/**
 * Money moving for an incident: an organization records money received (against a donor's
 * money pledge, or directly), money disbursed for a purpose, and money given back to a donor.
 * Each is one transaction: a balanced ledger posting of the money asset (pledged or source →
 * organization → disbursed or returned), the movement with who, when and why, and its audit
 * record. The organization's money held for the incident may not go below zero and a pledge
 * may not be received beyond what is still pledged: both are floors checked under the
 * balance rows' locks (postLedgerTransaction), so concurrent requests cannot together
 * overdraw. A retry with the same Idempotency-Key answers with the first movement.
 */
import { balanceOf } from '../../db/repositories/ledger';
import { findMoneyMovement, holdOffer, insertMoneyMovement, offerMoneyTotals } from '../../db/repositories/money';
import { findNeed } from '../../db/repositories/needs';
import { findOffer, findOfferByReference, saveOffer } from '../../db/repositories/offers';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { type AccountRef, type LedgerEntryInput, MONEY } from '../../model/ledger';
import { isMovementAmount, MAX_MOVEMENT_FEN, type MoneyMovement, type MoneyMovementKind, yuanOf } from '../../model/money';
import { type Offer, offerStatus } from '../../model/offer';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { createOnce, type IdempotentRequest } from '../idempotency';
import { type LedgerFloor, postLedgerTransaction } from '../ledger/post-transaction';
import { actingOrganization } from '../organizations/load-organization';
import { assertCanHandleMoney } from '../policy';
import { incidentTakingOffers } from '../resources/offers';
import { flagIfUnqualified } from './flag-fundraising';

interface Against {
  offerId?: string | null;
  referenceCode?: string | null;
}

export interface MoneyReceiptInput extends Against {
  organizationId: string;
  amountFen: number;
  raisedPublicly?: boolean;
  note?: string | null;
}

export interface DisbursementInput {
  organizationId: string;
  amountFen: number;
  purpose: string;
  needId?: string | null;
}

export interface MoneyReturnInput extends Against {
  organizationId: string;
  amountFen: number;
  reason: string;
}

/** A movement as its recorder reads it back: with the organization's money held for the incident after it. */
export type MoneyMovementView = MoneyMovement & { heldFen: number };

function invalid(field: string, detail: string): AppError {
  return new AppError('invalid_input', { field, detail: `${field}: ${detail}` });
}

function checkAmount(amountFen: number): void {
  if (!isMovementAmount(amountFen)) {
    throw invalid('amountFen', `a whole number of fen from 1 to ${MAX_MOVEMENT_FEN}`);
  }
}

/** The money offer of this incident a movement names by id or reference code, if it names one. */
async function moneyOffer(trx: Executor, incidentId: string, against: Against): Promise<Offer | undefined> {
  const byId = against.offerId?.trim();
  const byCode = against.referenceCode?.trim();
  if (byId && byCode) throw invalid('referenceCode', 'name the offer by offerId or by referenceCode, not both');
  if (!byId && !byCode) return undefined;
  const field = byId ? 'offerId' : 'referenceCode';
  const offer = byId ? await findOffer(trx, byId) : await findOfferByReference(trx, (byCode as string).toUpperCase());
  if (!offer) throw new AppError('not_found', { field, detail: `${field}: no offer is known by it` });
  if (offer.incidentId !== incidentId) throw invalid(field, 'the offer was made to another incident');
  if (offer.kind !== 'money') throw invalid(field, `the offer is of ${offer.kind}, not of money`);
  return offer;
}

const account = (accountKind: AccountRef['accountKind'], accountId: string): AccountRef => ({ accountKind, accountId });

function moneyEntries(from: AccountRef, to: AccountRef, amountFen: number, organizationId: string, jurisdiction: string | null) {
  const side = { organizationId, asset: MONEY };
  return [
    { ...from, ...side, jurisdiction: null, amount: -yuanOf(amountFen) },
    { ...to, ...side, jurisdiction, amount: yuanOf(amountFen) },
  ] satisfies LedgerEntryInput[];
}

/** The organization's money held for the incident may not go below zero. */
function fundsFloor(organizationId: string): LedgerFloor {
  return {
    ...account('organization', organizationId),
    asset: MONEY,
    refuse: (available) =>
      new AppError('insufficient_funds', {
        field: 'amountFen',
        detail: `amountFen: the organization holds only ${available} fen for this incident`,
        extra: { available },
      }),
  };
}

function exceedsPledge(remaining: number, what: string): AppError {
  return new AppError('exceeds_pledge', {
    field: 'amountFen',
    detail: `amountFen: only ${remaining} fen ${what}`,
    extra: { remaining },
  });
}

interface Draft {
  kind: MoneyMovementKind;
  organizationId: string;
  amountFen: number;
  offer?: Offer;
  needId?: string | null;
  raisedPublicly?: boolean;
  purpose: string | null;
  from: AccountRef;
  to: AccountRef;
  jurisdiction?: string | null;
  floors: LedgerFloor[];
}

const LEDGER_KIND = { receipt: 'receive', disbursement: 'disburse', return: 'return' } as const;

/** Posts the money, writes the movement and audits it; answers the movement. */
async function post(trx: Executor, deps: Deps, actor: Actor, incidentId: string, draft: Draft): Promise<MoneyMovement> {
  const id = newId();
  const posted = await postLedgerTransaction(trx, deps, {
    actor,
    incidentId,
    kind: LEDGER_KIND[draft.kind],
    refs: { offerId: draft.offer?.id },
    entries: moneyEntries(
      draft.from,
      draft.to.accountId ? draft.to : account(draft.to.accountKind, id),
      draft.amountFen,
      draft.organizationId,
      draft.jurisdiction ?? null,
    ),
    floors: draft.floors,
  });
  const movement: MoneyMovement = {
    id,
    incidentId,
    organizationId: draft.organizationId,
    kind: draft.kind,
    amountFen: draft.amountFen,
    offerId: draft.offer?.id ?? null,
    needId: draft.needId ?? null,
    raisedPublicly: draft.raisedPublicly ?? false,
    purpose: draft.purpose,
    transactionId: posted.id,
    actorId: actorId(actor),
    at: posted.at,
  };
  await insertMoneyMovement(trx, movement);
  await recordChange(trx, deps, actor, {
    action: `money.${draft.kind}`,
    entityType: 'moneyMovement',
    entityId: id,
    after: movement,
    live: { incidentId, kind: 'offer' },
  });
  return movement;
}

/** Runs one money movement in its own transaction under an Idempotency-Key, after the checks every kind shares. */
async function recordOnce(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: { organizationId: string; amountFen: number },
  idempotency: IdempotentRequest | undefined,
  make: (trx: Executor) => Promise<MoneyMovement>,
): Promise<MoneyMovementView> {
  checkAmount(input.amountFen);
  const { id } = await createOnce(
    deps.db,
    idempotency,
    () => nowIso(deps),
    async (trx) => {
      await incidentTakingOffers(trx, incidentId);
      assertCanHandleMoney(actor, input.organizationId);
      await actingOrganization(trx, input.organizationId);
      return (await make(trx)).id;
    },
  );
  const movement = await findMoneyMovement(deps.db, id);
  if (!movement) throw new AppError('not_found');
  const held = await balanceOf(deps.db, movement.incidentId, account('organization', movement.organizationId), MONEY);
  return { ...movement, heldFen: held };
}

/** An organization records money received: against a money pledge (not beyond what is still pledged) or directly. */
export async function recordMoneyReceipt(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: MoneyReceiptInput,
  idempotency?: IdempotentRequest,
): Promise<MoneyMovementView> {
  return recordOnce(deps, actor, incidentId, input, idempotency, async (trx) => {
    const offer = await moneyOffer(trx, incidentId, input);
    const { organizationId, amountFen } = input;
    if (offer) {
      if (offer.status === 'withdrawn') {
        throw new AppError('invalid_transition', { field: 'offerId', detail: 'the offer was withdrawn' });
      }
      const remaining = (offer.amountFen ?? 0) - offer.receivedQuantity;
      if (amountFen > remaining) throw exceedsPledge(remaining, 'of this pledge is still to be received');
    }
    const pledged = offer ? account('pledged', offer.id) : undefined;
    const movement = await post(trx, deps, actor, incidentId, {
      kind: 'receipt',
      organizationId,
      amountFen,
      offer,
      raisedPublicly: input.raisedPublicly === true || offer?.raisedPublicly === true,
      purpose: input.note?.trim() || null,
      from: pledged ?? account('source', organizationId),
      to: account('organization', organizationId),
      // Two receipts at once against one pledge: the second waits for the first's row and sees what is left.
      floors: pledged
        ? [{ ...pledged, asset: MONEY, refuse: (left) => exceedsPledge(left, 'of this pledge is still to be received') }]
        : [],
    });
    if (offer) {
      // What is received is what left the pledge, read under its lock: concurrent receipts cannot lose one another's.
      const left = await balanceOf(trx, incidentId, pledged as AccountRef, MONEY);
      const received = { ...offer, receivedQuantity: (offer.amountFen ?? 0) - left, updatedAt: movement.at };
      await saveOffer(trx, { ...received, status: offerStatus(received) });
    }
    // An offer recorded as raised publicly was flagged when it was recorded.
    if (input.raisedPublicly === true && offer?.raisedPublicly !== true) {
      await flagIfUnqualified(trx, deps, { incidentId, organizationId, subjectId: movement.id, at: movement.at });
    }
    return movement;
  });
}

/** An organization records money it disbursed for the incident, not beyond what it holds for it. */
export async function recordDisbursement(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: DisbursementInput,
  idempotency?: IdempotentRequest,
): Promise<MoneyMovementView> {
  const purpose = input.purpose.trim();
  if (!purpose) throw invalid('purpose', 'say what the money paid for');
  return recordOnce(deps, actor, incidentId, input, idempotency, async (trx) => {
    const need = input.needId ? await findNeed(trx, input.needId) : undefined;
    if (input.needId && (!need || need.incidentId !== incidentId)) {
      throw new AppError('not_found', { field: 'needId', detail: 'needId: this incident has no such need' });
    }
    return post(trx, deps, actor, incidentId, {
      kind: 'disbursement',
      organizationId: input.organizationId,
      amountFen: input.amountFen,
      needId: need?.id ?? null,
      purpose,
      from: account('organization', input.organizationId),
      to: account('disbursed', input.organizationId),
      jurisdiction: need?.jurisdiction ?? null,
      floors: [fundsFloor(input.organizationId)],
    });
  });
}

/** An organization gives money back to a donor: of a pledge, no more than it received of it and has not given back. */
export async function recordMoneyReturn(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: MoneyReturnInput,
  idempotency?: IdempotentRequest,
): Promise<MoneyMovementView> {
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', 'say why the money is given back');
  return recordOnce(deps, actor, incidentId, input, idempotency, async (trx) => {
    const offer = await moneyOffer(trx, incidentId, input);
    if (offer) {
      await holdOffer(trx, offer.id);
      const { receivedFen, returnedFen } = await offerMoneyTotals(trx, offer.id, input.organizationId);
      const left = receivedFen - returnedFen;
      if (input.amountFen > left) throw exceedsPledge(left, 'of this offer was received by the organization and not given back');
    }
    return post(trx, deps, actor, incidentId, {
      kind: 'return',
      organizationId: input.organizationId,
      amountFen: input.amountFen,
      offer,
      purpose: reason,
      from: account('organization', input.organizationId),
      // Given back to the offer's donor; a direct receipt's giver has no offer, so the movement names the account.
      to: account('returned', offer?.id ?? ''),
      floors: [fundsFloor(input.organizationId)],
    });
  });
}
