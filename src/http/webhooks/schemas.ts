import { Type } from 'typebox';
import { DELIVERY_STATUSES, MAX_WEBHOOK_EVENTS } from '../../model/webhook';
import { Cursor, Id, Limit, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const WebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) URL on the public internet' }),
    events: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: MAX_WEBHOOK_EVENTS,
      description:
        'event names: need.created, need.claimed, claim.expiring, dispatch.created, deployment.decided, checkin.missed, statement.published, alert.published, alert.ingested, bulletin.published',
    }),
  },
  strict,
);

export const WebhookSchema = Type.Object({
  id: Id,
  ownerId: Id,
  url: Type.String(),
  events: Type.Array(Type.String()),
  createdAt: Type.String(),
  enabled: Type.Boolean(),
  consecutiveFailures: Type.Integer({ description: 'deliveries in a row that failed every attempt' }),
  disabledAt: Nullable(Type.String()),
  disabledReason: Nullable(Type.String()),
});

export const CreatedWebhookSchema = Type.Object({
  id: Id,
  secret: Type.String({ description: 'whsec_… signing secret, shown only now' }),
  webhook: WebhookSchema,
});

export const WebhookList = Type.Object({ items: Type.Array(WebhookSchema) });

export const DeliveryQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) }, strict);

export const AttemptSchema = Type.Object({
  attempt: Type.Integer(),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  statusCode: Nullable(Type.Integer()),
  responseExcerpt: Nullable(Type.String({ description: 'the first 1 KiB of the receiver’s answer' })),
  error: Nullable(Type.String()),
});

export const DeliverySchema = Type.Object({
  id: Type.String(),
  webhookMessageId: Type.String({ description: 'the webhook-id header, the same on every attempt' }),
  eventType: Type.String(),
  eventSeq: Type.Integer(),
  status: Type.Enum(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  attemptLog: Type.Array(AttemptSchema),
});

export const DeliveryPage = Type.Object({ items: Type.Array(DeliverySchema), nextCursor: Nullable(Type.String()) });
