/** The events people and systems can follow: subscriptions, the notification centre, e-mail and webhooks. */

/** Event names as webhooks carry them (pinned: integrators match on these strings). */
export const EVENT_TYPES = [
  'need.created',
  'need.claimed',
  'claim.expiring',
  'dispatch.created',
  'deployment.decided',
  'checkin.missed',
  'statement.published',
  'alert.published',
  'alert.ingested',
  'bulletin.published',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Whether a string names an event type. */
export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * What happened and where, never the record itself: a subscriber's copy is read afterwards
 * through the privacy policy as that subscriber. `jurisdiction` is a GB/T 2260 code of the
 * area concerned, `organizationId` the organization the event is addressed to or about.
 */
export interface PlatformEventFacts {
  type: EventType;
  incidentId?: string | null;
  organizationId?: string | null;
  jurisdiction?: string | null;
  category?: string | null;
}

/** A recorded event: its facts, the entity it is about, and the audit sequence number of the change. */
export interface PlatformEvent extends PlatformEventFacts {
  seq: number;
  entityId: string;
  at: string;
}
