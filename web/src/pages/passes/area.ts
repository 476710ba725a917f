/** A team's deployment pass, fetched as one chunk (see lazy-pages.ts); the checkpoint page is a light public page (web/src/public-entry). */
export { PassPage } from './pass-page';
