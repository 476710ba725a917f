/** Webhooks, their deliveries and attempts, and where the fan-out stands in the event log. */
import { sql } from 'kysely';
import type { EventType } from '../../model/platform-event';
import type { DeliveryStatus } from '../../model/webhook';
import type { Executor, WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from '../schema';

export interface Webhook {
  id: string;
  ownerId: string;
  url: string;
  events: EventType[];
  createdAt: string;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
}

export interface Delivery {
  id: string;
  webhookId: string;
  eventSeq: number;
  eventType: EventType;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface Attempt {
  deliveryId: string;
  attempt: number;
  startedAt: string;
  finishedAt: string;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

const toWebhook = (r: WebhooksTable): Webhook => ({
  id: r.id,
  ownerId: r.owner_id,
  url: r.url,
  events: JSON.parse(r.events) as EventType[],
  createdAt: r.created_at,
  consecutiveFailures: Number(r.consecutive_failures),
  disabledAt: r.disabled_at,
  disabledReason: r.disabled_reason,
});

const toDelivery = (r: WebhookDeliveriesTable): Delivery => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventSeq: Number(r.event_seq),
  eventType: r.event_type as EventType,
  payload: r.payload,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

const toAttempt = (r: WebhookAttemptsTable): Attempt => ({
  deliveryId: r.delivery_id,
  attempt: Number(r.attempt),
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  statusCode: r.status_code === null ? null : Number(r.status_code),
  responseExcerpt: r.response_excerpt,
  error: r.error,
});

export async function insertWebhook(db: Executor, w: Webhook, sealedSecret: string): Promise<void> {
  await db
    .insertInto('webhooks')
    .values({
      id: w.id,
      owner_id: w.ownerId,
      url: w.url,
      events: JSON.stringify(w.events),
      secret: sealedSecret,
      created_at: w.createdAt,
      consecutive_failures: w.consecutiveFailures,
      disabled_at: w.disabledAt,
      disabled_reason: w.disabledReason,
    })
    .execute();
}

export async function findWebhook(db: Executor, id: string): Promise<Webhook | undefined> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : undefined;
}

/** The sealed secrets of webhooks, to sign with. */
export async function sealedSecretsOf(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('webhooks').select(['id', 'secret']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.secret]));
}

/** Webhooks newest first, all or one owner's. */
export async function listWebhooks(db: Executor, ownerId: string | null): Promise<Webhook[]> {
  let query = db.selectFrom('webhooks').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (ownerId !== null) query = query.where('owner_id', '=', ownerId);
  return (await query.execute()).map(toWebhook);
}

/** Webhooks that receive new events. */
export async function enabledWebhooks(db: Executor): Promise<Webhook[]> {
  const rows = await db.selectFrom('webhooks').selectAll().where('disabled_at', 'is', null).orderBy('id').execute();
  return rows.map(toWebhook);
}

export async function deleteWebhook(db: Executor, id: string): Promise<void> {
  const deliveries = db.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', id);
  await db.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
  await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

/** Disables a webhook once: true for the call that did it. */
export async function disableWebhook(db: Executor, id: string, at: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set({ disabled_at: at, disabled_reason: reason })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function enableWebhook(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ disabled_at: null, disabled_reason: null, consecutive_failures: 0 })
    .where('id', '=', id)
    .execute();
}

/** Counts one more delivery that failed for good; answers the count now. */
export async function countFailure(db: Executor, id: string): Promise<number> {
  await db.updateTable('webhooks').set({ consecutive_failures: sql`consecutive_failures + 1` }).where('id', '=', id).execute();
  const row = await db.selectFrom('webhooks').select('consecutive_failures').where('id', '=', id).executeTakeFirst();
  return Number(row?.consecutive_failures ?? 0);
}

export async function resetFailures(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ consecutive_failures: 0 })
    .where('id', '=', id)
    .where('consecutive_failures', '>', 0)
    .execute();
}

