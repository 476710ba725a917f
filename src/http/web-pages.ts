/**
 * Which built page answers a path of the web UI: the light public pages (report, receipt,
 * join, checkpoint: web/public-pages.html, without the coordinators' bundle) or the
 * coordinators' app (web/index.html) for every other path. The public pages' own router
 * (web/src/public-entry/router.tsx) reads the same rule.
 */

/** The paths of the light public pages: /report, /report/:incidentId, /receipt[/:code], /join, /checkpoint. */
export const PUBLIC_PAGE_PATH = /^\/(report|receipt|join|checkpoint)(\/[^/]+)?\/?$/;

/** The HTML file (in the built web UI) that serves `path`. */
export function webPageFor(path: string): 'public-pages.html' | 'index.html' {
  return PUBLIC_PAGE_PATH.test(path) ? 'public-pages.html' : 'index.html';
}

/** The web app manifest of the checkpoint page, installed as an app of its own (vite.config.ts). */
export const CHECKPOINT_MANIFEST = '/checkpoint.webmanifest';
