/**
 * Live updates of incidents over server-sent events. Every process tails the live event log
 * in the database, through its service (so a change made by another API node reaches this
 * node's clients too), and fans new events out to the clients of each incident. Event ids are
 * audit sequence numbers: a client that reconnects with Last-Event-ID gets everything it
 * missed. While any client listens the tail is read every 25 ms (one indexed query that usually finds nothing),
 * so a change reaches clients within a few tens of milliseconds, from whichever process made it.
 */
import type { ServerResponse } from 'node:http';
import type { Deps } from '../../services/context';
import { incidentEventsSince, type LiveEvent, lastLiveEvent, liveEventsSince } from '../../services/live/live-events';
import { LiveClient } from './live-client';

const BATCH = 1000;
const HEARTBEAT_MS = 15_000;

export class LiveHub {
  private readonly clients = new Map<string, Set<LiveClient>>();
  private last = 0;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly deps: Deps,
    private readonly intervalMs = 25,
  ) {}

  async start(): Promise<void> {
    this.last = await lastLiveEvent(this.deps);
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.heartbeat = setInterval(() => {
      for (const set of this.clients.values()) for (const c of set) c.ping();
    }, HEARTBEAT_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
  }

  /** How many clients are connected (for the board's counters and the benchmark). */
  size(): number {
    let n = 0;
    for (const set of this.clients.values()) n += set.size;
    return n;
  }

  private async poll(): Promise<void> {
    // Nobody listening: no query at all; the first client to attach moves the tail to the present.
    if (this.polling || this.clients.size === 0) return;
    this.polling = true;
    try {
      for (;;) {
        const events = await liveEventsSince(this.deps, this.last, BATCH);
        for (const e of events) {
          this.last = e.seq;
          for (const c of this.clients.get(e.incidentId) ?? []) c.deliver(e);
        }
        if (events.length < BATCH) break;
      }
    } catch {
      // The next tick tries again; the log keeps everything until then.
    } finally {
      this.polling = false;
    }
  }

  /** Streams an incident's events to a response, starting after `after`. */
  async attach(incidentId: string, res: ServerResponse, after: number): Promise<void> {
    const client = new LiveClient(res, after);
    const idle = this.clients.size === 0;
    const set = this.clients.get(incidentId) ?? new Set<LiveClient>();
    set.add(client);
    this.clients.set(incidentId, set);
    res.on('close', () => {
      set.delete(client);
      if (set.size === 0) this.clients.delete(incidentId);
    });
    // After an idle spell (no other client to miss anything) the tail jumps to the present: this
    // client's backlog, read next, covers everything up to there.
    if (idle) this.last = Math.max(this.last, await lastLiveEvent(this.deps));
    await client.replay(this.backlog(incidentId, after));
  }

  /** An incident's events after `after`, a page at a time, read only as the client takes them. */
  private async *backlog(incidentId: string, after: number): AsyncGenerator<LiveEvent[]> {
    for (let from = after; ; ) {
      const page = await incidentEventsSince(this.deps, incidentId, from, BATCH);
      yield page;
      if (page.length < BATCH) return;
      from = page[page.length - 1].seq;
    }
  }
}
