/**
 * The service worker (built by vite-plugin-pwa in injectManifest mode, served as /sw.js):
 * - the app shell (HTML, scripts, styles, icons) is precached, so the app opens offline;
 * - pages are fetched network-first and fall back to the cached shell: the light public pages'
 *   (public-pages.html) for /report, /receipt and /join, its copy linking the checkpoint app's
 *   manifest (checkpoint.html) for /checkpoint, the coordinators' otherwise (webPageFor);
 * - the field pages' data (session, my tasks) is fetched network-first into a cache named
 *   after the signed-in user, and answered from it when the network is away; nothing is
 *   cached while nobody is signed in, and the pages delete a user's cache at sign-out;
 * - shared reference data (setup state, divisions, public incidents) has one cache for all;
 * - background sync sends the outbox when the browser is back online.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { webPageFor } from '../../../src/http/web-pages';
import { SHARED_DATA, USER_DATA } from './field-data';
import { signedInUser, userCacheName } from './offline-db';
import { flushOutbox, OUTBOX_SYNC_TAG } from './outbox-client';

// The service worker's global, as far as this file uses it (the project is type-checked with the
// DOM library, which does not declare the worker's scope next to the window's).
interface LifecycleEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SyncEvent extends LifecycleEvent {
  tag: string;
}
declare const self: {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: LifecycleEvent) => void): void;
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void;
};

const NETWORK_TIMEOUT_SECONDS = 5;
const onlyOk = new CacheableResponsePlugin({ statuses: [200] });

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

const sameOrigin = (url: URL) => url.origin === self.location.origin;

registerRoute(
  ({ url, request }) => request.method === 'GET' && sameOrigin(url) && USER_DATA.some((p) => p.test(url.pathname)),
  async (options) => {
    const user = await signedInUser();
    // Nobody signed in (or signed in a moment ago and not yet noted): straight to the network, nothing kept.
    if (!user) return fetch(options.request);
    const strategy = new NetworkFirst({
      cacheName: userCacheName(user),
      networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
      plugins: [onlyOk],
    });
    return strategy.handle(options);
  },
);

registerRoute(
  ({ url, request }) => request.method === 'GET' && sameOrigin(url) && SHARED_DATA.some((p) => p.test(url.pathname)),
  new NetworkFirst({ cacheName: 'corespond-shared', networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS, plugins: [onlyOk] }),
);

// Hashed assets not in the precache (the largest chunks): kept once fetched, they never change.
registerRoute(
  ({ url, request }) => request.method === 'GET' && sameOrigin(url) && url.pathname.startsWith('/assets/'),
  new CacheFirst({ cacheName: 'corespond-assets', plugins: [onlyOk] }),
);

// Pages: from the network when it answers (another entry point may serve another HTML file),
// else the last copy of that page, else the precached shell the server would have answered with.
registerRoute(
  ({ request }) => request.mode === 'navigate',
  new NetworkFirst({ cacheName: 'corespond-pages', networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS, plugins: [onlyOk] }),
);
setCatchHandler(async ({ request }) => {
  if (request.mode === 'navigate') {
    return (await matchPrecache(`/${webPageFor(new URL(request.url).pathname)}`)) ?? Response.error();
  }
  return Response.error();
});

self.addEventListener('sync', (event) => {
  if (event.tag !== OUTBOX_SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      // Each entry carries the CSRF token of the session it was made in. What still waits
      // fails the sync, so the browser tries it again later (with its own backoff).
      const { waiting } = await flushOutbox(await signedInUser(), null);
      if (waiting > 0) throw new Error(`${waiting} outbox entries still waiting`);
    })(),
  );
});
