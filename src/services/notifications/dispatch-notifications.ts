/**
 * The notification dispatcher: follows the platform event log (follow-events.ts), works out
 * who is told of each event — the defaults that need no subscription, then the users whose
 * subscriptions match — keeps only those who may read the event's subject under the privacy
 * policy, and writes their in-app notifications (one insert per batch) and queues their
 * e-mails, in the transaction that moves its cursor.
 */
import { findAlert } from '../../db/repositories/alerts';
import { findBulletin } from '../../db/repositories/bulletins';
import { findIncident } from '../../db/repositories/incidents';
import {
  candidateSubscriptions,
  checkedInOrganizations,
  coordinatorsOf,
  enqueueMails,
  type Recipient,
  recipientsById,
  usersOfOrganizations,
} from '../../db/repositories/notifications';
import { findOrganization } from '../../db/repositories/organizations';
import { findStatement } from '../../db/repositories/statements';
import type { Executor, MailOutboxTable } from '../../db/schema';
import { newId } from '../../model/ids';
import { findJurisdiction, overlaps } from '../../model/jurisdictions';
import { mailText, type NotificationLanguage, noteTitle, subscriptionMatches } from '../../model/notification';
import type { PlatformEvent } from '../../model/platform-event';
import type { Role } from '../../model/roles';
import { type Actor, type Deps, nowIso } from '../context';
import { canReadBulletin } from '../policy';
import { repeatEvery } from '../repeat';
import { type FollowOptions, followEvents } from './follow-events';
import { writeNotifications } from './notify-users';
import { type Mailer, sendDueMails } from './send-mail';

/** The cursor name of the notification dispatcher in event_cursors. */
export const NOTIFICATION_CURSOR = 'notifications';

export interface DispatchOptions extends FollowOptions {
  /** The platform's address, for links in e-mails. */
  publicUrl?: string;
}

/** How often `corespond serve` follows the event log: a poll that finds nothing new only reads. */
export const NOTIFY_INTERVAL_MS = 250;

/**
 * Runs the dispatcher, then sends the mail outbox, every `intervalMs` until stopped (`corespond
 * serve`; the benchmark); a pass never overlaps the previous one.
 */
export function startNotificationWorker(
  deps: Deps,
  options: DispatchOptions & { mailer?: Mailer | null; intervalMs?: number; onError?: (error: unknown) => void },
): { stop: () => Promise<void> } {
  const { mailer, intervalMs = NOTIFY_INTERVAL_MS, onError, ...dispatch } = options;
  return repeatEvery(
    intervalMs,
    async () => {
      await dispatchNotifications(deps, dispatch);
      if (mailer) await sendDueMails(deps, mailer);
    },
    onError,
  );
}

/** Handles every event recorded since the last call (on any node); answers how many events were handled. */
export async function dispatchNotifications(deps: Deps, options: DispatchOptions = {}): Promise<number> {
  const publicUrl = options.publicUrl ?? 'http://localhost:8080';
  return followEvents(
    deps,
    NOTIFICATION_CURSOR,
    async (trx, events) => {
      for (const event of events) await deliver(trx, deps, event, publicUrl);
    },
    options,
  );
}

/** Who is told without subscribing: the organization an event is addressed to, the teams on the ground, the area's coordinators. */
async function defaultRecipients(trx: Executor, event: PlatformEvent, areas: readonly string[]): Promise<Recipient[]> {
  const org = event.organizationId ? [event.organizationId] : [];
  switch (event.type) {
    case 'dispatch.created':
    case 'deployment.decided':
    case 'claim.expiring':
      return usersOfOrganizations(trx, org);
    case 'statement.published':
      return event.incidentId ? usersOfOrganizations(trx, await checkedInOrganizations(trx, event.incidentId)) : [];
    case 'checkin.missed':
      return [...(await coordinatorsOf(trx, areas)), ...(await usersOfOrganizations(trx, org))];
    case 'need.created':
    case 'need.claimed':
    case 'alert.published':
    case 'alert.ingested':
    case 'bulletin.published':
      return [];
  }
}

/**
 * Whether a user may read what an event is about (the policy of src/services/disclosure.ts
 * and the README's "Who sees what"): needs, claims, deployments, statements and warnings are
 * read by every account (their personal fields never enter a notification); an alarm (a
 * missed check-in) only by platform admins, the coordinators whose area shares ground with the
 * incident and the team's own organization; a bulletin by whoever its audience lets read it
 * (`canReadBulletin`, the bulletins' own rule), given as `readsBulletin`.
 */
export function mayReceive(
  user: Recipient,
  event: PlatformEvent,
  areas: readonly string[],
  readsBulletin: (user: Recipient) => boolean = () => false,
): boolean {
  if (user.disabled) return false;
  if (user.role === 'platform_admin' && event.type !== 'bulletin.published') return true;
  const coordinatesHere =
    user.role === 'coordinator' && user.jurisdiction !== null && areas.some((a) => overlaps(a, user.jurisdiction as string));
  switch (event.type) {
    case 'checkin.missed':
      return coordinatesHere || (event.organizationId !== null && user.organizationId === event.organizationId);
    case 'bulletin.published':
      return readsBulletin(user);
    default:
      return true;
  }
}

