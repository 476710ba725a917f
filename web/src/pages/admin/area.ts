/** The administration pages, fetched together as one chunk (see lazy-pages.ts). */
export { AuditPage } from './audit-page';
export { UsersPage } from './users-page';
export { WebhooksPage } from './webhooks-page';
