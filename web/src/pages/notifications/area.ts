/** The notification centre and subscription settings, fetched together as one chunk (see lazy-pages.ts). */
export { NotificationsPage } from './notifications-page';
export { SubscriptionsPage } from './subscriptions-page';
