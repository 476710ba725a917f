import { Type } from 'typebox';
import { CHANNELS, NOTIFICATION_LANGUAGES } from '../../model/notification';
import { EVENT_TYPES } from '../../model/platform-event';
import { SERVICE_CATEGORIES } from '../../model/taxonomy';
import { Cursor, Id, Nullable } from '../common-schemas';

const strict = { additionalProperties: false };

export const NotificationSchema = Type.Object({
  id: Id,
  type: Type.String({ description: 'the event kind (need.created, statement.published, …)' }),
  title: Type.String({ description: 'what happened, from non-personal facts (kind, category, area, incident, organization)' }),
  incidentId: Nullable(Type.String()),
  entityId: Nullable(Type.String({ description: 'the record the event is about' })),
  link: Nullable(Type.String({ description: 'a path of the web UI to open' })),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

export const NotificationList = Type.Object({
  items: Type.Array(NotificationSchema),
  unread: Type.Integer({ description: 'unread notifications in all' }),
  nextCursor: Nullable(Type.String()),
});

export const NotificationQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Cursor),
  },
  strict,
);

export const UnreadCount = Type.Object({ unread: Type.Integer() });
export const ReadAllAnswer = Type.Object({ marked: Type.Integer(), unread: Type.Integer() });

export const SubscriptionSchema = Type.Object({
  id: Id,
  userId: Id,
  incidentId: Nullable(Type.String()),
  jurisdiction: Nullable(Type.String()),
  category: Nullable(Type.String()),
  kinds: Nullable(Type.Array(Type.String())),
  channels: Type.Array(Type.String()),
  language: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const SubscriptionList = Type.Object({ items: Type.Array(SubscriptionSchema) });

export const SubscriptionBody = Type.Object(
  {
    incidentId: Type.Optional(Nullable(Id)),
    jurisdiction: Type.Optional(
      Nullable(
        Type.String({
          pattern: '^[0-9]{6}$',
          description: 'GB/T 2260 code of an area: events inside it (a province or city covers what lies in it)',
        }),
      ),
    ),
    category: Type.Optional(Nullable(Type.Enum(SERVICE_CATEGORIES))),
    kinds: Type.Optional(
      Nullable(
        Type.Array(Type.Enum(EVENT_TYPES), { maxItems: EVENT_TYPES.length, description: 'event kinds; none: every kind' }),
      ),
    ),
    channels: Type.Array(Type.Enum(CHANNELS), { minItems: 1, maxItems: CHANNELS.length }),
    language: Type.Optional(
      Nullable(Type.Enum(NOTIFICATION_LANGUAGES, { description: 'of e-mails and titles (default zh-Hans)' })),
    ),
  },
  strict,
);
