/**
 * Offers and pledges to an incident. A member of the public offers without an account and
 * keeps a reference code; goods nobody asks for, or that the coordinators marked not needed,
 * are refused with what is needed now (422 `not_needed`). An organization may still record
 * such an offer, with its reason. One transaction per offer, honouring Idempotency-Key.
 */
import { findIncident } from '../../db/repositories/incidents';
import { findOffer, insertOffer, neededItems, saveOffer, unwantedItems } from '../../db/repositories/offers';
import type { Executor } from '../../db/schema';
import { normalizePhone } from '../../interop/need-sheet-row';
import { AppError } from '../../model/errors';
import { newId, readableCode } from '../../model/ids';
import type { Incident } from '../../model/incident';
import { catalogueItem } from '../../model/items';
import { findJurisdiction } from '../../model/jurisdictions';
import { MONEY } from '../../model/ledger';
import { type Offer, type OfferInput, type OfferSource, offerStatus, whyNotNeeded } from '../../model/offer';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { createOnce, type IdempotentRequest } from '../idempotency';
import { postLedgerTransaction } from '../ledger/post-transaction';
import { flagIfUnqualified } from '../money/flag-fundraising';
import { actingOrganization } from '../organizations/load-organization';
import { actsFor, canCoordinateIncident, reportsNeeds } from '../policy';

const PUBLIC_DONOR: Actor = { kind: 'system', label: 'public' };

/** An incident that still takes offers. */
export async function incidentTakingOffers(db: Executor, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident) throw new AppError('not_found', { field: 'incidentId' });
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
  return incident;
}

const blank = (value: string | null | undefined) => value?.trim() || null;

function invalid(field: string, detail: string): AppError {
  return new AppError('invalid_input', { field, detail: `${field}: ${detail}` });
}

/** What an offer of each kind must say: goods an item and a quantity, money an amount, the rest what it is. */
function checkShape(input: OfferInput): void {
  const { kind } = input;
  if (kind === 'money') {
    if (!input.amountFen) throw invalid('amountFen', 'an offer of money gives its amount in fen');
    if (input.item || input.quantity) throw invalid('item', 'an offer of money has no item or quantity');
    return;
  }
  if (input.amountFen) throw invalid('amountFen', `an offer of ${kind} has no amount of money`);
  if (kind === 'goods' && !input.item) throw invalid('item', 'an offer of goods names its catalogue item');
  if (input.item && !input.quantity) throw invalid('quantity', 'say how many units of the item are offered');
  if (input.quantity && !input.item) throw invalid('item', 'a quantity counts units of a catalogue item');
  if (!input.item && !blank(input.note)) throw invalid('note', `describe the ${kind} offered`);
  if (input.item && input.quantity && !catalogueItem(input.item).divisible && !Number.isInteger(input.quantity)) {
    throw invalid('quantity', 'this item is handed out in whole units');
  }
}

function checkPlace(input: OfferInput): void {
  if (!findJurisdiction(input.jurisdiction)) {
    throw new AppError('unknown_jurisdiction', {
      field: 'jurisdiction',
      detail: `jurisdiction: no GB/T 2260 division has the code ${input.jurisdiction}`,
    });
  }
  if (((input.lat ?? null) === null) !== ((input.lon ?? null) === null))
    throw invalid('lat', 'give both lat and lon, or neither');
  if (input.availableFrom && input.availableUntil && input.availableUntil < input.availableFrom) {
    throw invalid('availableUntil', 'the availability ends before it begins');
  }
  if (input.donorPhone && !normalizePhone(input.donorPhone)) throw invalid('donorPhone', 'not a phone number');
}

/**
 * What an incident does not want now — refused for the public, recorded with a reason for
 * organizations: goods no open need asks for, and an offer of any kind naming an item the
 * coordinators marked not needed (a generator offered as equipment is still a generator).
 */
