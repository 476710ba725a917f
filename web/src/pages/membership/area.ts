/** The membership pages, fetched together as one chunk (see lazy-pages.ts). */
export { ApplicationsPage } from './applications-page';
export { DeskPage } from './desk-page';
