/**
 * No double work: a need, or a quantity of it, is held by exactly one organization at a
 * time. Claims succeed in commit order while unclaimed quantity remains; a claim without
 * progress expires; coordinators can dispatch a need to an organization, which accepts or
 * declines with a reason.
 */

import {
  type Claim,
  type ClaimStatus,
  dueClaims,
  endClaim,
  findClaim,
  HOLDING_STATUSES,
  holdingClaims,
  holdingClaimsOfOrganization,
  insertClaim,
  saveClaim,
} from '../../db/repositories/claims';
import { findIncident } from '../../db/repositories/incidents';
import {
  appendNeedEvent,
  findNeed,
  fulfilQuantity,
  reserveQuantity,
  returnQuantity,
  setNeedStatus,
} from '../../db/repositories/needs';
import { findOrganization } from '../../db/repositories/organizations';
import { openShipmentOfClaim } from '../../db/repositories/shipments';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { claimHoldMinutes, type Need, needStatus } from '../../model/need';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { createOnce, type IdempotentRequest } from '../idempotency';
import { claimFacts } from '../notifications/event-facts';
import { actingOrganization } from '../organizations/load-organization';
import { actsFor, canCoordinateIncident } from '../policy';

const EXPIRY: Actor = { kind: 'system', label: 'expiry' };

/** Ends the claims on a need whose time ran out, giving their quantity back. */
async function expireDue(trx: Executor, deps: Deps, needId: string): Promise<void> {
  const at = nowIso(deps);
  const incidentId = await incidentOfNeed(trx, needId);
  for (const claim of await dueClaims(trx, at, needId)) {
    if (await endClaim(trx, claim.id, HOLDING_STATUSES, 'expired', at)) {
      await returnQuantity(trx, needId, claim.quantity);
      await appendNeedEvent(
        trx,
        needId,
        'claim_expired',
        { claimId: claim.id, organizationId: claim.organizationId },
        actorId(EXPIRY),
        at,
      );
      await recordChange(trx, deps, EXPIRY, {
        action: 'need.claim_expired',
        entityType: 'claim',
        entityId: claim.id,
        after: { status: 'expired' },
        live: { incidentId, kind: 'claim' },
      });
    }
  }
}

/** Recomputes and stores a need's status from its quantities and claims. */
export async function settleNeed(trx: Executor, deps: Deps, needId: string): Promise<Need> {
  const need = (await findNeed(trx, needId)) as Need;
  const holding = await holdingClaims(trx, needId);
  const status = needStatus(
    need,
    holding.some((c) => c.status === 'active' && c.progressAt !== null),
  );
  if (status !== need.status) await setNeedStatus(trx, needId, status, nowIso(deps));
  return { ...need, status };
}

async function incidentOfNeed(trx: Executor, needId: string): Promise<string> {
  return ((await findNeed(trx, needId)) as Need).incidentId;
}

async function loadNeed(trx: Executor, needId: string): Promise<Need> {
  const need = await findNeed(trx, needId);
  if (!need) throw new AppError('not_found');
  if (need.closeReason) throw new AppError('archived', { detail: 'the need is closed' });
  return need;
}

async function holders(trx: Executor, needId: string) {
  const list = [];
  for (const c of await holdingClaims(trx, needId)) {
    const org = await findOrganization(trx, c.organizationId);
    list.push({
      organizationId: c.organizationId,
      organizationName: org?.name ?? c.organizationId,
      quantity: c.quantity,
      status: c.status,
    });
  }
  return list;
}

async function hold(deps: Deps, trx: Executor, need: Need): Promise<string> {
  const incident = await findIncident(trx, need.incidentId);
  const minutes = claimHoldMinutes(need.category, incident?.stage ?? 'response');
  return new Date(deps.now().getTime() + minutes * 60_000).toISOString();
}

