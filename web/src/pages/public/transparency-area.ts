/**
 * The transparency pages, a chunk of their own (see lazy-pages.ts); their charts (and ECharts)
 * are a further chunk, fetched by the incident's page only.
 */
export { TransparencyPage, TransparencyStartPage } from './transparency-page';
