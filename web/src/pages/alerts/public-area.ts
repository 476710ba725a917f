/** The public page of a warning: a chunk of its own, as the other public pages. */
export { PublicAlertPage } from './public-alert-page';
