/** In-app notifications, subscriptions and the mail outbox; recipients by organization and area. */

import { isWithin } from '../../model/jurisdictions';
import type { Channel, NotificationLanguage, Subscription } from '../../model/notification';
import type { EventType } from '../../model/platform-event';
import { insertInChunks, selectInChunks } from '../bulk';
import type { Executor, MailOutboxTable, NotificationsTable, SubscriptionsTable } from '../schema';

export interface Notification {
  id: string;
  type: string;
  title: string;
  incidentId: string | null;
  entityId: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const toNotification = (r: NotificationsTable): Notification => ({
  id: r.id,
  type: r.type,
  title: r.title,
  incidentId: r.incident_id,
  entityId: r.entity_id,
  link: r.link,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** A user's notifications, unread first, newest first within each (ids sort by time); `after` is the last one seen. */
export async function notificationsOf(
  db: Executor,
  userId: string,
  limit: number,
  after?: { unread: boolean; id: string },
): Promise<Notification[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (after) {
    q = after.unread
      ? q.where((eb) => eb.or([eb.and([eb('read_at', 'is', null), eb('id', '<', after.id)]), eb('read_at', 'is not', null)]))
      : q.where('read_at', 'is not', null).where('id', '<', after.id);
  }
  const rows = await q
    .orderBy((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end())
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read; false when the user has no such notification. */
export async function markRead(db: Executor, userId: string, id: string, at: string): Promise<boolean> {
  const found = await db
    .selectFrom('notifications')
    .select('read_at')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!found) return false;
  if (found.read_at === null) {
    await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).execute();
  }
  return true;
}

/** Marks all the user's notifications read; answers how many were unread. */
export async function markAllRead(db: Executor, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const toSubscription = (r: SubscriptionsTable): Subscription => ({
  id: r.id,
  userId: r.user_id,
  incidentId: r.incident_id,
  jurisdiction: r.jurisdiction,
  category: r.category,
  kinds: r.kinds ? (r.kinds.split(',') as EventType[]) : null,
  channels: r.channels.split(',') as Channel[],
  language: r.language as NotificationLanguage | null,
  createdAt: r.created_at,
});

export async function insertSubscription(db: Executor, s: Subscription): Promise<void> {
  await db
    .insertInto('subscriptions')
    .values({
      id: s.id,
      user_id: s.userId,
      incident_id: s.incidentId,
      jurisdiction: s.jurisdiction,
      category: s.category,
      kinds: s.kinds ? s.kinds.join(',') : null,
      channels: s.channels.join(','),
      language: s.language,
      created_at: s.createdAt,
    })
    .execute();
}

export async function subscriptionsOf(db: Executor, userId: string): Promise<Subscription[]> {
  const rows = await db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  return rows.map(toSubscription);
}

/** Deletes one of the user's subscriptions; false when the user has no such subscription. */
export async function deleteSubscription(db: Executor, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('subscriptions').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * Subscriptions that may match an event: those of its incident or of none, and of its
 * category or of none (area and kinds are matched in memory by subscriptionMatches).
 */
export async function candidateSubscriptions(
  db: Executor,
  event: { incidentId?: string | null; category?: string | null },
): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where((eb) =>
      eb.and([
        event.incidentId
          ? eb.or([eb('incident_id', 'is', null), eb('incident_id', '=', event.incidentId)])
          : eb('incident_id', 'is', null),
        event.category ? eb.or([eb('category', 'is', null), eb('category', '=', event.category)]) : eb('category', 'is', null),
      ]),
    )
    .execute();
  return rows.map(toSubscription);
}

/** A user as delivery needs them: whether they may receive, their role and scope, their address. */
export interface Recipient {
  id: string;
  email: string;
  role: string;
  organizationId: string | null;
  jurisdiction: string | null;
  disabled: boolean;
}

const RECIPIENT_COLUMNS = ['id', 'email', 'role', 'organization_id', 'jurisdiction', 'disabled'] as const;

const toRecipient = (r: {
  id: string;
  email: string;
  role: string;
  organization_id: string | null;
  jurisdiction: string | null;
  disabled: number;
}): Recipient => ({
  id: r.id,
  email: r.email,
  role: r.role,
  organizationId: r.organization_id,
  jurisdiction: r.jurisdiction,
  disabled: r.disabled === 1,
});

export async function recipientsById(db: Executor, ids: readonly string[]): Promise<Recipient[]> {
  const rows = await selectInChunks([...new Set(ids)], (chunk) =>
    db.selectFrom('users').select(RECIPIENT_COLUMNS).where('id', 'in', chunk).execute(),
  );
  return rows.map(toRecipient);
}

/** The enabled accounts of some organizations. */
export async function usersOfOrganizations(db: Executor, organizationIds: readonly string[]): Promise<Recipient[]> {
  const rows = await selectInChunks([...new Set(organizationIds)], (chunk) =>
    db.selectFrom('users').select(RECIPIENT_COLUMNS).where('organization_id', 'in', chunk).where('disabled', '=', 0).execute(),
  );
  return rows.map(toRecipient);
}

/** Coordinators (enabled) whose jurisdiction shares ground with one of the areas. */
export async function coordinatorsOf(db: Executor, areas: readonly string[]): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('users')
    .select(RECIPIENT_COLUMNS)
    .where('role', '=', 'coordinator')
    .where('disabled', '=', 0)
    .execute();
  return rows
    .map(toRecipient)
    .filter(
      (u) =>
        u.jurisdiction !== null &&
        areas.some((a) => isWithin(a, u.jurisdiction as string) || isWithin(u.jurisdiction as string, a)),
    );
}

/** Organizations with a team checked in (on the ground) to the incident. */
export async function checkedInOrganizations(db: Executor, incidentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('deployments')
    .select('organization_id')
    .distinct()
    .where('incident_id', '=', incidentId)
    .where('status', 'in', ['checked_in', 'working'])
    .execute();
  return rows.map((r) => r.organization_id);
}

export interface OutgoingMail {
  id: string;
  userId: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

export async function enqueueMails(db: Executor, mails: MailOutboxTable[]): Promise<void> {
  await insertInChunks(db, 'mail_outbox', mails);
}

/** Unsent mails whose next attempt is due, oldest first. */
export async function dueMails(db: Executor, now: string, limit: number): Promise<OutgoingMail[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'user_id', 'recipient', 'subject', 'body', 'attempts'])
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    attempts: r.attempts,
  }));
}

/** Claims a mail for sending until `until` by moving its next attempt; false when another node claimed it first. */
export async function claimMail(db: Executor, id: string, attempts: number, now: string, until: string): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: until, attempts: attempts + 1 })
    .where('id', '=', id)
    .where('attempts', '=', attempts)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markMailSent(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: at, last_error: null }).where('id', '=', id).execute();
}

export async function markMailFailed(db: Executor, id: string, error: string, retryAt: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ last_error: error.slice(0, 500), next_attempt_at: retryAt })
    .where('id', '=', id)
    .execute();
}
