/**
 * How a page submits something that must get through: the submission is kept in the outbox
 * first (with a fresh Idempotency-Key), then sent; when the network is away it waits and goes
 * out when the network returns (the `online` event), when the app starts again, and through
 * background sync where the browser has it. The same key on every try: the server makes one
 * record however often it arrives.
 */
import { addToOutbox, type OutboxEntry, type OutboxKind, outboxEntry, removeEntry, waitingOf } from './outbox';
import { type SendResult, sendEntry } from './outbox-send';

export const OUTBOX_CHANNEL = 'corespond-outbox';
export const OUTBOX_SYNC_TAG = 'corespond-outbox';

export interface Submission {
  kind: OutboxKind;
  label: string;
  /** Path under /api/v1. */
  url: string;
  body: OutboxEntry['body'];
  /** The signed-in user's id, or 'public'. */
  userId: string;
  csrfToken: string | null;
}

export interface Submitted {
  entry: OutboxEntry;
  /** sent now; queued: kept on the device for later; conflict/failed: the server's refusal. */
  state: SendResult['state'];
}

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(OUTBOX_CHANNEL);
channel?.addEventListener('message', () => {
  for (const listener of listeners) listener();
});

/** Tells this page's outbox views and every other tab (and the service worker's flushes tell pages). */
function changed(): void {
  for (const listener of listeners) listener();
  channel?.postMessage('changed');
}

/** Calls back whenever an entry is added or settles, here or in another tab or the service worker. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function newKey(): string {
  return crypto.randomUUID();
}

/** Asks the service worker to flush when the browser is back online, even if this page has closed by then. */
async function askForBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = (await navigator.serviceWorker.getRegistration()) as
      | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
      | undefined;
    await registration?.sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // Background sync is refused without a service worker or where it is not supported: the page's own flush remains.
  }
}

/** Keeps a submission in the outbox, then tries to send it at once. */
export async function submitThroughOutbox(submission: Submission): Promise<Submitted> {
  const entry: OutboxEntry = {
    id: newKey(),
    ...submission,
    method: 'POST',
    idempotencyKey: newKey(),
    createdAt: new Date().toISOString(),
    state: 'queued',
    triedAt: null,
    tries: 0,
    outcome: null,
    result: null,
  };
  await addToOutbox(entry);
  changed();
  const sent = await sendEntry(entry.id, submission.csrfToken);
  const settled = (await outboxEntry(entry.id)) ?? entry;
  // Answered at once: the form in front of the person says how it went. The outbox keeps only
  // what had to wait for the network, so its later answer (or refusal) is not missed.
  if (sent && sent.state !== 'queued') await removeEntry(entry.id);
  changed();
  if (!sent || sent.state === 'queued') void askForBackgroundSync();
  return { entry: settled, state: sent?.state ?? 'queued' };
}

/** What a flush did: how many entries it sent, and how many still wait (queued, or being sent by another tab or the service worker). */
export interface FlushResult {
  sent: number;
  waiting: number;
}

/**
 * How long to wait before trying again what is still waiting while the browser says it is
 * online (a weak signal, a server restarting, an entry another sender was holding): 2 s,
 * doubling to at most 2 minutes, with a fifth either way so that phones that lost the
 * network together do not all come back in the same second.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempt), 120_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

async function flushPass(userId: string | null, csrfToken: string | null): Promise<FlushResult> {
  const owners = userId ? [userId, 'public'] : ['public'];
  let sent = 0;
  passes: for (const owner of owners) {
    for (const entry of await waitingOf(owner)) {
      const result = await sendEntry(entry.id, owner === 'public' ? null : csrfToken);
      changed();
      if (result?.state === 'sent') sent++;
      if (result?.state === 'queued' && result.outcome?.code === 'network_error') break passes;
    }
  }
  const waiting = (await Promise.all(owners.map((owner) => waitingOf(owner)))).flat().length;
  return { sent, waiting };
}

let running: Promise<FlushResult> | null = null;
interface NextFlush {
  promise: Promise<FlushResult>;
  userId: string | null;
  csrfToken: string | null;
}
let next: NextFlush | null = null;

/**
 * Sends what is waiting, oldest first, for this user and for the public pages; a pass stops at
 * the first entry the network does not carry (the rest would not get through either). A flush
 * asked for while one runs (the network came back as it gave up, an entry was put back) runs
 * once more after it, with the latest caller's user and token.
 */
export function flushOutbox(userId: string | null, csrfToken: string | null): Promise<FlushResult> {
  if (!running) {
    running = flushPass(userId, csrfToken).finally(() => {
      running = null;
    });
    return running;
  }
  if (next) {
    next.userId = userId;
    next.csrfToken = csrfToken;
    return next.promise;
  }
  const after = running.catch(() => undefined);
  const queued: NextFlush = {
    userId,
    csrfToken,
    promise: after.then(() => {
      next = null;
      return flushOutbox(queued.userId, queued.csrfToken);
    }),
  };
  next = queued;
  return queued.promise;
}

/**
 * Starts sending for the signed-in user (or only the public pages' entries): now, whenever the
 * browser comes back online, when the service worker's background sync has sent something, and
 * again after {@link retryDelay} while something still waits and the browser says it is online.
 * Returns the stop function.
 */
export function startOutbox(who: () => { userId: string | null; csrfToken: string | null }): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;
  const flush = async () => {
    clearTimeout(timer);
    const { userId, csrfToken } = who();
    const { sent, waiting } = await flushOutbox(userId, csrfToken).catch(() => ({ sent: 0, waiting: 1 }));
    if (stopped) return;
    attempt = sent > 0 ? 0 : attempt + 1;
    clearTimeout(timer);
    if (waiting > 0 && navigator.onLine) timer = setTimeout(() => void flush(), retryDelay(attempt - 1));
  };
  const online = () => {
    attempt = 0;
    void flush();
  };
  void flush();
  window.addEventListener('online', online);
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', online);
  };
}
