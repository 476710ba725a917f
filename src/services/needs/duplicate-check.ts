/**
 * Spotting repeated reports as they arrive: each new need is compared with the open needs of
 * its incident nearby and recent, and with those with the same phone, kept in memory per
 * incident (src/projections/recent-needs.ts) instead of searched for in the database on every
 * report. Used by the intake only: an incident's needs are loaded before the transaction of
 * its first group of reports, then caught up with the live event log inside each group's
 * transaction, so changes committed by other processes (closures, merges, moves) are seen; the
 * intake's own new needs are noted as it writes them and taken from memory when their events
 * come round.
 */
import { findIncident, listIncidentRows } from '../../db/repositories/incidents';
import { incidentEventsAfter, lastIncidentSeq } from '../../db/repositories/live-events';
import { duplicateCandidatePage, duplicateCandidatesByIds } from '../../db/repositories/needs';
import type { Executor } from '../../db/schema';
import { addressKey, type Comparable, comparable, likelyDuplicate } from '../../matching/duplicates';
import { type DuplicateCandidate, type Need, placeOf } from '../../model/need';
import { KeptPerIncident } from '../../projections/kept-per-incident';
import { RecentNeeds } from '../../projections/recent-needs';
import type { Deps } from '../context';

/** A likely duplicate: the candidate's id and area, how alike, and why. */
export type PossibleDuplicate = { id: string; jurisdiction: string; score: number; reasons: string[] };

/** A coordinator needs the few likeliest duplicates, not every similar need nearby. */
const MAX_FLAGS = 5;
/** Needs further apart than about 1 km, or reported more than 48 hours apart, are not compared. */
const NEARBY_DEGREES = 0.01;
const RECENT_MS = 48 * 3_600_000;
const PAGE = 5000;
/** How often needs past the window are let go. */
const SWEEP_MS = 60_000;

class IncidentNeeds {
  readonly needs = new RecentNeeds(NEARBY_DEGREES, RECENT_MS);
  private seq = 0;
  private swept = 0;
  private loaded: Promise<void> | undefined;
  /** Needs this intake wrote, by the sequence number of their audit record, until their event is read. */
  private readonly own = new Map<number, DuplicateCandidate>();

  constructor(private readonly incidentId: string) {}