async function assertWanted(trx: Executor, incidentId: string, input: OfferInput, reason: string | null): Promise<string | null> {
  if (!input.item) return null;
  const [needed, unwanted] = await Promise.all([neededItems(trx, incidentId), unwantedItems(trx, incidentId)]);
  const why = whyNotNeeded(input.item, needed, unwanted);
  // Services, equipment and vehicles are offered without a need asking for them; only the mark refuses them.
  if (!why || (why.reason === 'no_open_need' && input.kind !== 'goods')) return null;
  if (reason) return reason;
  const detail =
    why.reason === 'marked_not_needed'
      ? `the coordinators marked ${input.item} not needed: ${why.detail}`
      : `no open need of this incident asks for ${input.item}`;
  throw new AppError('not_needed', { field: 'item', detail, extra: { reason: why.reason, needed } });
}

function makeOffer(
  deps: Deps,
  actor: Actor,
  incident: Incident,
  input: OfferInput,
  origin: { source: OfferSource; organizationId: string | null; unwantedReason: string | null; raisedPublicly: boolean },
): Offer {
  const at = nowIso(deps);
  return {
    id: newId(),
    incidentId: incident.id,
    referenceCode: readableCode(),
    kind: input.kind,
    item: input.item ? catalogueItem(input.item).code : null,
    quantity: input.quantity ?? null,
    amountFen: input.amountFen ?? null,
    jurisdiction: input.jurisdiction,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    availableFrom: input.availableFrom ?? null,
    availableUntil: input.availableUntil ?? null,
    conditions: blank(input.conditions),
    note: blank(input.note),
    donorName: blank(input.donorName),
    donorPhone: input.donorPhone ? (normalizePhone(input.donorPhone) ?? null) : null,
    organizationId: origin.organizationId,
    source: origin.source,
    unwantedReason: origin.unwantedReason,
    raisedPublicly: origin.raisedPublicly,
    status: 'pledged',
    receivedQuantity: 0,
    createdBy: actorId(actor),
    createdAt: at,
    updatedAt: at,
  };
}

/** What an offer promises, as an asset and amount of the ledger: money, or a quantity of a catalogue item. */
function pledgedAmount(offer: Offer): { asset: string; amount: number } | null {
  if (offer.kind === 'money' && offer.amountFen) return { asset: MONEY, amount: offer.amountFen / 100 };
  if (offer.item && offer.quantity) return { asset: offer.item, amount: offer.quantity };
  return null;
}

/** Posts a pledge (donor → pledged), or, when the offer is withdrawn, what is still pledged as returned (pledged → returned). */
async function postPledge(trx: Executor, deps: Deps, actor: Actor, offer: Offer, outstanding: number, withdraw: boolean) {
  const pledged = pledgedAmount(offer);
  if (!pledged || outstanding <= 0) return;
  const at = { organizationId: offer.organizationId, jurisdiction: offer.jurisdiction };
  const [from, to] = withdraw ? (['pledged', 'returned'] as const) : (['donor', 'pledged'] as const);
  await postLedgerTransaction(trx, deps, {
    actor,
    incidentId: offer.incidentId,
    kind: withdraw ? 'return' : 'pledge',
    refs: { offerId: offer.id },
    entries: [
      { accountKind: from, accountId: offer.id, asset: pledged.asset, amount: -outstanding, ...at },
      { accountKind: to, accountId: offer.id, asset: pledged.asset, amount: outstanding, ...at },
    ],
  });
}

async function record(trx: Executor, deps: Deps, actor: Actor, offer: Offer): Promise<string> {
  await insertOffer(trx, offer);
  await postPledge(trx, deps, actor, offer, pledgedAmount(offer)?.amount ?? 0, false);
  await recordChange(trx, deps, actor, {
    action: 'offer.pledge',
    entityType: 'offer',
    entityId: offer.id,
    after: offer,
    live: { incidentId: offer.incidentId, kind: 'offer' },
  });
  return offer.id;
}

async function offerById(db: Executor, id: string): Promise<Offer> {
  const offer = await findOffer(db, id);
  if (!offer) throw new AppError('not_found');
  return offer;
}