/** Creates deliveries; one already made for the same (webhook, event) is left as it is. */
export async function insertDeliveries(db: Executor, deliveries: Delivery[]): Promise<void> {
  for (let i = 0; i < deliveries.length; i += 500) {
    await db
      .insertInto('webhook_deliveries')
      .values(
        deliveries.slice(i, i + 500).map((d) => ({
          id: d.id,
          webhook_id: d.webhookId,
          event_seq: d.eventSeq,
          event_type: d.eventType,
          payload: d.payload,
          status: d.status,
          attempts: d.attempts,
          next_attempt_at: d.nextAttemptAt,
          leased_until: null,
          leased_by: null,
          created_at: d.createdAt,
          delivered_at: d.deliveredAt,
        })),
      )
      .onConflict((oc) => oc.columns(['webhook_id', 'event_seq']).doNothing())
      .execute();
  }
}

/** Pending deliveries due by `now` of enabled webhooks and not leased to a node, oldest first. */
export async function dueDeliveries(db: Executor, now: string, limit: number): Promise<Delivery[]> {
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .selectAll('d')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('d.leased_until', 'is', null), eb('d.leased_until', '<=', now)]))
    .where('w.disabled_at', 'is', null)
    .orderBy('d.next_attempt_at')
    .orderBy('d.event_seq')
    .limit(limit)
    .execute();
  return rows.map(toDelivery);
}

/**
 * Leases due deliveries to one pass of one node (`lease`, unique per pass) until `until`, in
 * one statement; answers the ids it got (those another pass leased meanwhile are not among them).
 */
export async function leaseDeliveries(db: Executor, ids: string[], now: string, until: string, lease: string): Promise<string[]> {
  const leased: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db
      .updateTable('webhook_deliveries')
      .set({ leased_until: until, leased_by: lease })
      .where('id', 'in', chunk)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now)]))
      .execute();
    const rows = await db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('id', 'in', chunk)
      .where('leased_by', '=', lease)
      .execute();
    leased.push(...rows.map((r) => r.id));
  }
  return leased;
}

/** The state a delivery is left in after an attempt. */
export interface AttemptOutcome {
  attempt: Attempt;
  status: DeliveryStatus;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** Records attempts (one multi-row insert) and the state of their deliveries after them. */
export async function recordAttempts(db: Executor, outcomes: AttemptOutcome[]): Promise<void> {
  for (let i = 0; i < outcomes.length; i += 500) {
    await db
      .insertInto('webhook_attempts')
      .values(
        outcomes.slice(i, i + 500).map(({ attempt: a }) => ({
          delivery_id: a.deliveryId,
          attempt: a.attempt,
          started_at: a.startedAt,
          finished_at: a.finishedAt,
          status_code: a.statusCode,
          response_excerpt: a.responseExcerpt,
          error: a.error,
        })),
      )
      .execute();
  }
  for (const o of outcomes) {
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: o.status,
        attempts: o.attempt.attempt,
        next_attempt_at: o.nextAttemptAt,
        delivered_at: o.deliveredAt,
        leased_until: null,
        leased_by: null,
      })
      .where('id', '=', o.attempt.deliveryId)
      .execute();
  }
}

/** Webhooks by id. */
export async function findWebhooks(db: Executor, ids: string[]): Promise<Map<string, Webhook>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('webhooks').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, toWebhook(r)]));
}

/** A webhook's deliveries, newest event first, keyset-paged by event sequence. */
export async function deliveriesOf(db: Executor, webhookId: string, limit: number, beforeSeq?: number): Promise<Delivery[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('event_seq', 'desc')
    .limit(limit);
  if (beforeSeq !== undefined) query = query.where('event_seq', '<', beforeSeq);
  return (await query.execute()).map(toDelivery);
}

export async function attemptsOf(db: Executor, deliveryIds: string[]): Promise<Attempt[]> {
  if (deliveryIds.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('delivery_id')
    .orderBy('attempt')
    .execute();
  return rows.map(toAttempt);
}

/** How many deliveries wait to be posted (due now or at a later retry). */
export async function countPendingDeliveries(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
