/** Early warnings, fetched together as one chunk (see lazy-pages.ts). */
export { AlertsPage } from './alerts-page';
export { ComposeAlertPage } from './compose-alert-page';
