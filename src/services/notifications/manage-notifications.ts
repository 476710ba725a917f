/**
 * A user's own notification centre and subscriptions: each account reads, marks and follows
 * only for itself (another user's notification or subscription is not found, not forbidden,
 * so its existence is not told either).
 */
import { findIncident } from '../../db/repositories/incidents';
import {
  deleteSubscription,
  insertSubscription,
  markAllRead,
  markRead,
  type Notification,
  notificationsOf,
  subscriptionsOf,
  unreadCount,
} from '../../db/repositories/notifications';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { findJurisdiction } from '../../model/jurisdictions';
import type { Channel, NotificationLanguage, Subscription } from '../../model/notification';
import type { EventType } from '../../model/platform-event';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { decodeCursor, encodeCursor } from '../pagination';

/** Subscriptions one account may keep. */
export const MAX_SUBSCRIPTIONS = 100;

type UserActor = Extract<Actor, { kind: 'user' }>;

function userOf(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('forbidden');
  return actor;
}

/** The user's notifications, unread first and newest first, a page at a time. */
export async function listNotifications(
  deps: Deps,
  actor: Actor,
  page: { limit: number; cursor?: string },
): Promise<{ items: Notification[]; unread: number; nextCursor: string | null }> {
  const user = userOf(actor);
  let after: { unread: boolean; id: string } | undefined;
  if (page.cursor) {
    const [unread, id] = decodeCursor(page.cursor, 2);
    if ((unread !== 0 && unread !== 1) || typeof id !== 'string') throw new AppError('invalid_cursor', { field: 'cursor' });
    after = { unread: unread === 1, id };
  }
  const rows = await notificationsOf(deps.db, user.userId, page.limit + 1, after);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items,
    unread: await unreadCount(deps.db, user.userId),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.readAt === null ? 1 : 0, last.id]) : null,
  };
}

export async function countUnread(deps: Deps, actor: Actor): Promise<{ unread: number }> {
  return { unread: await unreadCount(deps.db, userOf(actor).userId) };
}

export async function readNotification(deps: Deps, actor: Actor, id: string): Promise<{ unread: number }> {
  const user = userOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await markRead(trx, user.userId, id, nowIso(deps)))) throw new AppError('not_found');
    await recordChange(trx, deps, actor, { action: 'notification.read', entityType: 'notification', entityId: id });
    return { unread: await unreadCount(trx, user.userId) };
  });
}

export async function readAllNotifications(deps: Deps, actor: Actor): Promise<{ marked: number; unread: number }> {
  const user = userOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const marked = await markAllRead(trx, user.userId, nowIso(deps));
    if (marked > 0) {
      await recordChange(trx, deps, actor, {
        action: 'notification.read_all',
        entityType: 'notification',
        entityId: user.userId,
        after: { marked },
      });
    }
    return { marked, unread: 0 };
  });
}

export async function listSubscriptions(deps: Deps, actor: Actor): Promise<{ items: Subscription[] }> {
  return { items: await subscriptionsOf(deps.db, userOf(actor).userId) };
}

export interface SubscriptionInput {
  incidentId?: string | null;
  jurisdiction?: string | null;
  category?: string | null;
  kinds?: EventType[] | null;
  channels: Channel[];
  language?: NotificationLanguage | null;
}

/** Follows an incident, an area, a category and/or event kinds, by the channels given. */
export async function subscribe(deps: Deps, actor: Actor, input: SubscriptionInput): Promise<Subscription> {
  const user = userOf(actor);
  if (input.jurisdiction && !findJurisdiction(input.jurisdiction)) {
    throw new AppError('invalid_input', { field: 'jurisdiction', detail: `${input.jurisdiction} is not a GB/T 2260 code` });
  }
  return deps.db.transaction().execute(async (trx) => {
    if (input.incidentId && !(await findIncident(trx, input.incidentId))) {
      throw new AppError('invalid_input', { field: 'incidentId', detail: 'no incident has this id' });
    }
    if ((await subscriptionsOf(trx, user.userId)).length >= MAX_SUBSCRIPTIONS) {
      throw new AppError('invalid_input', { detail: `at most ${MAX_SUBSCRIPTIONS} subscriptions per account` });
    }
    const subscription: Subscription = {
      id: newId(),
      userId: user.userId,
      incidentId: input.incidentId ?? null,
      jurisdiction: input.jurisdiction ?? null,
      category: input.category ?? null,
      kinds: input.kinds?.length ? [...new Set(input.kinds)] : null,
      channels: [...new Set(input.channels)],
      language: input.language ?? null,
      createdAt: nowIso(deps),
    };
    await insertSubscription(trx, subscription);
    await recordChange(trx, deps, actor, {
      action: 'subscription.create',
      entityType: 'subscription',
      entityId: subscription.id,
      after: subscription,
    });
    return subscription;
  });
}

export async function unsubscribe(deps: Deps, actor: Actor, id: string): Promise<void> {
  const user = userOf(actor);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deleteSubscription(trx, user.userId, id))) throw new AppError('not_found');
    await recordChange(trx, deps, actor, { action: 'subscription.delete', entityType: 'subscription', entityId: id });
  });
}
