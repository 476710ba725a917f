/**
 * A need enters the picture: from a coordinator, an organization or the public. Coordinates
 * from Chinese map pickers (GCJ-02) are converted to WGS 84; likely duplicates are flagged.
 * Reports arriving together are committed together (group commit): one transaction, one
 * fsync, for a whole group, each report still checked and answered on its own.
 */

import gcoord from 'gcoord';
import type { Transaction } from 'kysely';
import { CommitGroup, type Settled, settle } from '../../db/group-commit';
import { findIncident } from '../../db/repositories/incidents';
import { findNeed, flagDuplicates, insertFirstNeedEvents, insertNeeds } from '../../db/repositories/needs';
import type { Executor, Tables } from '../../db/schema';
import { AppError } from '../../model/errors';
import { newId, readableCode } from '../../model/ids';
import type { Incident } from '../../model/incident';
import { catalogueItem } from '../../model/items';
import { findJurisdiction, overlaps } from '../../model/jurisdictions';
import type { Need, NeedInput, NeedSource } from '../../model/need';
import { recordChanges } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { IdempotencyLedger, type IdempotentRequest, idempotently } from '../idempotency';
import { needCreated } from '../notifications/event-facts';
import { assertCanReportNeed, canCoordinateIncident, reportsNeeds } from '../policy';
import { duplicatesOf, loadRecentNeeds, noteReported, type PossibleDuplicate } from './duplicate-check';
import { type PublicNeed, publicView } from './read-needs';

export type { NeedInput };

export interface ReportedNeed {
  need: Need;
  possibleDuplicates: PossibleDuplicate[];
}

async function openIncident(db: Executor, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident) throw new AppError('not_found', { field: 'incidentId' });
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
  return incident;
}

