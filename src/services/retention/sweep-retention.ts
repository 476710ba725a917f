/**
 * The retention sweep: the personal data of incidents closed more than
 * CORESPOND_PERSONAL_DATA_DAYS ago is erased, as are e-mails sent and request replays kept
 * for longer than that. Run by the server on a timer (one node at a time, by lease) and by
 * `corespond retention sweep`.
 */
import { randomBytes } from 'node:crypto';
import { ensureEventCursor, releaseEventLease, takeEventLease } from '../../db/repositories/event-cursors';
import { eraseSentMails, forgetIdempotentAnswers, incidentsDueForErasure } from '../../db/repositories/retention';
import type { Actor, Deps } from '../context';
import { type ErasureCounts, erasePersonalData } from './erase-personal-data';

const LEASE = 'retention';
const LEASE_MS = 15 * 60_000;
const SWEEPER: Actor = { kind: 'system', label: 'retention' };
const DAY_MS = 86_400_000;

export interface SweepReport {
  /** Whether this run held the lease (another node may be sweeping). */
  ran: boolean;
  incidents: string[];
  counts: ErasureCounts;
  mails: number;
}

const holders = new WeakMap<Deps, string>();

function holderOf(deps: Deps): string {
  let holder = holders.get(deps);
  if (!holder) {
    holder = `retention-${randomBytes(6).toString('hex')}`;
    holders.set(deps, holder);
  }
  return holder;
}

/** Erases what has been kept longer than `days` after its incident closed. */
export async function sweepRetention(deps: Deps, options: { days: number }): Promise<SweepReport> {
  const counts: ErasureCounts = { needs: 0, offers: 0, keys: 0 };
  const now = deps.now();
  const cutoff = new Date(now.getTime() - options.days * DAY_MS).toISOString();
  const holder = holderOf(deps);
  await ensureEventCursor(deps.db, LEASE);
  if (!(await takeEventLease(deps.db, LEASE, holder, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()))) {
    return { ran: false, incidents: [], counts, mails: 0 };
  }
  try {
    const due = await incidentsDueForErasure(deps.db, cutoff);
    // One transaction per incident: a large incident does not hold up the rest, and a failure stops at it.
    for (const incident of due) {
      const done = await erasePersonalData(deps, SWEEPER, [{ scope: 'incident', subjectId: incident.id }], 'retention');
      counts.needs += done.counts.needs;
      counts.offers += done.counts.offers;
      counts.keys += done.counts.keys;
    }
    const mails = await eraseSentMails(deps.db, cutoff);
    await forgetIdempotentAnswers(deps.db, cutoff);
    return { ran: true, incidents: due.map((i) => i.id), counts, mails };
  } finally {
    await releaseEventLease(deps.db, LEASE, holder);
  }
}
