/**
 * The webhook worker. Fan-out follows the platform event log after a cursor kept in the
 * database and makes one delivery per (event, webhook that names it and whose owner may read
 * it), with the body computed then as the owner reads the subject; the cursor moves by a
 * conditional update in the same transaction, and the unique (webhook, event) pair backs it,
 * so two nodes never fan out an event twice. Delivery posts due deliveries through a bounded
 * pool, each leased to one node, signed as Standard Webhooks asks (the delivery's id is the
 * `webhook-id`, the same on every retry), and retries failures on the schedule of
 * src/model/webhook.ts across restarts. A webhook whose deliveries failed for good
 * MAX_CONSECUTIVE_FAILURES times in a row is disabled and its owner told.
 */
import { Webhook as Signer } from 'standardwebhooks';
import { advanceEventCursor, ensureEventCursor, eventCursor } from '../../db/repositories/event-cursors';
import { findIncident } from '../../db/repositories/incidents';
import { platformEventsAfter } from '../../db/repositories/platform-events';
import { findUser } from '../../db/repositories/users';
import {
  type AttemptOutcome,
  countFailure,
  type Delivery,
  disableWebhook,
  dueDeliveries,
  enabledWebhooks,
  findWebhooks,
  insertDeliveries,
  leaseDeliveries,
  recordAttempts,
  resetFailures,
  sealedSecretsOf,
  type Webhook,
} from '../../db/repositories/webhooks';
import { newId } from '../../model/ids';
import { isWithin, overlaps } from '../../model/jurisdictions';
import type { EventType, PlatformEvent } from '../../model/platform-event';
import { MAX_ATTEMPTS, MAX_CONSECUTIVE_FAILURES, nextAttemptAt } from '../../model/webhook';
import { recordChange } from '../audit/record-change';
import { userActor } from '../auth/sessions';
import type { Actor, Deps } from '../context';
import { describeEvent } from '../events/describe-event';
import { eventsWaiting } from '../notifications/follow-events';
import { notifyUsers } from '../notifications/notify-users';
import { repeatEvery } from '../repeat';
import { sendWebhook } from './send-webhook';
import { checkTarget, type TargetOptions } from './target-address';
import { openWebhookSecret } from './webhook-secret';

const CURSOR = 'webhooks';
const WORKER: Actor = { kind: 'system', label: 'webhooks' };

export interface WebhookWorkerOptions extends TargetOptions {
  /** Deliveries posted at once. */
  concurrency?: number;
  /** How long a receiver has to answer, ms. */
  timeoutMs?: number;
  /** Events read per fan-out step. */
  batch?: number;
}

const DEFAULT_CONCURRENCY = 32;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Events about one organization's claim or team reach an organization admin's webhook only when it is theirs. */
const ABOUT_AN_ORGANIZATION: readonly EventType[] = [
  'need.claimed',
  'claim.expiring',
  'dispatch.created',
  'deployment.decided',
  'checkin.missed',
];

/** Whether an event lies in a webhook owner's scope: a coordinator's area, an organization admin's organization. */
async function inScope(deps: Deps, owner: Actor, event: PlatformEvent): Promise<boolean> {
  if (owner.kind === 'system' || owner.role === 'platform_admin') return true;
  if (owner.role === 'coordinator') {
    const area = owner.jurisdiction;
    if (!area) return false;
    if (event.jurisdiction) return isWithin(event.jurisdiction, area) || isWithin(area, event.jurisdiction);
    if (event.incidentId) {
      const incident = await findIncident(deps.db, event.incidentId);
      return !!incident && incident.jurisdictions.some((a) => overlaps(a, area));
    }
    return true;
  }
  if (owner.role === 'org_admin') {
    if (ABOUT_AN_ORGANIZATION.includes(event.type) && event.organizationId) return event.organizationId === owner.organizationId;
    return true;
  }
  // The owner's role no longer creates webhooks (changed since): nothing more is sent.
  return false;
}

/** The webhook's owner as a reader, or null when the account is gone or disabled. */
async function ownerActor(deps: Deps, ownerId: string): Promise<Actor | null> {
  const user = await findUser(deps.db, ownerId);
  return user && !user.disabled ? userActor(user) : null;
}