/** A point as stored: WGS 84, converted from GCJ-02 when it came from a Chinese map picker. */
export function toWgs84(input: { lat: number; lon: number; coordSystem?: 'wgs84' | 'gcj02' }): { lat: number; lon: number } {
  if (input.coordSystem !== 'gcj02') return { lat: input.lat, lon: input.lon };
  const [lon, lat] = gcoord.transform([input.lon, input.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat: Number(lat.toFixed(7)), lon: Number(lon.toFixed(7)) };
}

/** Checks a need's input and makes the record; nothing is written yet. */
function makeNeed(
  deps: Deps,
  actor: Actor,
  incident: Incident,
  input: NeedInput,
  origin: { source: NeedSource; verified: boolean; receipt: boolean },
): Need {
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
  const item = input.item ? catalogueItem(input.item) : null;
  const at = nowIso(deps);
  return {
    id: newId(),
    incidentId: incident.id,
    title,
    description: input.description?.trim() || null,
    kind: input.kind ?? 'agent_generated',
    category: input.category,
    quantity: input.quantity ?? 1,
    // A need for goods counts in its item's unit, so offers, stock and shipments add up with it.
    unit: item?.unitZh ?? (input.unit?.trim() || '项'),
    item: item?.code ?? null,
    jurisdiction: input.jurisdiction,
    ...toWgs84(input),
    locationNeeded: false,
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
    receiptCode: origin.receipt ? readableCode() : null,
    createdBy: actorId(actor),
    createdAt: at,
    updatedAt: at,
  };
}

/** Who reports and how: coordinators' needs are verified at once; the public's get a receipt code. */
function originOf(actor: Actor, incident: Incident): { source: NeedSource; verified: boolean; receipt: boolean } {
  if (actor === PUBLIC) return { source: 'public', verified: false, receipt: true };
  assertCanReportNeed(actor, incident.jurisdictions);
  const coordinates = canCoordinateIncident(actor, incident.jurisdictions);
  return { source: coordinates ? 'coordinator' : 'organization', verified: coordinates, receipt: false };
}

/** What a create answers: the need, and whether it was made now or by an earlier try with the same key. */
export type ReportOutcome = { replayed: false; reported: ReportedNeed; incident: Incident } | { replayed: true; needId: string };

interface Report {
  actor: Actor;
  incidentId: string;
  input: NeedInput;
  idempotency?: IdempotentRequest;
}

/**
 * Records a group of reports in one transaction: each is checked on its own (a refused one
 * writes nothing), then the group's needs, history, duplicate flags, audit records, live
 * events and idempotency keys are written together.
 */
async function recordReports(trx: Transaction<Tables>, deps: Deps, reports: Report[]): Promise<Settled<ReportOutcome>[]> {
  const incidents = new Map<string, Promise<Incident>>();
  const ledger = await IdempotencyLedger.load(
    trx,
    reports.map((r) => r.idempotency),
  );
  const outcomes: Settled<ReportOutcome>[] = [];
  for (const report of reports) {
    outcomes.push(
      await settle(async () => {
        const earlier = ledger.earlier(report.idempotency);
        if (earlier) return { replayed: true as const, needId: earlier };
        if (!incidents.has(report.incidentId)) incidents.set(report.incidentId, openIncident(trx, report.incidentId));
        const incident = await (incidents.get(report.incidentId) as Promise<Incident>);
        const need = makeNeed(deps, report.actor, incident, report.input, originOf(report.actor, incident));
        ledger.record(report.idempotency, need.id);
        return { replayed: false as const, reported: { need, possibleDuplicates: [] }, incident };
      }),
    );
  }
  const fresh = outcomes.flatMap((o, i) => (o.ok && !o.value.replayed ? [{ report: reports[i], ...o.value.reported }] : []));
  const duplicates = await duplicatesOf(
    trx,
    deps,
    fresh.map((f) => f.need),
  );
  for (const [i, f] of fresh.entries()) f.possibleDuplicates.push(...duplicates[i]);
  const at = nowIso(deps);
  await insertNeeds(
    trx,
    fresh.map((f) => f.need),
  );
  await flagDuplicates(
    trx,
    fresh.flatMap((f) =>
      f.possibleDuplicates.map((d) => ({ needId: f.need.id, candidateId: d.id, score: d.score, reasons: d.reasons })),
    ),
    at,
  );
  await insertFirstNeedEvents(
    trx,
    fresh.map((f) => ({
      needId: f.need.id,
      kind: 'reported',
      detail: { source: f.need.source, possibleDuplicates: f.possibleDuplicates.map((d) => d.id) },
      actor: actorId(f.report.actor),
      at,
    })),
  );
  const seqs = await recordChanges(
    trx,
    deps,
    fresh.map((f) => ({
      actor: f.report.actor,
      change: {
        action: 'need.report',
        entityType: 'need',
        entityId: f.need.id,
        after: f.need,
        live: { incidentId: f.need.incidentId, kind: 'need' },
        event: needCreated(f.need),
      },
    })),
  );
  noteReported(
    deps,
    fresh.map((f, i) => ({ seq: seqs[i], need: f.need })),
  );
  await ledger.write(trx, at);
  return outcomes;
}

/** One intake per set of dependencies: concurrent reports are committed together. */
const intakes = new WeakMap<Deps, CommitGroup<Report, ReportOutcome>>();

function intakeOf(deps: Deps): CommitGroup<Report, ReportOutcome> {
  let intake = intakes.get(deps);
  if (!intake) {
    intake = new CommitGroup(deps.db, (trx, reports) => recordReports(trx, deps, reports), {
      name: 'need-reports',
      before: (reports) =>
        loadRecentNeeds(
          deps,
          reports.map((r) => r.incidentId),
        ),
    });
    intakes.set(deps, intake);
  }
  return intake;
}

/** A coordinator or an organization enters a need. */
export async function reportNeed(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: NeedInput,
  idempotency?: IdempotentRequest,
): Promise<ReportOutcome> {
  // Refused before the intake queue; the incident's area is checked with the incident (originOf).
  if (!reportsNeeds(actor)) throw new AppError('forbidden');
  return idempotently(idempotency, () => intakeOf(deps).submit({ actor, incidentId, input, idempotency }));
}

const PUBLIC: Actor = { kind: 'system', label: 'public' };

/** Anyone reports a need without an account and gets a receipt code to follow it. */
export async function reportPublicNeed(
  deps: Deps,
  incidentId: string,
  input: NeedInput,
  idempotency?: IdempotentRequest,
): Promise<ReportOutcome> {
  return idempotently(idempotency, () => intakeOf(deps).submit({ actor: PUBLIC, incidentId, input, idempotency }));
}

/** What a public report answers: its receipt code and the need as the public sees it (a retry gets what the first try made). */
export async function publicReportAnswer(deps: Deps, outcome: ReportOutcome): Promise<{ receiptCode: string; need: PublicNeed }> {
  const need = outcome.replayed ? await findNeed(deps.db, outcome.needId) : outcome.reported.need;
  if (!need?.receiptCode) throw new Error('a public need has a receipt code');
  return { receiptCode: need.receiptCode, need: publicView(need) };
}
