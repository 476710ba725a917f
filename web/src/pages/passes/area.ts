/** Deployment passes: the team's pass and the checkpoint page, fetched together as one chunk (see lazy-pages.ts). */
export { CheckpointPage } from './checkpoint-page';
export { PassPage } from './pass-page';