/** Fans out one batch of events; answers how many events it handled (0 when caught up or another node took them). */
export async function fanOutEvents(deps: Deps, options: WebhookWorkerOptions = { allowPrivate: false }): Promise<number> {
  if (!(await eventsWaiting(deps, CURSOR))) return 0;
  await ensureEventCursor(deps.db, CURSOR);
  const from = await eventCursor(deps.db, CURSOR);
  const events = await platformEventsAfter(deps.db, from, options.batch ?? 200);
  if (events.length === 0) return 0;
  const webhooks = await enabledWebhooks(deps.db);
  const owners = new Map<string, Actor | null>();
  const deliveries: Delivery[] = [];
  const now = deps.now().toISOString();
  for (const event of events) {
    // One body per reader role and place: the policy answers by role, organization and area.
    const bodies = new Map<string, string | null>();
    for (const webhook of webhooks) {
      // A webhook hears of what happens after it was made, not of the log's past.
      if (!webhook.events.includes(event.type) || event.at < webhook.createdAt) continue;
      if (!owners.has(webhook.ownerId)) owners.set(webhook.ownerId, await ownerActor(deps, webhook.ownerId));
      const owner = owners.get(webhook.ownerId);
      if (!owner || !(await inScope(deps, owner, event))) continue;
      const key = owner.kind === 'user' ? `${owner.role}|${owner.organizationId}|${owner.jurisdiction}` : 'system';
      if (!bodies.has(key)) {
        const data = await describeEvent(deps, owner, event);
        bodies.set(key, data === null ? null : JSON.stringify({ type: event.type, timestamp: event.at, data }));
      }
      const payload = bodies.get(key);
      if (payload == null) continue;
      deliveries.push({
        id: `msg_${newId()}`,
        webhookId: webhook.id,
        eventSeq: event.seq,
        eventType: event.type,
        payload,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        deliveredAt: null,
      });
    }
  }
  const to = events[events.length - 1].seq;
  const moved = await deps.db.transaction().execute(async (trx) => {
    if (!(await advanceEventCursor(trx, CURSOR, from, to))) return false;
    await insertDeliveries(trx, deliveries);
    return true;
  });
  return moved ? events.length : 0;
}

/** Signs with Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`. */
function signedHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Signer(secret).sign(id, at, body),
  };
}

/** One attempt at one delivery: resolved, checked and posted; nothing is written yet. */
async function attempt(
  deps: Deps,
  options: WebhookWorkerOptions,
  delivery: Delivery,
  webhook: Webhook,
  secret: string,
): Promise<AttemptOutcome> {
  const started = deps.now();
  const number = delivery.attempts + 1;
  let result: { statusCode: number | null; responseExcerpt: string | null; error: string | null };
  try {
    // Resolved and checked again on every attempt: the name may point elsewhere since creation.
    const target = await checkTarget(webhook.url, options);
    result = await sendWebhook(
      target,
      signedHeaders(secret, delivery.id, started, delivery.payload),
      delivery.payload,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  } catch (error) {
    result = { statusCode: null, responseExcerpt: null, error: error instanceof Error ? error.message : String(error) };
  }
  const finished = deps.now();
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const retryAt = ok ? null : nextAttemptAt(finished, number);
  const status = ok ? 'delivered' : retryAt === null || number >= MAX_ATTEMPTS ? 'failed' : 'pending';
  return {
    attempt: {
      deliveryId: delivery.id,
      attempt: number,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      ...result,
    },
    status,
    nextAttemptAt: status === 'pending' ? (retryAt?.toISOString() ?? null) : null,
    deliveredAt: ok ? finished.toISOString() : null,
  };
}

/**
 * Writes a batch of attempts in one transaction: a success starts a webhook's failure count
 * again, a delivery failed for good adds to it, and a webhook at the limit is disabled.
 */
async function settle(deps: Deps, settled: { webhook: Webhook; outcome: AttemptOutcome }[]): Promise<void> {
  if (settled.length === 0) return;
  const limitReached = await deps.db.transaction().execute(async (trx) => {
    await recordAttempts(
      trx,
      settled.map((s) => s.outcome),
    );
    const recovered = new Set(
      settled.filter((s) => s.outcome.status === 'delivered' && s.webhook.consecutiveFailures > 0).map((s) => s.webhook.id),
    );
    for (const id of recovered) await resetFailures(trx, id);
    const reached: { webhook: Webhook; failures: number }[] = [];
    for (const s of settled.filter((x) => x.outcome.status === 'failed')) {
      const failures = await countFailure(trx, s.webhook.id);
      if (failures >= MAX_CONSECUTIVE_FAILURES) reached.push({ webhook: s.webhook, failures });
    }
    return reached;
  });
  for (const { webhook, failures } of limitReached) await disable(deps, webhook, failures);
}

/** Disables a failing webhook once, with its audit record, and tells its owner in the notification centre. */
async function disable(deps: Deps, webhook: Webhook, failures: number): Promise<void> {
  const at = deps.now().toISOString();
  const reason = `${failures} deliveries in a row failed every attempt`;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await disableWebhook(trx, webhook.id, at, reason))) return;
    await recordChange(trx, deps, WORKER, {
      action: 'webhook.disable',
      entityType: 'webhook',
      entityId: webhook.id,
      before: { disabledAt: null },
      after: { disabledAt: at, disabledReason: reason },
    });
    await notifyUsers(trx, deps, [webhook.ownerId], {
      type: 'webhook.disabled',
      title: `Webhook 已停用：连续 ${failures} 次投递均失败（${webhook.url}）`,
      entityId: webhook.id,
      link: '/settings/webhooks',
    });
  });
}

