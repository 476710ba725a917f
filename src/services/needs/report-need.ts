/**
 * A need enters the picture: from a coordinator, an organization or the public. Coordinates
 * from Chinese map pickers (GCJ-02) are converted to WGS 84; likely duplicates are flagged.
 */
import { randomInt, randomUUID } from 'node:crypto';
import gcoord from 'gcoord';
import { findIncident } from '../../db/repositories/incidents';
import { appendNeedEvent, flagDuplicate, insertNeed, needsNear, needsWithPhone } from '../../db/repositories/needs';
import type { Executor } from '../../db/schema';
import { DUPLICATE_THRESHOLD, duplicateScore } from '../../matching/duplicates';
import { AppError } from '../../model/errors';
import type { Incident } from '../../model/incident';
import { findJurisdiction, overlaps } from '../../model/jurisdictions';
import type { Need, NeedInput, NeedSource } from '../../model/need';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { earlierResult, type IdempotentRequest, idempotently, rememberResult } from '../idempotency';
import { canCoordinateIncident } from '../policy';

export type { NeedInput };

export interface ReportedNeed {
  need: Need;
  possibleDuplicates: { id: string; score: number; reasons: string[] }[];
}

const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A receipt code a person can read out on the phone: 8 characters without look-alikes. */
function receiptCode(): string {
  return Array.from({ length: 8 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('');
}

async function openIncident(db: Executor, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident) throw new AppError('not_found', { field: 'incidentId' });
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
  return incident;
}

function toWgs84(input: NeedInput): { lat: number; lon: number } {
  if (input.coordSystem !== 'gcj02') return { lat: input.lat, lon: input.lon };
  const [lon, lat] = gcoord.transform([input.lon, input.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat: Number(lat.toFixed(7)), lon: Number(lon.toFixed(7)) };
}

/** Checks and records a need with its first history entry and audit record; flags likely duplicates. */
async function recordNeed(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  incident: Incident,
  input: NeedInput,
  origin: { source: NeedSource; verified: boolean; receipt: boolean },
): Promise<ReportedNeed> {
  const title = requiredText(input.title, 'title');
  if (!findJurisdiction(input.jurisdiction)) {
    throw new AppError('unknown_jurisdiction', {
      field: 'jurisdiction',
      detail: `jurisdiction: no GB/T 2260 division has the code ${input.jurisdiction}`,
    });
  }
  if (!incident.jurisdictions.some((area) => overlaps(input.jurisdiction, area))) {
    throw new AppError('invalid_input', {
      field: 'jurisdiction',
      detail: 'jurisdiction lies outside the areas affected by this incident',
    });
  }
  const at = nowIso(deps);
  const place = toWgs84(input);
  const need: Need = {
    id: randomUUID(),
    incidentId: incident.id,
    title,
    description: input.description?.trim() || null,
    kind: input.kind ?? 'agent_generated',
    category: input.category,
    quantity: input.quantity ?? 1,
    unit: input.unit?.trim() || '项',
    jurisdiction: input.jurisdiction,
    ...place,
    urgency: input.urgency ?? 'medium',
    vulnerableGroups: [...new Set(input.vulnerableGroups ?? [])],
    peopleAffected: input.peopleAffected ?? null,
    contactName: input.contactName?.trim() || null,
    contactPhone: input.contactPhone?.replace(/[\s-]/g, '') || null,
    address: input.address?.trim() || null,
    source: origin.source,
    verification: origin.verified ? { level: 'verified', by: actorId(actor), at } : { level: 'unverified', by: null, at: null },
    status: 'open',
    claimedQuantity: 0,
    fulfilledQuantity: 0,
    closeReason: null,
    closeNote: null,
    duplicateOf: null,
    receiptCode: origin.receipt ? receiptCode() : null,
    createdBy: actorId(actor),
    createdAt: at,
    updatedAt: at,
  };
  const since = new Date(deps.now().getTime() - 48 * 3_600_000).toISOString();
  const candidates = new Map((await needsNear(trx, incident.id, need.lat, need.lon, since)).map((n) => [n.id, n]));
  if (need.contactPhone) for (const n of await needsWithPhone(trx, incident.id, need.contactPhone)) candidates.set(n.id, n);
  await insertNeed(trx, need);
  const possibleDuplicates: ReportedNeed['possibleDuplicates'] = [];
  for (const candidate of candidates.values()) {
    const { score, reasons } = duplicateScore(need, candidate);
    if (score >= DUPLICATE_THRESHOLD) {
      possibleDuplicates.push({ id: candidate.id, score, reasons });
      await flagDuplicate(trx, need.id, candidate.id, score, reasons, at);
    }
  }
  await appendNeedEvent(
    trx,
    need.id,
    'reported',
    { source: need.source, possibleDuplicates: possibleDuplicates.map((d) => d.id) },
    actorId(actor),
    at,
  );
  await recordChange(trx, deps, actor, {
    action: 'need.report',
    entityType: 'need',
    entityId: need.id,
    after: need,
    live: { incidentId: incident.id, kind: 'need' },
  });
  return { need, possibleDuplicates: possibleDuplicates.sort((a, b) => b.score - a.score) };
}

/** What a create answers: the need, and whether it was made now or by an earlier try with the same key. */
export type ReportOutcome = { replayed: false; reported: ReportedNeed } | { replayed: true; needId: string };

/** A coordinator or an organization enters a need. */
export async function reportNeed(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: NeedInput,
  idempotency?: IdempotentRequest,
): Promise<ReportOutcome> {
  if (actor.kind === 'user' && actor.role === 'observer') throw new AppError('forbidden');
  return idempotently(idempotency, () =>
    deps.db.transaction().execute(async (trx) => {
      const earlier = await earlierResult(trx, idempotency);
      if (earlier) return { replayed: true, needId: earlier };
      const incident = await openIncident(trx, incidentId);
      const coordinates = canCoordinateIncident(actor, incident.jurisdictions);
      if (actor.kind === 'user' && actor.role === 'coordinator' && !coordinates) throw new AppError('out_of_scope');
      const source: NeedSource = coordinates ? 'coordinator' : 'organization';
      const reported = await recordNeed(trx, deps, actor, incident, input, { source, verified: coordinates, receipt: false });
      await rememberResult(trx, deps, idempotency, reported.need.id);
      return { replayed: false, reported };
    }),
  );
}

const PUBLIC: Actor = { kind: 'system', label: 'public' };

/** Anyone reports a need without an account and gets a receipt code to follow it. */
export async function reportPublicNeed(
  deps: Deps,
  incidentId: string,
  input: NeedInput,
  idempotency?: IdempotentRequest,
): Promise<ReportOutcome> {
  return idempotently(idempotency, () =>
    deps.db.transaction().execute(async (trx) => {
      const earlier = await earlierResult(trx, idempotency);
      if (earlier) return { replayed: true, needId: earlier };
      const incident = await openIncident(trx, incidentId);
      const reported = await recordNeed(trx, deps, PUBLIC, incident, input, { source: 'public', verified: false, receipt: true });
      await rememberResult(trx, deps, idempotency, reported.need.id);
      return { replayed: false, reported };
    }),
  );
}
