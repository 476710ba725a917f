/**
 * Where each follower of platform_events stands (the notification dispatcher, webhooks…):
 * a cursor row per follower, moved only by a conditional update inside the transaction that
 * handled the events, and a lease so one node at a time does the work.
 */
import type { Executor } from '../schema';

/** Makes sure the follower has a cursor (starting before the first event). */
export async function ensureEventCursor(db: Executor, name: string): Promise<void> {
  await db
    .insertInto('event_cursors')
    .values({ name, seq: 0, lease_holder: null, lease_until: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** Takes (or renews) the follower's lease until `until` when it is free, expired or already ours; true when we hold it. */
export async function takeEventLease(db: Executor, name: string, holder: string, now: string, until: string): Promise<boolean> {
  const result = await db
    .updateTable('event_cursors')
    .set({ lease_holder: holder, lease_until: until })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('lease_holder', 'is', null), eb('lease_until', '<', now), eb('lease_holder', '=', holder)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the lease up (another node may take it at once). */
export async function releaseEventLease(db: Executor, name: string, holder: string): Promise<void> {
  await db
    .updateTable('event_cursors')
    .set({ lease_holder: null, lease_until: null })
    .where('name', '=', name)
    .where('lease_holder', '=', holder)
    .execute();
}

/** The last sequence number the follower handled. */
export async function eventCursor(db: Executor, name: string): Promise<number> {
  const row = await db.selectFrom('event_cursors').select('seq').where('name', '=', name).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Moves the cursor from `from` to `to`; false when someone else moved it first (the caller then rolls back). */
export async function advanceEventCursor(db: Executor, name: string, from: number, to: number): Promise<boolean> {
  const result = await db
    .updateTable('event_cursors')
    .set({ seq: to })
    .where('name', '=', name)
    .where('seq', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
