/**
 * Notifications: what users subscribe to, which events a subscription matches, and the words
 * of a notification, built only from facts any recipient may read (the event's kind, a
 * service category, an area's name, an incident's or organization's name), never from a
 * record's personal fields.
 */
import { isWithin, overlaps } from './jurisdictions';
import { SERVICE_CATEGORY_LABELS } from './labels';
import type { EventType, PlatformEvent } from './platform-event';
import type { ServiceCategory } from './taxonomy';

/** How a notification reaches its user. */
export const CHANNELS = ['in_app', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Languages a notification or e-mail is written in (Traditional Chinese is derived in the web UI; mail uses zh-Hans). */
export const NOTIFICATION_LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** What a user follows; null criteria match anything. */
export interface Subscription {
  id: string;
  userId: string;
  incidentId: string | null;
  jurisdiction: string | null;
  category: string | null;
  kinds: EventType[] | null;
  channels: Channel[];
  language: NotificationLanguage | null;
  createdAt: string;
}

/** Whether a subscription follows an event; `areas` are the places the event concerns (its area, else its incident's). */
export function subscriptionMatches(s: Subscription, event: PlatformEvent, areas: readonly string[]): boolean {
  if (s.kinds !== null && !s.kinds.includes(event.type)) return false;
  if (s.incidentId !== null && s.incidentId !== event.incidentId) return false;
  if (s.category !== null && s.category !== event.category) return false;
  if (s.jurisdiction !== null) {
    const area = s.jurisdiction;
    // An event with an exact area must lie inside the subscribed one; an incident-wide event must share ground with it.
    if (event.jurisdiction ? !isWithin(event.jurisdiction, area) : !areas.some((a) => overlaps(a, area))) return false;
  }
  return true;
}

/** The non-personal facts a notification's words are made of. */
export interface NoteFacts {
  category?: string | null;
  areaName?: string | null;
  incidentName?: string | null;
  organizationName?: string | null;
  /** The title of a public subject (a statement's title, a warning's headline). */
  subjectTitle?: string | null;
}

const HEADS: Record<EventType, { zh: string; en: string }> = {
  'need.created': { zh: '新需求', en: 'New need' },
  'need.claimed': { zh: '需求已认领', en: 'Need claimed' },
  'claim.expiring': { zh: '认领即将到期', en: 'Claim expiring' },
  'dispatch.created': { zh: '新派单', en: 'New dispatch' },
  'deployment.decided': { zh: '出队申请已决定', en: 'Deployment decided' },
  'checkin.missed': { zh: '队伍未按时报到', en: 'Missed check-in' },
  'statement.published': { zh: '新的权威发布', en: 'New official statement' },
  'alert.published': { zh: '新的预警', en: 'New warning' },
  'alert.ingested': { zh: '收到外部预警', en: 'Warning received' },
  'bulletin.published': { zh: '新的通报', en: 'New bulletin' },
};

/** A notification's title in a language: the event's kind, then the facts that place it. */
export function noteTitle(type: EventType, facts: NoteFacts, language: NotificationLanguage | null): string {
  const en = language === 'en';
  const head = en ? HEADS[type].en : HEADS[type].zh;
  const category = facts.category ? SERVICE_CATEGORY_LABELS[facts.category as ServiceCategory] : undefined;
  const parts = [
    facts.subjectTitle ?? null,
    category ? (en ? category.en : category.zh) : null,
    facts.organizationName ?? null,
    facts.areaName ?? null,
    facts.incidentName ?? null,
  ].filter((p): p is string => Boolean(p));
  return parts.length ? `${head}${en ? ': ' : '：'}${parts.join(en ? ' · ' : ' · ')}` : head;
}

/** The e-mail subject and body of a notification (plain text; the link is a path on the platform). */
export function mailText(
  title: string,
  link: string | null,
  publicUrl: string,
  language: NotificationLanguage | null,
): { subject: string; body: string } {
  const en = language === 'en';
  const where = link ? `${publicUrl.replace(/\/$/, '')}${link}` : publicUrl;
  const body = en
    ? `${title}\n\nOpen CoRespond to see it: ${where}\n\nYou receive this because of your subscriptions or your organization's role in the incident; change them under Settings → Subscriptions.\n`
    : `${title}\n\n请登录协应平台查看：${where}\n\n您收到这封邮件，是因为您的订阅或您所在组织在该事件中的角色；可在"设置 → 订阅"中修改。\n`;
  return { subject: `[${en ? 'CoRespond' : '协应'}] ${title}`, body };
}