/** Attempts written per transaction while a pass runs. */
const SETTLE_BATCH = 100;

/** Posts the deliveries due now (at most `limit`), `concurrency` at a time; answers how many it attempted. */
export async function deliverDue(
  deps: Deps,
  options: WebhookWorkerOptions = { allowPrivate: false },
  limit = 1000,
): Promise<number> {
  const now = deps.now();
  const due = await dueDeliveries(deps.db, now.toISOString(), limit);
  if (due.length === 0) return 0;
  // Leased to this pass only: another node, or another pass of this one, skips them.
  const until = new Date(now.getTime() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 60_000).toISOString();
  const leased = new Set(
    await leaseDeliveries(
      deps.db,
      due.map((d) => d.id),
      now.toISOString(),
      until,
      `lease_${newId()}`,
    ),
  );
  const mine = due.filter((d) => leased.has(d.id));
  const webhookIds = [...new Set(mine.map((d) => d.webhookId))];
  const webhooks = await findWebhooks(deps.db, webhookIds);
  const sealed = await sealedSecretsOf(deps.db, webhookIds);
  const secrets = new Map<string, string>();
  const secretOf = (id: string) => {
    let secret = secrets.get(id);
    if (secret === undefined) {
      secret = openWebhookSecret(deps.auditKey, sealed.get(id) ?? '', id);
      secrets.set(id, secret);
    }
    return secret;
  };
  let pending: { webhook: Webhook; outcome: AttemptOutcome }[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = pending;
    pending = [];
    writing = writing.then(() => settle(deps, batch));
    return writing;
  };
  let next = 0;
  const worker = async () => {
    while (next < mine.length) {
      const delivery = mine[next++];
      const webhook = webhooks.get(delivery.webhookId);
      if (!webhook || webhook.disabledAt !== null) continue;
      pending.push({ webhook, outcome: await attempt(deps, options, delivery, webhook, secretOf(webhook.id)) });
      if (pending.length >= SETTLE_BATCH) flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, mine.length) }, worker));
  await flush();
  return mine.length;
}

/** Fans out every new event, then posts everything due: one pass of the worker (tests call it). */
export async function runWebhooksOnce(
  deps: Deps,
  options: WebhookWorkerOptions = { allowPrivate: false },
): Promise<{ events: number; attempted: number }> {
  let events = 0;
  for (;;) {
    const n = await fanOutEvents(deps, options);
    if (n === 0) break;
    events += n;
  }
  const attempted = await deliverDue(deps, options);
  return { events, attempted };
}

/** How often `corespond serve` runs the worker: a pass with nothing new or due only reads. */
export const WEBHOOK_INTERVAL_MS = 100;

/** Runs the worker every `intervalMs` until stopped (`corespond serve`); a pass never overlaps the previous one. */
export function startWebhookWorker(
  deps: Deps,
  options: WebhookWorkerOptions & { intervalMs?: number; onError?: (error: unknown) => void },
): { stop: () => Promise<void> } {
  return repeatEvery(options.intervalMs ?? WEBHOOK_INTERVAL_MS, () => runWebhooksOnce(deps, options), options.onError);
}
