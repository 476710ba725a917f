/** Webhooks (Standard Webhooks) and their delivery log. */
import type { Deps } from '../../services/context';
import {
  createWebhook,
  readDeliveries,
  readWebhook,
  readWebhooks,
  reenableWebhook,
  removeWebhook,
  type WebhookSettings,
} from '../../services/webhooks/manage-webhooks';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { CreatedWebhookSchema, DeliveryPage, DeliveryQuery, WebhookBody, WebhookList, WebhookSchema } from './schemas';

const tags = ['webhooks'];

export async function webhookRoutes(app: App, deps: Deps, settings: WebhookSettings): Promise<void> {
  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary:
          'Register a webhook (platform admins, coordinators, organization admins): its URL and events; the answer holds the whsec_ signing secret, shown once; private and loopback targets are refused unless CORESPOND_WEBHOOKS_ALLOW_PRIVATE=true',
        body: WebhookBody,
        response: { 201: CreatedWebhookSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhook(deps, actorOf(request), request.body, settings)),
  );

  app.get(
    '/api/v1/webhooks',
    { schema: { tags, summary: 'The reader’s webhooks (every one for platform admins)', response: { 200: WebhookList } } },
    async (request) => readWebhooks(deps, actorOf(request)),
  );

  app.get(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'One webhook (its owner and platform admins)',
        params: IdParams,
        response: { 200: WebhookSchema },
      },
    },
    async (request) => readWebhook(deps, actorOf(request), request.params.id),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    { schema: { tags, summary: 'Delete a webhook and its delivery log', params: IdParams } },
    async (request, reply) => {
      await removeWebhook(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/webhooks/:id/enable',
    {
      schema: {
        tags,
        summary: 'Turn a disabled webhook back on; its pending deliveries resume',
        params: IdParams,
        response: { 200: WebhookSchema },
      },
    },
    async (request) => reenableWebhook(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary:
          'Deliveries of a webhook, newest event first: event type, webhook-id, status and every attempt with the receiver’s status code, an excerpt of its answer and any error',
        params: IdParams,
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (request) => readDeliveries(deps, actorOf(request), request.params.id, request.query),
  );
}
