/**
 * Registers the service worker (web/src/offline/sw.ts, served as /sw.js) from this script
 * file: the Content-Security-Policy allows no inline script. Only in a production build
 * (the dev server serves no /sw.js) and where the browser has service workers.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No service worker (private mode, an old browser): the app works online as before.
    });
  });
}
