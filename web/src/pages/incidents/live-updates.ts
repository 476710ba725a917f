/**
 * Keeps an incident board current: the server's event stream (SSE) says what changed and the
 * board's queries refetch; without the stream (not offered, or broken) the board polls.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { incidentEventsUrl } from '../../api';

/** The event types the stream sends; each carries `{ type, id }`. */
// A shipment's step changes its need too (commit claims it, delivery fulfils it): the whole board.
const EVENT_TYPES = ['need', 'claim', 'deployment', 'incident', 'alarm', 'centre', 'standby', 'shipment'] as const;

/** How often the board refetches when the stream is not there. */
export const POLL_MS = 15_000;
/** How long to wait before opening a stream again after the server closed it (e.g. a 404). */
const RETRY_MS = 60_000;

export type LiveMode = 'connecting' | 'live' | 'polling';

/** The query keys of one board: everything under it refetches on an event. */
export const boardKey = (incidentId: string) => ['board', incidentId] as const;

/** The board's resources (needed now, not needed, offers, allocation, shipments): an offer or plan event refetches these alone. */
export const resourcesKey = (incidentId: string) => [...boardKey(incidentId), 'resources'] as const;

/** Event types that change one part of the board only (an offer, a plan: its resources), with that part's key. */
const PART_EVENTS: Record<string, (incidentId: string) => readonly unknown[]> = {
  offer: resourcesKey,
  allocation: resourcesKey,
  // Published information: the information tab; a warning: the alerts card and the map's warning areas.
  statement: (incidentId) => ['information', incidentId],
  bulletin: (incidentId) => ['information', incidentId],
  alert: (incidentId) => ['alerts', 'incident', incidentId],
};

/** The refetch interval board queries should use in this mode. */
export function pollInterval(mode: LiveMode): number | false {
  return mode === 'live' ? false : POLL_MS;
}

export function useLiveBoard(incidentId: string): LiveMode {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<LiveMode>('connecting');

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setMode('polling');
      return;
    }
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let missed = false;

    // Events come in bursts (a claim changes the need, the claim, the counters): refetch once,
    // the whole board, or only the parts that changed when every event of the burst names one.
    let parts: (readonly unknown[])[] | null = [];
    const refreshKeys = (keys: (readonly unknown[])[] | null) => {
      parts = parts === null || keys === null ? null : [...parts, ...keys];
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        const due = parts ?? [boardKey(incidentId)];
        parts = [];
        for (const queryKey of due) void queryClient.invalidateQueries({ queryKey });
      }, 200);
    };
    const refresh = () => refreshKeys(null);

    const connect = () => {
      if (stopped) return;
      const stream = new EventSource(incidentEventsUrl(incidentId), { withCredentials: true });
      source = stream;
      stream.onopen = () => {
        setMode('live');
        // Back after a gap the browser could not bridge with Last-Event-ID: catch up once.
        if (missed) refresh();
        missed = false;
      };
      stream.onerror = () => {
        setMode('polling');
        missed = true;
        // The browser reconnects by itself unless the server refused the stream outright.
        if (stream.readyState === EventSource.CLOSED) {
          stream.close();
          retry = setTimeout(connect, RETRY_MS);
        }
      };
      stream.onmessage = refresh;
      for (const type of EVENT_TYPES) stream.addEventListener(type, refresh);
      for (const [type, part] of Object.entries(PART_EVENTS))
        stream.addEventListener(type, () => refreshKeys([part(incidentId)]));
    };
    connect();

    return () => {
      stopped = true;
      source?.close();
      clearTimeout(retry);
      clearTimeout(pending);
    };
  }, [incidentId, queryClient]);

  return mode;
}
