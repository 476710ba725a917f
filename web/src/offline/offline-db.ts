/**
 * The device's own store for working offline (IndexedDB through idb): the outbox of
 * submissions waiting for the network, and who is signed in on this device, which the service
 * worker reads to keep each user's cached data apart. Works in pages and in the service worker.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { OutboxEntry } from './outbox-entry';

interface OfflineSchema extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
  meta: { key: string; value: string };
}

const NAME = 'corespond-offline';
let opened: Promise<IDBPDatabase<OfflineSchema>> | undefined;

export function offlineDb(): Promise<IDBPDatabase<OfflineSchema>> {
  opened ??= openDB<OfflineSchema>(NAME, 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byUser', 'userId');
      db.createObjectStore('meta');
    },
  });
  return opened;
}

/** Caches holding one user's answers are named after the user: `corespond-user-<id>`. */
export const USER_CACHE_PREFIX = 'corespond-user-';
export const userCacheName = (userId: string): string => `${USER_CACHE_PREFIX}${userId}`;

/** The user signed in on this device, as the pages last saw it (null: nobody). */
export async function signedInUser(): Promise<string | null> {
  return (await (await offlineDb()).get('meta', 'user')) ?? null;
}

/**
 * Notes who is signed in and drops every other user's cached answers (a shared phone: the
 * next user never reads the last one's data, even when the last one did not sign out).
 */
export async function rememberSignedInUser(userId: string | null): Promise<void> {
  const db = await offlineDb();
  if (userId) await db.put('meta', userId, 'user');
  else await db.delete('meta', 'user');
  if (typeof caches === 'undefined') return;
  for (const name of await caches.keys()) {
    if (name.startsWith(USER_CACHE_PREFIX) && name !== (userId && userCacheName(userId))) await caches.delete(name);
  }
}