async function reserve(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  need: Need,
  organizationId: string,
  quantity: number | undefined,
  status: Extract<ClaimStatus, 'offered' | 'unconfirmed' | 'active'>,
): Promise<Claim> {
  await expireDue(trx, deps, need.id);
  const fresh = (await findNeed(trx, need.id)) as Need;
  const remaining = fresh.quantity - fresh.claimedQuantity - fresh.fulfilledQuantity;
  const wanted = quantity ?? remaining;
  if (wanted <= 0 || !(await reserveQuantity(trx, need.id, wanted))) {
    throw new AppError('claim_conflict', {
      field: 'quantity',
      detail: `${Math.max(remaining, 0)} ${need.unit} left unclaimed; asked for ${wanted}`,
      extra: { remaining: Math.max(remaining, 0), holders: await holders(trx, need.id) },
    });
  }
  const at = nowIso(deps);
  const claim: Claim = {
    id: newId(),
    needId: need.id,
    organizationId,
    quantity: wanted,
    status,
    dispatchedBy: status === 'offered' ? actorId(actor) : null,
    note: null,
    claimedBy: actorId(actor),
    claimedAt: at,
    progressAt: null,
    expiresAt: await hold(deps, trx, need),
    endedAt: null,
  };
  await insertClaim(trx, claim);
  await appendNeedEvent(
    trx,
    need.id,
    status === 'offered' ? 'dispatched' : 'claimed',
    { claimId: claim.id, organizationId, quantity: wanted, ...(status === 'unconfirmed' ? { unconfirmed: true } : {}) },
    actorId(actor),
    at,
  );
  await recordChange(trx, deps, actor, {
    action: status === 'offered' ? 'need.dispatch' : 'need.claim',
    entityType: 'claim',
    entityId: claim.id,
    after: claim,
    live: { incidentId: need.incidentId, kind: 'claim' },
    event: claimFacts(status === 'offered' ? 'dispatch.created' : 'need.claimed', need, organizationId),
  });
  return claim;
}

/**
 * An organization takes on a need, or part of it (no quantity: all that remains). A
 * provisional-tier organization's claim holds its quantity unconfirmed until a coordinator
 * confirms or rejects it (or it expires like any claim).
 */