/** A member of the public offers; goods must be asked for by an open need and not marked not needed. */
export async function offerPublicly(
  deps: Deps,
  incidentId: string,
  input: OfferInput,
  idempotency?: IdempotentRequest,
): Promise<Offer> {
  checkShape(input);
  checkPlace(input);
  const { id } = await createOnce(
    deps.db,
    idempotency,
    () => nowIso(deps),
    async (trx) => {
      const incident = await incidentTakingOffers(trx, incidentId);
      await assertWanted(trx, incidentId, input, null);
      const offer = makeOffer(deps, PUBLIC_DONOR, incident, input, {
        source: 'public',
        organizationId: null,
        unwantedReason: null,
        raisedPublicly: false,
      });
      return record(trx, deps, PUBLIC_DONOR, offer);
    },
  );
  return offerById(deps.db, id);
}

/** What an organization records: its offer, with a reason when the goods are not needed now. */
export interface OrganizationOfferInput extends OfferInput {
  organizationId: string;
  reason?: string | null;
  raisedPublicly?: boolean;
}

/** An organization (or a coordinator for it) records an offer; goods not needed now need a reason. */
export async function recordOrganizationOffer(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: OrganizationOfferInput,
  idempotency?: IdempotentRequest,
): Promise<Offer> {
  checkShape(input);
  checkPlace(input);
  if (input.raisedPublicly && input.kind !== 'money') throw invalid('raisedPublicly', 'only money is raised publicly');
  const { id } = await createOnce(
    deps.db,
    idempotency,
    () => nowIso(deps),
    async (trx) => {
      const incident = await incidentTakingOffers(trx, incidentId);
      if (!actsFor(actor, input.organizationId) && !canCoordinateIncident(actor, incident.jurisdictions)) {
        throw new AppError(reportsNeeds(actor) ? 'out_of_scope' : 'forbidden', { field: 'organizationId' });
      }
      await actingOrganization(trx, input.organizationId).catch((error: unknown) => {
        // Name the field that pointed at a missing or archived organization, as other writes do.
        if (error instanceof AppError && !error.field)
          throw new AppError(error.code, { field: 'organizationId', detail: error.detail, extra: error.extra });
        throw error;
      });
      const unwantedReason = await assertWanted(trx, incidentId, input, blank(input.reason));
      const offer = makeOffer(deps, actor, incident, input, {
        source: 'organization',
        organizationId: input.organizationId,
        unwantedReason,
        raisedPublicly: input.raisedPublicly === true,
      });
      await record(trx, deps, actor, offer);
      // Money raised from the public by an organization without the qualification is flagged to the coordinators.
      if (offer.raisedPublicly) {
        await flagIfUnqualified(trx, deps, {
          incidentId,
          organizationId: input.organizationId,
          subjectId: offer.id,
          at: offer.createdAt,
        });
      }
      return offer.id;
    },
  );
  return offerById(deps.db, id);
}

/** The offering organization or a coordinator of the incident withdraws what is not yet received. */
export async function withdrawOffer(deps: Deps, actor: Actor, offerId: string, reason: string): Promise<Offer> {
  const why = reason.trim();
  if (!why) throw invalid('reason', 'say why the offer is withdrawn');
  return deps.db.transaction().execute(async (trx) => {
    const offer = await offerById(trx, offerId);
    const incident = await incidentTakingOffers(trx, offer.incidentId);
    const own = offer.organizationId !== null && actsFor(actor, offer.organizationId);
    if (!own && !canCoordinateIncident(actor, incident.jurisdictions)) {
      throw new AppError(reportsNeeds(actor) ? 'out_of_scope' : 'forbidden');
    }
    if (offer.status !== 'pledged') {
      throw new AppError('invalid_transition', {
        detail: `the offer is ${offer.status}: only an offer nothing of which was received is withdrawn`,
      });
    }
    const withdrawn: Offer = { ...offer, status: 'withdrawn', updatedAt: nowIso(deps) };
    withdrawn.status = offerStatus(withdrawn);
    await saveOffer(trx, withdrawn);
    await postPledge(trx, deps, actor, offer, pledgedAmount(offer)?.amount ?? 0, true);
    await recordChange(trx, deps, actor, {
      action: 'offer.withdraw',
      entityType: 'offer',
      entityId: offer.id,
      before: { status: offer.status },
      after: { status: 'withdrawn', reason: why },
      live: { incidentId: offer.incidentId, kind: 'offer' },
    });
    return withdrawn;
  });
}
