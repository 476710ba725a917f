/**
 * Whose turn it is to take the scheduled backup, when several servers share one database: a
 * row of event_cursors whose lease runs until the next backup is due. The server that moves
 * it forward (one conditional update) takes the backup; the others find it not yet due.
 */
import type { Executor } from '../schema';
import { ensureEventCursor } from './event-cursors';

const NAME = 'backup.schedule';

/** Takes the turn when the next backup is due at or before `now`, moving it to `nextDue`; true when we took it. */
export async function takeBackupTurn(db: Executor, holder: string, now: string, nextDue: string): Promise<boolean> {
  await ensureEventCursor(db, NAME);
  const result = await db
    .updateTable('event_cursors')
    .set({ lease_holder: holder, lease_until: nextDue })
    .where('name', '=', NAME)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves the next turn (after a failed backup: sooner than a whole interval), if the turn is still ours. */
export async function moveBackupTurn(db: Executor, holder: string, nextDue: string): Promise<void> {
  await db
    .updateTable('event_cursors')
    .set({ lease_until: nextDue })
    .where('name', '=', NAME)
    .where('lease_holder', '=', holder)
    .execute();
}

/** When the next scheduled backup is due (null: none taken yet, due now). */
export async function nextBackupDue(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('event_cursors').select('lease_until').where('name', '=', NAME).executeTakeFirst();
  return row?.lease_until ?? null;
}