export async function claimNeed(
  deps: Deps,
  actor: Actor,
  needId: string,
  input: { organizationId: string; quantity?: number },
): Promise<{ claim: Claim; need: Need }> {
  if (!actsFor(actor, input.organizationId)) {
    throw new AppError(actor.kind === 'user' && actor.organizationId ? 'out_of_scope' : 'forbidden', { field: 'organizationId' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const org = await actingOrganization(trx, input.organizationId);
    const need = await loadNeed(trx, needId);
    const status = org.membership.tier === 'provisional' ? 'unconfirmed' : 'active';
    const claim = await reserve(trx, deps, actor, need, input.organizationId, input.quantity, status);
    return { claim, need: await settleNeed(trx, deps, needId) };
  });
}

/** A coordinator hands a need to an organization, which then accepts or declines. */
export async function dispatchNeed(
  deps: Deps,
  actor: Actor,
  needId: string,
  input: { organizationId: string; quantity?: number },
): Promise<{ claim: Claim; need: Need }> {
  return deps.db.transaction().execute(async (trx) => {
    const need = await loadNeed(trx, needId);
    const incident = await findIncident(trx, need.incidentId);
    if (!incident || !canCoordinateIncident(actor, incident.jurisdictions)) {
      throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
    }
    await actingOrganization(trx, input.organizationId);
    const claim = await reserve(trx, deps, actor, need, input.organizationId, input.quantity, 'offered');
    return { claim, need: await settleNeed(trx, deps, needId) };
  });
}

async function loadClaim(trx: Executor, id: string): Promise<Claim> {
  const claim = await findClaim(trx, id);
  if (!claim) throw new AppError('not_found');
  return claim;
}

async function assertHolderOrCoordinator(trx: Executor, actor: Actor, claim: Claim, holderOnly = false): Promise<void> {
  if (actsFor(actor, claim.organizationId)) return;
  if (!holderOnly) {
    const need = await findNeed(trx, claim.needId);
    const incident = need ? await findIncident(trx, need.incidentId) : undefined;
    if (incident && canCoordinateIncident(actor, incident.jurisdictions)) return;
  }
  throw new AppError('forbidden');
}

/** Ends a claim in one action: the quantity is free for others again. */
export async function releaseClaim(deps: Deps, actor: Actor, claimId: string, reason?: string | null): Promise<Need> {
  return deps.db.transaction().execute(async (trx) => {
    const claim = await loadClaim(trx, claimId);
    await assertHolderOrCoordinator(trx, actor, claim);
    if (await openShipmentOfClaim(trx, claim.id)) {
      throw new AppError('invalid_transition', {
        detail: 'goods are on their way under this claim: mark the shipment delivered, lost or returned instead',
      });
    }
    return release(trx, deps, actor, claim, reason ?? null);
  });
}

/** Releases a holding claim inside the caller's transaction: recorded, its quantity returned, the board told. */
async function release(trx: Executor, deps: Deps, actor: Actor, claim: Claim, reason: string | null): Promise<Need> {
  const at = nowIso(deps);
  if (!(await endClaim(trx, claim.id, HOLDING_STATUSES, 'released', at))) {
    throw new AppError('invalid_transition', { detail: `the claim is already ${claim.status}` });
  }
  await returnQuantity(trx, claim.needId, claim.quantity);
  await appendNeedEvent(
    trx,
    claim.needId,
    'released',
    { claimId: claim.id, organizationId: claim.organizationId, reason },
    actorId(actor),
    at,
  );
  await recordChange(trx, deps, actor, {
    action: 'need.release',
    entityType: 'claim',
    entityId: claim.id,
    live: { incidentId: await incidentOfNeed(trx, claim.needId), kind: 'claim' },
    after: { status: 'released', reason },
  });
  return settleNeed(trx, deps, claim.needId);
}

/**
 * Releases every claim an organization holds (a suspended or departed organization cannot keep
 * needs waiting): each release is recorded, the needs reopen and the boards show it. Inside the
 * caller's transaction; answers how many were released.
 */
export async function releaseClaimsOf(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  organizationId: string,
  reason: string,
): Promise<number> {
  let released = 0;
  for (const claim of await holdingClaimsOfOrganization(trx, organizationId)) {
    // Goods already on their way are followed to the end by their shipment, not dropped.
    if (await openShipmentOfClaim(trx, claim.id)) continue;
    await release(trx, deps, actor, claim, reason);
    released += 1;
  }
  return released;
}

/** The holder accepts or declines (with a reason) a need a coordinator dispatched to it. */
export async function answerDispatch(
  deps: Deps,
  actor: Actor,
  claimId: string,
  answer: { accept: boolean; reason?: string | null },
): Promise<Need> {
  return deps.db.transaction().execute(async (trx) => {
    const claim = await loadClaim(trx, claimId);
    await assertHolderOrCoordinator(trx, actor, claim, true);
    const reason = answer.reason?.trim() || null;
    if (!answer.accept && !reason)
      throw new AppError('invalid_input', { field: 'reason', detail: 'declining a dispatch needs a reason' });
    // Declining is always possible; accepting is acting.
    if (answer.accept) await actingOrganization(trx, claim.organizationId);
    const at = nowIso(deps);
    if (!(await endClaim(trx, claimId, ['offered'], answer.accept ? 'active' : 'declined', at))) {
      throw new AppError('invalid_transition', { detail: `the claim is ${claim.status}, not awaiting an answer` });
    }
    if (!answer.accept) await returnQuantity(trx, claim.needId, claim.quantity);
    await appendNeedEvent(
      trx,
      claim.needId,
      answer.accept ? 'dispatch_accepted' : 'dispatch_declined',
      { claimId, reason },
      actorId(actor),
      at,
    );
    await recordChange(trx, deps, actor, {
      action: 'need.dispatch_answer',
      entityType: 'claim',
      entityId: claimId,
      live: { incidentId: await incidentOfNeed(trx, claim.needId), kind: 'claim' },
      after: { accept: answer.accept, reason },
    });
    return settleNeed(trx, deps, claim.needId);
  });
}

async function assertCoordinatesClaim(trx: Executor, actor: Actor, claim: Claim): Promise<Need> {
  const need = await loadNeed(trx, claim.needId);
  const incident = await findIncident(trx, need.incidentId);
  if (!incident || !canCoordinateIncident(actor, incident.jurisdictions)) {
    throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
  }
  return need;
}

/**
 * A coordinator confirms a provisional organization's claim: it becomes active and its hold
 * starts afresh. Only an unconfirmed claim can be confirmed.
 */
export async function confirmClaim(deps: Deps, actor: Actor, claimId: string): Promise<Need> {
  return deps.db.transaction().execute(async (trx) => {
    const claim = await loadClaim(trx, claimId);
    const need = await assertCoordinatesClaim(trx, actor, claim);
    const at = nowIso(deps);
    if (!(await endClaim(trx, claimId, ['unconfirmed'], 'active', at))) {
      throw new AppError('invalid_transition', { detail: `the claim is ${claim.status}, not awaiting confirmation` });
    }
    const expiresAt = await hold(deps, trx, need);
    await saveClaim(trx, { ...claim, status: 'active', expiresAt });
    await appendNeedEvent(
      trx,
      claim.needId,
      'claim_confirmed',
      { claimId, organizationId: claim.organizationId },
      actorId(actor),
      at,
    );
    await recordChange(trx, deps, actor, {
      action: 'need.claim_confirm',
      entityType: 'claim',
      entityId: claimId,
      live: { incidentId: need.incidentId, kind: 'claim' },
      after: { status: 'active', expiresAt },
    });
    return settleNeed(trx, deps, claim.needId);
  });
}

/** A coordinator rejects a provisional organization's claim, with a reason; its quantity is free again. */
export async function rejectClaim(deps: Deps, actor: Actor, claimId: string, reason: string): Promise<Need> {
  return deps.db.transaction().execute(async (trx) => {
    const claim = await loadClaim(trx, claimId);
    const need = await assertCoordinatesClaim(trx, actor, claim);
    const why = reason.trim();
    if (!why) throw new AppError('invalid_input', { field: 'reason', detail: 'rejecting a claim needs a reason' });
    const at = nowIso(deps);
    if (!(await endClaim(trx, claimId, ['unconfirmed'], 'rejected', at))) {
      throw new AppError('invalid_transition', { detail: `the claim is ${claim.status}, not awaiting confirmation` });
    }
    await returnQuantity(trx, claim.needId, claim.quantity);
    await appendNeedEvent(
      trx,
      claim.needId,
      'claim_rejected',
      { claimId, organizationId: claim.organizationId, reason: why },
      actorId(actor),
      at,
    );
    await recordChange(trx, deps, actor, {
      action: 'need.claim_reject',
      entityType: 'claim',
      entityId: claimId,
      live: { incidentId: need.incidentId, kind: 'claim' },
      after: { status: 'rejected', reason: why },
    });
    return settleNeed(trx, deps, claim.needId);
  });
}

/** The holder reports progress (which keeps the claim alive) or that its part is done. */
export async function reportProgress(
  deps: Deps,
  actor: Actor,
  claimId: string,
  report: { note?: string | null; done?: boolean },
  idempotency?: IdempotentRequest,
): Promise<Need> {
  // A retry with the same key answers with the need as it is now and reports nothing twice,
  // also when the first try already ended the claim.
  const { id: needId } = await createOnce(
    deps.db,
    idempotency,
    () => nowIso(deps),
    async (trx) => {
      const claim = await loadClaim(trx, claimId);
      await assertHolderOrCoordinator(trx, actor, claim, true);
      if (claim.status !== 'active') {
        const detail =
          claim.status === 'unconfirmed' ? "the claim awaits a coordinator's confirmation" : `the claim is ${claim.status}`;
        throw new AppError('invalid_transition', { detail });
      }
      const need = await loadNeed(trx, claim.needId);
      const at = nowIso(deps);
      const note = report.note?.trim() || null;
      if (report.done && need.item !== null) {
        // The ledger must explain every fulfilled unit of goods: only a delivered shipment fulfils them.
        throw new AppError('delivered_only', { detail: 'a need for goods is fulfilled by confirming its shipments' });
      }
      if (report.done) {
        if (!(await endClaim(trx, claimId, ['active'], 'fulfilled', at))) throw new AppError('invalid_transition');
        await fulfilQuantity(trx, claim.needId, claim.quantity);
      } else {
        await saveClaim(trx, { ...claim, progressAt: at, note, expiresAt: await hold(deps, trx, need) });
      }
      await appendNeedEvent(trx, claim.needId, report.done ? 'fulfilled' : 'progress', { claimId, note }, actorId(actor), at);
      await recordChange(trx, deps, actor, {
        action: report.done ? 'need.fulfil' : 'need.progress',
        entityType: 'claim',
        entityId: claimId,
        live: { incidentId: await incidentOfNeed(trx, claim.needId), kind: 'claim' },
        after: { note },
      });
      await settleNeed(trx, deps, claim.needId);
      return claim.needId;
    },
  );
  return (await findNeed(deps.db, needId)) as Need;
}

/** Expires every claim whose time ran out (run periodically by the server). */
export async function expireClaims(deps: Deps): Promise<number> {
  const due = await dueClaims(deps.db, nowIso(deps));
  const needs = new Set(due.map((c) => c.needId));
  for (const needId of needs) {
    await deps.db.transaction().execute(async (trx) => {
      await expireDue(trx, deps, needId);
      await settleNeed(trx, deps, needId);
    });
  }
  return due.length;
}
