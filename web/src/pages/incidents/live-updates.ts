/**
 * Keeps an incident board current: the server's event stream (SSE) says what changed and the
 * board's queries refetch; without the stream (not offered, or broken) the board polls.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { incidentEventsUrl } from '../../api';

/** The event types the stream sends; each carries `{ type, id }`. */
const EVENT_TYPES = ['need', 'claim', 'deployment', 'incident', 'alarm', 'centre', 'standby'] as const;

/** How often the board refetches when the stream is not there. */
export const POLL_MS = 15_000;
/** How long to wait before opening a stream again after the server closed it (e.g. a 404). */
const RETRY_MS = 60_000;

export type LiveMode = 'connecting' | 'live' | 'polling';

/** The query keys of one board: everything under it refetches on an event. */
export const boardKey = (incidentId: string) => ['board', incidentId] as const;

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

    // Events come in bursts (a claim changes the need, the claim, the counters): refetch once.
    const refresh = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        void queryClient.invalidateQueries({ queryKey: boardKey(incidentId) });
      }, 200);
    };

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
