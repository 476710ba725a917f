/**
 * One listener of an incident's live events. What it has not yet taken from its connection is
 * bounded: the backlog of a reconnect is sent a page at a time, the next page only once the
 * connection has drained; and a client that stops reading (a phone gone into a tunnel, a stalled
 * proxy) is cut once 1 MiB waits for it, or 10,000 live events while its backlog is still being
 * sent. Nothing is lost by a cut: the browser reconnects with Last-Event-ID and catches up from
 * the event log in the database.
 */
import type { Writable } from 'node:stream';
import type { LiveEvent } from '../../services/live/live-events';

/** Unsent bytes that one client may hold on this server before it is cut. */
export const MAX_BUFFERED_BYTES = 1 << 20;
/** Live events kept for a client while its backlog is sent, before it is cut. */
export const MAX_WAITING_EVENTS = 10_000;

export class LiveClient {
  private lastSent: number;
  private ready = false;
  private waiting: LiveEvent[] = [];

  constructor(
    private readonly out: Writable,
    after: number,
  ) {
    this.lastSent = after;
  }

  /** Whether its connection has ended (closed by the browser, or cut here). */
  get closed(): boolean {
    return this.out.destroyed;
  }

  private send(text: string): void {
    if (this.closed) return;
    this.out.write(text);
    if (this.out.writableLength > MAX_BUFFERED_BYTES) this.cut();
  }

  private cut(): void {
    this.waiting = [];
    this.out.destroy();
  }

  private write(e: LiveEvent): void {
    if (e.seq <= this.lastSent) return;
    this.lastSent = e.seq;
    this.send(`id: ${e.seq}\nevent: ${e.kind}\ndata: ${JSON.stringify({ type: e.kind, id: e.entityId, at: e.at })}\n\n`);
  }

  /** Live events arriving while the backlog is still being sent wait their turn. */
  deliver(e: LiveEvent): void {
    if (this.closed) return;
    if (this.ready) {
      this.write(e);
      return;
    }
    this.waiting.push(e);
    if (this.waiting.length > MAX_WAITING_EVENTS) this.cut();
  }

  /** Sends the backlog page by page (the next read only after the connection drained), then what waited. */
  async replay(pages: AsyncIterable<LiveEvent[]>): Promise<void> {
    for await (const page of pages) {
      for (const e of page) this.write(e);
      await this.drained();
      if (this.closed) return;
    }
    for (const e of this.waiting.sort((a, b) => a.seq - b.seq)) this.write(e);
    this.waiting = [];
    this.ready = true;
  }

  ping(): void {
    this.send(': ping\n\n');
  }

  private drained(): Promise<void> {
    if (this.closed || !this.out.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }
}
