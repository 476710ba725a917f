/**
 * An organization's record on the platform (SPEC §3 I: performance records that feed
 * cultivation and elimination decisions, and the track-record factor of recommendations).
 * Every figure is defined here, once, over plain data. Pure.
 *
 * - claims fulfilled: claims (its own or dispatched and accepted) whose quantity it delivered;
 * - claims dropped: claims that ended without delivery because they expired or were released;
 * - dispatches accepted / declined: coordinators' dispatches it answered yes / no to;
 * - time to first progress: median minutes from a claim (or accepted dispatch) to the holder's
 *   first progress note or fulfilment on it;
 * - check-in discipline: the share of check-in intervals kept — while a team is accountable
 *   (en route, checked in, working), each stretch between two contacts (a check-in or a status
 *   report) counts as one interval, kept when it is no longer than the incident's check-in
 *   interval; a stretch longer than that is a missed check-in (an alarm);
 * - after-action ratings: the ratings (1–5) after-action reviews gave it, their count and mean.
 */
import { median } from './special-needs';

export interface ClaimFacts {
  status: 'offered' | 'active' | 'released' | 'expired' | 'declined' | 'fulfilled';
  dispatched: boolean;
  claimedAt: string;
  /** The holder's first progress note or fulfilment on this claim, if any. */
  firstProgressAt: string | null;
}

export interface ContactEvent {
  kind: 'status' | 'check_in';
  to: string | null;
  at: string;
}

export interface DeploymentFacts {
  intervalMinutes: number;
  events: readonly ContactEvent[];
  /** Whether the team is still accountable now (the last stretch runs to `now`). */
  accountableNow: boolean;
}

export interface CheckInDiscipline {
  kept: number;
  missed: number;
  /** kept ÷ (kept + missed); null with no interval yet. */
  share: number | null;
}

export interface OrganizationRecord {
  claims: { fulfilled: number; dropped: number; active: number };
  dispatches: { accepted: number; declined: number; awaiting: number };
  /** Median minutes from claim to first progress; null with none. */
  medianMinutesToFirstProgress: number | null;
  checkIns: CheckInDiscipline;
  ratings: { count: number; mean: number | null };
  /** The track-record factor of recommendations, 0–1 (see trackRecordScore). */
  trackRecord: number;
}

const ACCOUNTABLE = new Set(['en_route', 'checked_in', 'working']);

/** The check-in intervals of one deployment kept and missed. */
export function checkInIntervals(d: DeploymentFacts, now: Date): CheckInDiscipline {
  let kept = 0;
  let missed = 0;
  let since: number | null = null;
  const limit = d.intervalMinutes * 60_000;
  const close = (until: number) => {
    if (since === null) return;
    if (until - since > limit) missed++;
    else kept++;
  };
  const events = [...d.events].sort((a, b) => a.at.localeCompare(b.at));
  for (const e of events) {
    const at = Date.parse(e.at);
    if (e.kind === 'check_in') {
      if (since !== null) {
        close(at);
        since = at;
      }
      continue;
    }
    // A status report is a contact too; it may start or end the accountable time.
    close(at);
    since = e.to !== null && ACCOUNTABLE.has(e.to) ? at : null;
  }
  // The stretch still running counts once it has run over: an alarm now.
  if (since !== null && d.accountableNow && now.getTime() - since > limit) missed++;
  return { kept, missed, share: kept + missed === 0 ? null : round(kept / (kept + missed)) };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The track-record factor, 0–1: 60% the share of commitments carried through, 20% check-in
 * discipline, 20% after-action ratings; each part starts at one half for an organization
 * with nothing on record and moves with its record (Laplace smoothing), so a newcomer is
 * neither punished nor favoured.
 */
export function trackRecordScore(r: {
  fulfilled: number;
  dropped: number;
  checkInsKept: number;
  checkInsMissed: number;
  ratingCount: number;
  ratingTotal: number;
}): number {
  const carried = (r.fulfilled + 1) / (r.fulfilled + r.dropped + 2);
  const checkIns = (r.checkInsKept + 1) / (r.checkInsKept + r.checkInsMissed + 2);
  // Ratings 1–5 mapped to 0–1, with one imagined middling rating.
  const ratings = ((r.ratingTotal - r.ratingCount) / 4 + 0.5) / (r.ratingCount + 1);
  return round(0.6 * carried + 0.2 * checkIns + 0.2 * ratings);
}

/** An organization's record from its claims, deployments and ratings. */
export function organizationRecord(
  claims: readonly ClaimFacts[],
  deployments: readonly DeploymentFacts[],
  ratings: readonly number[],
  now: Date,
): OrganizationRecord {
  const count = (test: (c: ClaimFacts) => boolean) => claims.filter(test).length;
  const fulfilled = count((c) => c.status === 'fulfilled');
  const dropped = count((c) => c.status === 'expired' || c.status === 'released');
  const declined = count((c) => c.dispatched && c.status === 'declined');
  const minutes = claims
    .filter((c) => c.firstProgressAt !== null)
    .map((c) => Math.max(0, (Date.parse(c.firstProgressAt as string) - Date.parse(c.claimedAt)) / 60_000));
  const middle = median(minutes);
  let kept = 0;
  let missed = 0;
  for (const d of deployments) {
    const one = checkInIntervals(d, now);
    kept += one.kept;
    missed += one.missed;
  }
  const total = ratings.reduce((a, b) => a + b, 0);
  return {
    claims: { fulfilled, dropped, active: count((c) => c.status === 'active') },
    dispatches: {
      accepted: count((c) => c.dispatched && c.status !== 'offered' && c.status !== 'declined'),
      declined,
      awaiting: count((c) => c.dispatched && c.status === 'offered'),
    },
    medianMinutesToFirstProgress: middle === null ? null : Math.round(middle),
    checkIns: { kept, missed, share: kept + missed === 0 ? null : round(kept / (kept + missed)) },
    ratings: { count: ratings.length, mean: ratings.length ? Math.round((total / ratings.length) * 100) / 100 : null },
    trackRecord: trackRecordScore({
      fulfilled,
      // A declined dispatch is a commitment not taken up, as before: it weighs like a dropped claim.
      dropped: dropped + declined,
      checkInsKept: kept,
      checkInsMissed: missed,
      ratingCount: ratings.length,
      ratingTotal: total,
    }),
  };
}