interface Delivery {
  inApp: boolean;
  email: boolean;
  language: NotificationLanguage | null;
}

/** A recipient as the policy sees an account. */
function actorOf(user: Recipient): Actor {
  return {
    kind: 'user',
    userId: user.id,
    role: user.role as Role,
    organizationId: user.organizationId,
    jurisdiction: user.jurisdiction,
  };
}

/** What the event's public subject says of itself: a statement's title, a warning's headline and areas. */
async function subjectOf(trx: Executor, event: PlatformEvent): Promise<{ title: string | null; areas: string[] | null }> {
  if (event.type === 'statement.published')
    return { title: (await findStatement(trx, event.entityId))?.title ?? null, areas: null };
  if (event.type === 'alert.published' || event.type === 'alert.ingested') {
    const alert = await findAlert(trx, event.entityId);
    return {
      title: alert ? (alert.headline ?? alert.event) : null,
      areas: alert?.jurisdictions.length ? alert.jurisdictions : null,
    };
  }
  return { title: null, areas: null };
}

async function deliver(trx: Executor, deps: Deps, event: PlatformEvent, publicUrl: string): Promise<void> {
  const incident = event.incidentId ? await findIncident(trx, event.incidentId) : undefined;
  const subject = await subjectOf(trx, event);
  const areas = subject.areas ?? (event.jurisdiction ? [event.jurisdiction] : (incident?.jurisdictions ?? []));
  const bulletin = event.type === 'bulletin.published' ? await findBulletin(trx, event.entityId) : undefined;
  const bulletinAreas = bulletin?.incidentId
    ? ((await findIncident(trx, bulletin.incidentId))?.jurisdictions ?? [])
    : bulletin?.jurisdiction
      ? [bulletin.jurisdiction]
      : [];
  const readsBulletin = (user: Recipient) => bulletin !== undefined && canReadBulletin(actorOf(user), bulletin, bulletinAreas);
  const deliveries = new Map<string, Delivery>();
  const users = new Map<string, Recipient>();
  for (const user of await defaultRecipients(trx, event, incident?.jurisdictions ?? areas)) {
    users.set(user.id, user);
    deliveries.set(user.id, { inApp: true, email: false, language: null });
  }
  // A warning covers all its areas: a subscription matches when it shares ground with any of them.
  const placed = subject.areas ? { ...event, jurisdiction: null } : event;
  const matched = (await candidateSubscriptions(trx, event)).filter((s) => subscriptionMatches(s, placed, areas));
  const unknown = matched.map((s) => s.userId).filter((id) => !users.has(id));
  for (const user of await recipientsById(trx, unknown)) users.set(user.id, user);
  for (const s of matched) {
    const d = deliveries.get(s.userId) ?? { inApp: false, email: false, language: null };
    d.inApp ||= s.channels.includes('in_app');
    d.email ||= s.channels.includes('email');
    d.language ??= s.language;
    deliveries.set(s.userId, d);
  }
  const organization = event.organizationId ? await findOrganization(trx, event.organizationId) : undefined;
  const facts = {
    category: event.category,
    areaName: event.jurisdiction ? (findJurisdiction(event.jurisdiction)?.name ?? null) : null,
    incidentName: incident?.name ?? null,
    subjectTitle: subject.title,
    organizationName: organization?.name ?? null,
  };
  const link = event.incidentId ? `/incidents/${event.incidentId}` : null;
  const byLanguage = new Map<NotificationLanguage | null, string[]>();
  const mails: MailOutboxTable[] = [];
  const at = nowIso(deps);
  for (const [userId, d] of deliveries) {
    const user = users.get(userId);
    if (!user || !mayReceive(user, event, incident?.jurisdictions ?? areas, readsBulletin)) continue;
    const language = d.language === 'en' ? 'en' : null;
    if (d.inApp) {
      const list = byLanguage.get(language);
      if (list) list.push(userId);
      else byLanguage.set(language, [userId]);
    }
    if (d.email) {
      const { subject, body } = mailText(noteTitle(event.type, facts, language), link, publicUrl, language);
      mails.push({
        id: newId(),
        user_id: userId,
        recipient: user.email,
        subject,
        body,
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        sent_at: null,
        created_at: at,
      });
    }
  }
  for (const [language, userIds] of byLanguage) {
    await writeNotifications(
      trx,
      deps,
      userIds,
      {
        type: event.type,
        title: noteTitle(event.type, facts, language),
        incidentId: event.incidentId ?? null,
        entityId: event.entityId,
        link,
      },
      event.seq,
    );
  }
  await enqueueMails(trx, mails);
}
