/**
 * Reading the live event log for the live hub (src/http/live/hub.ts): which incident changed,
 * how and when, never the record itself (a client reads that through its own route and the
 * privacy policy). Events are written with the audit record of each change (record-change.ts).
 */
import {
  incidentEventsAfter,
  type LiveEvent,
  type LiveKind,
  lastLiveSeq,
  liveEventsAfter,
} from '../../db/repositories/live-events';
import type { Deps } from '../context';

export type { LiveEvent, LiveKind };

/** The newest event's sequence number across all incidents (0 with none). */
export function lastLiveEvent(deps: Deps): Promise<number> {
  return lastLiveSeq(deps.db);
}

/** Events after a sequence number, across all incidents, oldest first. */
export function liveEventsSince(deps: Deps, seq: number, limit: number): Promise<LiveEvent[]> {
  return liveEventsAfter(deps.db, seq, limit);
}

/** One incident's events after a sequence number (a client reconnecting with Last-Event-ID). */
export function incidentEventsSince(deps: Deps, incidentId: string, seq: number, limit: number): Promise<LiveEvent[]> {
  return incidentEventsAfter(deps.db, incidentId, seq, limit);
}
