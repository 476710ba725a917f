/**
 * Webhooks (Standard Webhooks): platform admins, coordinators and organization admins register
 * a URL and the events it receives; the answer carries the signing secret, once. A webhook is
 * its owner's (platform admins see every one); anyone else is told it does not exist.
 */
import {
  attemptsOf,
  type Delivery,
  deleteWebhook,
  deliveriesOf,
  enableWebhook,
  findWebhook,
  insertWebhook,
  listWebhooks,
  type Webhook,
} from '../../db/repositories/webhooks';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { EVENT_TYPES, type EventType, isEventType } from '../../model/platform-event';
import { MAX_WEBHOOK_EVENTS } from '../../model/webhook';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { assertCanCreateWebhooks, canManageWebhook } from '../policy';
import { checkTarget, type TargetOptions } from './target-address';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret';

/** How webhooks may reach out: the administrator's SSRF choice, and the resolver (tests may give one). */
export type WebhookSettings = TargetOptions;

export interface WebhookView {
  id: string;
  ownerId: string;
  url: string;
  events: EventType[];
  createdAt: string;
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
}

export interface AttemptView {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export interface DeliveryView {
  id: string;
  /** The `webhook-id` header: the same on every attempt. */
  webhookMessageId: string;
  eventType: EventType;
  eventSeq: number;
  status: Delivery['status'];
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  attemptLog: AttemptView[];
}

export function webhookView(w: Webhook): WebhookView {
  return { ...w, enabled: w.disabledAt === null };
}

/** The events named, each once; unknown names are refused together, by name. */
function eventsOf(names: readonly string[]): EventType[] {
  const unknown = names.filter((n) => !isEventType(n));
  if (unknown.length > 0) {
    throw new AppError('unknown_event', {
      field: 'events',
      detail: `events: no event is named ${unknown.map((n) => `"${n.slice(0, 60)}"`).join(', ')}; the events are ${EVENT_TYPES.join(', ')}`,
    });
  }
  const events = [...new Set(names)] as EventType[];
  if (events.length === 0) throw new AppError('invalid_input', { field: 'events', detail: 'events: name at least one event' });
  if (events.length > MAX_WEBHOOK_EVENTS) {
    throw new AppError('invalid_input', { field: 'events', detail: `events: at most ${MAX_WEBHOOK_EVENTS}` });
  }
  return events;
}

export async function createWebhook(
  deps: Deps,
  actor: Actor,
  input: { url: string; events: string[] },
  settings: WebhookSettings,
): Promise<{ id: string; secret: string; webhook: WebhookView }> {
  assertCanCreateWebhooks(actor);
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const events = eventsOf(input.events);
  const target = await checkTarget(input.url.trim(), settings);
  const secret = newWebhookSecret();
  const webhook: Webhook = {
    id: newId(),
    ownerId: actor.userId,
    url: target.url.toString(),
    events,
    createdAt: nowIso(deps),
    consecutiveFailures: 0,
    disabledAt: null,
    disabledReason: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertWebhook(trx, webhook, sealWebhookSecret(deps.auditKey, secret));
    await recordChange(trx, deps, actor, {
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: webhook.id,
      after: webhook,
    });
  });
  return { id: webhook.id, secret, webhook: webhookView(webhook) };
}

async function webhookFor(deps: Deps, actor: Actor, id: string): Promise<Webhook> {
  const webhook = await findWebhook(deps.db, id);
  if (!webhook || !canManageWebhook(actor, webhook)) throw new AppError('not_found');
  return webhook;
}

/** The reader's webhooks (a platform admin's list holds every one). */
export async function readWebhooks(deps: Deps, actor: Actor): Promise<{ items: WebhookView[] }> {
  const everyOne = actor.kind === 'system' || actor.role === 'platform_admin';
  const owner = actor.kind === 'user' && !everyOne ? actor.userId : null;
  return { items: (await listWebhooks(deps.db, owner)).map(webhookView) };
}

export async function readWebhook(deps: Deps, actor: Actor, id: string): Promise<WebhookView> {
  return webhookView(await webhookFor(deps, actor, id));
}

export async function removeWebhook(deps: Deps, actor: Actor, id: string): Promise<void> {
  const webhook = await webhookFor(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    await deleteWebhook(trx, id);
    await recordChange(trx, deps, actor, { action: 'webhook.delete', entityType: 'webhook', entityId: id, before: webhook });
  });
}

/** Turns a disabled webhook back on: its failure count starts again and its pending deliveries resume. */
export async function reenableWebhook(deps: Deps, actor: Actor, id: string): Promise<WebhookView> {
  const webhook = await webhookFor(deps, actor, id);
  if (webhook.disabledAt === null) return webhookView(webhook);
  await deps.db.transaction().execute(async (trx) => {
    await enableWebhook(trx, id);
    await recordChange(trx, deps, actor, {
      action: 'webhook.enable',
      entityType: 'webhook',
      entityId: id,
      before: { disabledAt: webhook.disabledAt, disabledReason: webhook.disabledReason },
      after: { disabledAt: null, disabledReason: null },
    });
  });
  return readWebhook(deps, actor, id);
}

/** A webhook's deliveries, newest event first, each with every attempt and what the receiver answered. */
export async function readDeliveries(
  deps: Deps,
  actor: Actor,
  id: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  await webhookFor(deps, actor, id);
  let before: number | undefined;
  if (page.cursor !== undefined) {
    before = Number(page.cursor);
    if (!Number.isSafeInteger(before) || before < 0) throw new AppError('invalid_cursor');
  }
  const deliveries = await deliveriesOf(deps.db, id, page.limit + 1, before);
  const shown = deliveries.slice(0, page.limit);
  const attempts = await attemptsOf(
    deps.db,
    shown.map((d) => d.id),
  );
  const items = shown.map(
    ({ payload: _body, webhookId: _w, ...d }): DeliveryView => ({
      ...d,
      webhookMessageId: d.id,
      attemptLog: attempts.filter((a) => a.deliveryId === d.id).map(({ deliveryId: _d, ...a }) => a),
    }),
  );
  const last = shown.at(-1);
  return { items, nextCursor: deliveries.length > page.limit && last ? String(last.eventSeq) : null };
}
