/**
 * A live client's unsent data stays bounded: a backlog goes out a page at a time as the
 * connection drains, and a client that stops reading is cut (it reconnects with Last-Event-ID).
 * The connection is a real Node stream whose reader is slow, or stalls.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LiveClient, MAX_BUFFERED_BYTES, MAX_WAITING_EVENTS } from '../../src/http/live/live-client';
import type { LiveEvent } from '../../src/services/live/live-events';

const event = (seq: number): LiveEvent => ({
  seq,
  incidentId: 'inc-1',
  kind: 'need',
  entityId: `need-${seq}`,
  at: '2026-12-06T00:00:00.000Z',
});

/** A connection that reads a chunk per tick (slow), or never (stalled); keeps what it read. */
function connection(reads: boolean) {
  const received: string[] = [];
  const out = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      if (!reads) return; // never calls back: the reader has stopped
      received.push(chunk.toString());
      setImmediate(done);
    },
  });
  const ids = () =>
    received
      .join('')
      .match(/^id: \d+$/gm)
      ?.map((l) => Number(l.slice(4))) ?? [];
  return { out, ids };
}

async function* pagesOf(events: LiveEvent[], size: number, pulled: { pages: number }) {
  for (let i = 0; i < events.length; i += size) {
    pulled.pages++;
    yield events.slice(i, i + size);
  }
}

describe('a live client', () => {
  it('sends a long backlog and the events that arrive meanwhile, each once, in order', async () => {
    const { out, ids } = connection(true);
    const client = new LiveClient(out, 0);
    const backlog = Array.from({ length: 5000 }, (_, i) => event(i + 1));
    const pulled = { pages: 0 };
    const replaying = client.replay(pagesOf(backlog, 1000, pulled));
    // Live events during the replay: some the backlog holds as well, some newer.
    for (const seq of [4999, 5000, 5001, 5002]) client.deliver(event(seq));
    await replaying;
    client.deliver(event(5003));
    expect(client.closed).toBe(false);
    await new Promise((resolve) => out.end(resolve));
    expect(pulled.pages).toBe(5);
    expect(ids()).toEqual(Array.from({ length: 5003 }, (_, i) => i + 1));
  });

  it('reads no further page of the backlog while the connection has not drained', async () => {
    const { out } = connection(false);
    const client = new LiveClient(out, 0);
    const pulled = { pages: 0 };
    const replaying = client.replay(
      pagesOf(
        Array.from({ length: 5000 }, (_, i) => event(i + 1)),
        1000,
        pulled,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled.pages).toBe(1);
    expect(out.writableLength).toBeLessThan(MAX_BUFFERED_BYTES);
    // Live events keep coming while it is stuck: past the limit it is cut, and the replay ends.
    for (let seq = 5001; seq <= 5001 + MAX_WAITING_EVENTS; seq++) client.deliver(event(seq));
    await replaying;
    expect(client.closed).toBe(true);
    expect(pulled.pages).toBe(1);
  });

  it('is cut once a mebibyte waits for a reader that has stopped, and takes nothing more', async () => {
    const { out } = connection(false);
    const client = new LiveClient(out, 0);
    await client.replay(pagesOf([], 1000, { pages: 0 }));
    let seq = 0;
    while (!client.closed && seq < 100_000) client.deliver(event(++seq));
    expect(client.closed).toBe(true);
    // Cut at the first event past the limit (an event is about a hundred bytes).
    expect(seq).toBeGreaterThan(MAX_BUFFERED_BYTES / 200);
    expect(seq).toBeLessThan(MAX_BUFFERED_BYTES / 50);
    client.deliver(event(++seq));
    client.ping();
  });
});
