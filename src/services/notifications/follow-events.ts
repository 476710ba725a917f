/**
 * Following the platform event log from a cursor kept in the database: each batch of events is
 * handled in one transaction that also moves the cursor with a conditional update, so what a
 * handler writes and the cursor's move commit together (a restart resumes after the last
 * committed batch), and two nodes never handle the same batch twice — the second one's
 * cursor update finds the cursor moved and its transaction is rolled back. A lease row keeps
 * the nodes from doing the same work at once in the first place.
 */
import { randomUUID } from 'node:crypto';
import {
  advanceEventCursor,
  ensureEventCursor,
  eventCursor,
  releaseEventLease,
  takeEventLease,
} from '../../db/repositories/event-cursors';
import { lastPlatformEventSeq, platformEventsAfter } from '../../db/repositories/platform-events';
import type { Executor } from '../../db/schema';
import type { PlatformEvent } from '../../model/platform-event';
import type { Deps } from '../context';

export interface FollowOptions {
  /** Events per transaction. */
  batch?: number;
  /** At most this many batches per call (the loop calls again). */
  maxBatches?: number;
  /** Who holds the lease (a node); a fresh id per process by default. */
  holder?: string;
  /** How long the lease lasts without renewal. */
  leaseMs?: number;
}

const PROCESS_HOLDER = randomUUID();

/** Whether events wait beyond the follower's cursor: two indexed reads and no write, for the many polls that find nothing. */
export async function eventsWaiting(deps: Deps, name: string): Promise<boolean> {
  return (await eventCursor(deps.db, name)) < (await lastPlatformEventSeq(deps.db));
}

/**
 * Handles the events after the follower's cursor, batch by batch, each batch inside one
 * transaction with the cursor's move. Answers how many events were handled (0 when another
 * node holds the lease or nothing is new).
 */
export async function followEvents(
  deps: Deps,
  name: string,
  handle: (trx: Executor, events: PlatformEvent[]) => Promise<void>,
  options: FollowOptions = {},
): Promise<number> {
  const { batch = 500, maxBatches = 20, holder = PROCESS_HOLDER, leaseMs = 60_000 } = options;
  if (!(await eventsWaiting(deps, name))) return 0;
  await ensureEventCursor(deps.db, name);
  let handled = 0;
  for (let i = 0; i < maxBatches; i++) {
    const now = deps.now();
    const leased = await takeEventLease(
      deps.db,
      name,
      holder,
      now.toISOString(),
      new Date(now.getTime() + leaseMs).toISOString(),
    );
    if (!leased) break;
    const done = await deps.db
      .transaction()
      .execute(async (trx) => {
        const from = await eventCursor(trx, name);
        const events = await platformEventsAfter(trx, from, batch);
        if (events.length === 0) return 0;
        await handle(trx, events);
        // Someone moved the cursor meanwhile: undo this batch rather than deliver it twice.
        if (!(await advanceEventCursor(trx, name, from, events[events.length - 1].seq))) throw new CursorMoved();
        return events.length;
      })
      .catch((error: unknown) => {
        if (error instanceof CursorMoved) return 0;
        throw error;
      });
    handled += done;
    if (done < batch) break;
  }
  await releaseEventLease(deps.db, name, holder);
  return handled;
}

class CursorMoved extends Error {}