  /** Loads the needs once (a failed load is tried again next time); page by page, so other work goes on between. */
  ensureLoaded(db: Executor, now: number): Promise<void> {
    this.loaded ??= this.load(db, now).catch((error) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  /** The needs with every change committed before the caller's transaction began. */
  async current(trx: Executor, now: number): Promise<RecentNeeds> {
    await this.ensureLoaded(trx, now);
    await this.catchUp(trx);
    if (now - this.swept > SWEEP_MS) {
      this.needs.sweep(now);
      this.swept = now;
    }
    return this.needs;
  }

  private async load(db: Executor, now: number): Promise<void> {
    // The position in the event log is read before the needs, so nothing between is missed.
    const seq = await lastIncidentSeq(db, this.incidentId);
    const since = new Date(now - RECENT_MS).toISOString();
    for (let after = ''; ; ) {
      const page = await duplicateCandidatePage(db, this.incidentId, since, after, PAGE);
      for (const need of page) this.needs.put(need, false);
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    this.seq = seq;
    this.swept = now;
  }

  private async catchUp(trx: Executor): Promise<void> {
    for (;;) {
      const events = await incidentEventsAfter(trx, this.incidentId, this.seq, PAGE);
      if (events.length === 0) return;
      const mine = new Map<string, DuplicateCandidate>();
      const reread = new Set<string>();
      for (const event of events) {
        if (event.kind !== 'need') continue;
        const noted = this.own.get(event.seq);
        if (noted?.id === event.entityId && !reread.has(event.entityId)) mine.set(event.entityId, noted);
        else {
          mine.delete(event.entityId);
          reread.add(event.entityId);
        }
      }
      for (const need of mine.values()) this.needs.put(need, false);
      for (const { need, closed } of await duplicateCandidatesByIds(trx, [...reread])) this.needs.put(need, closed);
      this.seq = events[events.length - 1].seq;
      for (const seq of this.own.keys()) if (seq <= this.seq) this.own.delete(seq);
      if (events.length < PAGE) return;
    }
  }

  /** A need the intake has just written with the audit record `seq`, inside the same transaction. */
  noteOwn(seq: number, need: DuplicateCandidate): void {
    const { id, title, description, category, jurisdiction, lat, lon, contactPhone, address, createdAt } = need;
    this.own.set(seq, { id, title, description, category, jurisdiction, lat, lon, contactPhone, address, createdAt });
  }
}

/** An incident without reports for half an hour is let go (loaded again on its next report). */
const kept = new KeptPerIncident((_owner, incidentId) => new IncidentNeeds(incidentId));

/**
 * Likely duplicates of each new need of a group among the open needs nearby and recent, those
 * with the same phone, and needs made earlier in the group. Call inside the intake's transaction.
 */
export async function duplicatesOf(trx: Executor, deps: Deps, needs: readonly Need[]): Promise<PossibleDuplicate[][]> {
  const now = deps.now().getTime();
  const since = now - RECENT_MS;
  const known = new Map<string, RecentNeeds>();
  for (const incidentId of new Set(needs.map((n) => n.incidentId))) {
    known.set(incidentId, await kept.of(deps, incidentId).current(trx, now));
  }
  const near = (need: Need, c: DuplicateCandidate) => {
    if (c.contactPhone !== null && c.contactPhone === need.contactPhone) return true;
    const [a, b] = [placeOf(need), placeOf(c)];
    if (!a || !b) return addressKey(need.address) !== '' && addressKey(need.address) === addressKey(c.address);
    return Math.abs(a.lat - b.lat) <= NEARBY_DEGREES && Math.abs(a.lon - b.lon) <= NEARBY_DEGREES;
  };
  const prepared = needs.map(comparable);
  return prepared.map((mine, i) => {
    const need = needs[i];
    const candidates = new Map<string, Comparable>();
    for (const c of known.get(need.incidentId)?.candidates(need, since) ?? []) candidates.set(c.need.id, c);
    for (const [j, c] of prepared.slice(0, i).entries()) {
      if (needs[j].incidentId === need.incidentId && near(need, c.need)) candidates.set(c.need.id, c);
    }
    const found: PossibleDuplicate[] = [];
    for (const candidate of candidates.values()) {
      const alike = likelyDuplicate(mine, candidate);
      if (alike) found.push({ id: candidate.need.id, jurisdiction: candidate.need.jurisdiction, ...alike });
    }
    return found.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, MAX_FLAGS);
  });
}

/**
 * Loads the recent needs of the incidents of a group before its transaction opens: an
 * incident's first report after a start-up reads them without holding the write lock.
 */
export async function loadRecentNeeds(deps: Deps, incidentIds: Iterable<string>): Promise<void> {
  const now = deps.now().getTime();
  for (const incidentId of new Set(incidentIds)) {
    // An incident is looked up only the first time: reports naming no incident are refused in
    // the transaction, and nothing is kept for them.
    const held =
      kept.peek(deps, incidentId) ?? ((await findIncident(deps.db, incidentId)) ? kept.of(deps, incidentId) : undefined);
    await held?.ensureLoaded(deps.db, now);
  }
}

/**
 * Loads the recent needs of every incident not closed, ahead of their first reports (the
 * server calls it at start, so a surge after a restart does not wait for the load). Answers
 * how many needs were loaded.
 */
export async function warmDuplicateChecks(deps: Deps): Promise<number> {
  const open = await listIncidentRows(deps.db, ['preparedness', 'response', 'recovery']);
  await loadRecentNeeds(
    deps,
    open.map((incident) => incident.id),
  );
  return open.reduce((sum, incident) => sum + kept.of(deps, incident.id).needs.size, 0);
}

/** Notes the needs the intake wrote (with their audit records' sequence numbers), so they are not read back. */
export function noteReported(deps: Deps, written: readonly { seq: number; need: Need }[]): void {
  for (const { seq, need } of written) kept.of(deps, need.incidentId).noteOwn(seq, need);
}
