import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addToOutbox, claimForSending, type OutboxEntry, outboxOf, settleEntry } from '../../web/src/offline/outbox';
import { flushOutbox, retryDelay } from '../../web/src/offline/outbox-client';

let serial = 0;
function entry(userId: string): OutboxEntry {
  serial++;
  return {
    id: `entry-${serial}`,
    kind: 'progress',
    label: `进展 ${serial}`,
    url: `/needs/n${serial}/progress`,
    method: 'POST',
    body: { json: { note: `进展 ${serial}` } },
    idempotencyKey: `key-${serial}`,
    userId,
    csrfToken: 'csrf',
    createdAt: new Date(Date.UTC(2026, 11, 7, 1, 0, serial)).toISOString(),
    state: 'queued',
    triedAt: null,
    tries: 0,
    outcome: null,
    result: null,
  };
}

const ok = () => new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } });
const states = async (userId: string) => (await outboxOf(userId)).map((e) => e.state);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('flushing the outbox', () => {
  it('counts an entry another sender holds as still waiting, and sends it once that sender gives it back', async () => {
    const user = 'user-held';
    const [held, free] = [entry(user), entry(user)];
    await addToOutbox(held);
    await addToOutbox(free);
    const fetch = vi.fn(async () => ok());
    vi.stubGlobal('fetch', fetch);
    // The service worker has taken the older entry (its try is under way).
    expect(await claimForSending(held.id)).not.toBeNull();

    expect(await flushOutbox(user, 'csrf')).toEqual({ sent: 1, waiting: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);

    // Its try found no network: the entry is queued again, and the next flush sends it.
    await settleEntry(held.id, 'queued', { status: 0, code: 'network_error' });
    expect(await flushOutbox(user, 'csrf')).toEqual({ sent: 1, waiting: 0 });
    expect(await states(user)).toEqual(['sent', 'sent']);
  });

  it('runs once more when asked while a flush is giving up on the network, instead of answering with that flush', async () => {
    const user = 'user-rerun';
    await addToOutbox(entry(user));
    await addToOutbox(entry(user));
    let release: () => void = () => {};
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      if (calls.length === 1) {
        // The first try hangs until the network "comes back", then fails as the old connection does.
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        throw new TypeError('Failed to fetch');
      }
      return ok();
    });

    const first = flushOutbox(user, 'csrf');
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    // The browser is back online while the first try still hangs: two asks, one more pass.
    const second = flushOutbox(user, 'csrf');
    const third = flushOutbox(user, 'csrf');
    expect(third).toBe(second);
    release();

    expect(await first).toEqual({ sent: 0, waiting: 2 });
    expect(await second).toEqual({ sent: 2, waiting: 0 });
    expect(calls).toHaveLength(3);
    expect(await states(user)).toEqual(['sent', 'sent']);
  });
});

describe('the delay before trying again', () => {
  it('doubles from 2 s to at most 2 minutes, a fifth either way', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 6, 7, 20].map((attempt) => retryDelay(attempt, middle))).toEqual([
      2_000, 4_000, 8_000, 16_000, 120_000, 120_000, 120_000,
    ]);
    expect(retryDelay(0, () => 0)).toBe(1_600);
    expect(retryDelay(0, () => 1)).toBe(2_400);
    expect(retryDelay(10, () => 1)).toBe(144_000);
  });
});
