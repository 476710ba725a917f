/** The public help pages, fetched together as one chunk (see lazy-pages.ts). */
export { ReceiptPage } from './receipt-page';
export { ReportFormPage, ReportStartPage } from './report-page';
