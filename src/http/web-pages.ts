/**
 * Which built page answers a path of the web UI: the light public pages (report, receipt,
 * join: web/public-pages.html, without the coordinators' bundle), the checkpoint page (the same
 * page linking the checkpoint app's own manifest: checkpoint.html, made by the build from
 * public-pages.html), or the coordinators' app (web/index.html) for every other path. The
 * public pages' own router (web/src/public-entry/router.tsx) reads the same rule.
 */

/** The paths of the light public pages: /report, /report/:incidentId, /receipt[/:code], /join, /checkpoint. */
export const PUBLIC_PAGE_PATH = /^\/(report|receipt|join|checkpoint)(\/[^/]+)?\/?$/;

/** The checkpoint page's paths, installed as an app of its own. */
export const CHECKPOINT_PAGE_PATH = /^\/checkpoint\/?$/;

/** The web app manifest of the checkpoint page (vite.config.ts). */
export const CHECKPOINT_MANIFEST = 'checkpoint.webmanifest';

export type WebPage = 'checkpoint.html' | 'public-pages.html' | 'index.html';

/** The HTML file (in the built web UI) that serves `path`. */
export function webPageFor(path: string): WebPage {
  if (CHECKPOINT_PAGE_PATH.test(path)) return 'checkpoint.html';
  return PUBLIC_PAGE_PATH.test(path) ? 'public-pages.html' : 'index.html';
}
