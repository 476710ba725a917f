/**
 * The outbox in IndexedDB: submissions made on this device, each with its Idempotency-Key and
 * state. Entries belong to the user who made them; a user sees and sends only their own.
 */
import { offlineDb } from './offline-db';
import type { OutboxEntry, OutboxOutcome, OutboxState } from './outbox-entry';

export type { OutboxEntry, OutboxKind, OutboxOutcome, OutboxState } from './outbox-entry';

/** A try that has been "sending" this long was cut off (the page closed): it may be tried again. */
const STUCK_MS = 60_000;

export async function addToOutbox(entry: OutboxEntry): Promise<void> {
  await (await offlineDb()).put('outbox', entry);
}

export async function outboxEntry(id: string): Promise<OutboxEntry | undefined> {
  return (await offlineDb()).get('outbox', id);
}

/** A user's entries, newest first. */
export async function outboxOf(userId: string): Promise<OutboxEntry[]> {
  const all = await (await offlineDb()).getAllFromIndex('outbox', 'byUser', userId);
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Takes an entry for sending if nobody else is sending it (a page and the service worker may
 * flush at once): one IndexedDB transaction reads and marks it, so only one of them wins.
 */
export async function claimForSending(id: string, now: Date = new Date()): Promise<OutboxEntry | null> {
  const tx = (await offlineDb()).transaction('outbox', 'readwrite');
  const entry = await tx.store.get(id);
  const stuck = entry?.state === 'sending' && entry.triedAt !== null && now.getTime() - Date.parse(entry.triedAt) > STUCK_MS;
  if (!entry || !(entry.state === 'queued' || stuck)) {
    await tx.done;
    return null;
  }
  const sending: OutboxEntry = { ...entry, state: 'sending', triedAt: now.toISOString(), tries: entry.tries + 1 };
  await tx.store.put(sending);
  await tx.done;
  return sending;
}

/** Notes how a try ended. */
export async function settleEntry(
  id: string,
  state: Exclude<OutboxState, 'sending'>,
  outcome: OutboxOutcome | null,
  result: unknown = null,
): Promise<void> {
  const tx = (await offlineDb()).transaction('outbox', 'readwrite');
  const entry = await tx.store.get(id);
  if (entry) await tx.store.put({ ...entry, state, outcome, result, triedAt: new Date().toISOString() });
  await tx.done;
}

/** Removes an entry (refused at once: the form that made it shows why). */
export async function removeEntry(id: string): Promise<void> {
  await (await offlineDb()).delete('outbox', id);
}

/** Puts an entry back in the queue (the person asks to try again after fixing the cause). */
export async function requeue(id: string): Promise<void> {
  await settleEntry(id, 'queued', null);
}

/** Entries still waiting to be sent, of one user (oldest first: they go in the order made). */
export async function waitingOf(userId: string): Promise<OutboxEntry[]> {
  return (await outboxOf(userId)).filter((e) => e.state === 'queued' || e.state === 'sending').reverse();
}

/**
 * At sign-out: what the server has answered (sent, conflict, failed) is forgotten; what is
 * still waiting stays, under its user, hidden from anyone else, and goes out at that user's
 * next sign-in — an unsent report is never thrown away because a phone changed hands.
 */
export async function forgetAnswered(userId: string): Promise<void> {
  const tx = (await offlineDb()).transaction('outbox', 'readwrite');
  for (const entry of await tx.store.index('byUser').getAll(userId)) {
    if (entry.state !== 'queued' && entry.state !== 'sending') await tx.store.delete(entry.id);
  }
  await tx.done;
}
