/**
 * The answers the field pages need offline: whose they are decides where the service worker
 * keeps them. Shared by the service worker (what to cache) and the pages (what to fetch once
 * right after sign-in, so it is there before the network goes).
 */

/** One signed-in user's data: cached only under that user's name, deleted at sign-out. */
export const USER_DATA: readonly RegExp[] = [/^\/api\/v1\/auth\/session$/, /^\/api\/v1\/me\/tasks$/];

/**
 * The same for everyone (no user's data): one shared cache. The public report page needs the
 * open incidents and the divisions (GB/T 2260: children of a level, one division by code).
 */
export const SHARED_DATA: readonly RegExp[] = [
  /^\/api\/v1\/setup$/,
  /^\/api\/v1\/jurisdictions(\/|$)/,
  /^\/api\/v1\/public\/incidents$/,
];

/** What to fetch right after sign-in so the field pages open offline later. */
const WARM_UP = ['/api/v1/auth/session', '/api/v1/me/tasks'];

/** Fetches the field pages' data through the service worker, which keeps it for this user. */
export async function warmFieldData(): Promise<void> {
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return;
  await Promise.all(
    WARM_UP.map((url) => fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => null)),
  );
}
