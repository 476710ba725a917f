/** The notification centre and subscriptions: every account reads and changes only its own. */
import type { Deps } from '../../services/context';
import {
  countUnread,
  listNotifications,
  listSubscriptions,
  readAllNotifications,
  readNotification,
  subscribe,
  unsubscribe,
} from '../../services/notifications/manage-notifications';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import {
  NotificationList,
  NotificationQuery,
  ReadAllAnswer,
  SubscriptionBody,
  SubscriptionList,
  SubscriptionSchema,
  UnreadCount,
} from './schemas';

const tags = ['notifications'];

export async function notificationRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, unread first, newest first',
        querystring: NotificationQuery,
        response: { 200: NotificationList },
      },
    },
    async (request) =>
      listNotifications(deps, actorOf(request), { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: { tags, summary: 'How many of my notifications are unread (the header polls it)', response: { 200: UnreadCount } },
    },
    async (request) => countUnread(deps, actorOf(request)),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 200: UnreadCount } } },
    async (request) => readNotification(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notifications read', response: { 200: ReadAllAnswer } } },
    async (request) => readAllNotifications(deps, actorOf(request)),
  );

  app.get(
    '/api/v1/subscriptions',
    { schema: { tags, summary: 'My subscriptions', response: { 200: SubscriptionList } } },
    async (request) => listSubscriptions(deps, actorOf(request)),
  );

  app.post(
    '/api/v1/subscriptions',
    {
      schema: {
        tags,
        summary: 'Follow an incident, an area, a service category and/or event kinds, in the app and/or by e-mail',
        body: SubscriptionBody,
        response: { 201: SubscriptionSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await subscribe(deps, actorOf(request), request.body)),
  );

  app.delete(
    '/api/v1/subscriptions/:id',
    { schema: { tags, summary: 'Stop following (one of my subscriptions)', params: IdParams } },
    async (request, reply) => {
      await unsubscribe(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
