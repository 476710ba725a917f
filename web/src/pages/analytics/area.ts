/** The network analytics dashboard, fetched as one chunk with ECharts (see lazy-pages.ts). */
export { AnalyticsPage } from './analytics-page';
