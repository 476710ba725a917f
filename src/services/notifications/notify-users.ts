/**
 * Writes in-app notifications for several users inside the caller's transaction: one
 * multi-row insert per batch, no round trip per user, so a statement to thousands of team
 * members costs a handful of statements. The title must be built from facts every recipient
 * may read (a type, a category, an area's name, a statement's title), never from personal data.
 */
import { insertInChunks } from '../../db/bulk';
import type { Executor, NotificationsTable } from '../../db/schema';
import { newId } from '../../model/ids';
import { type Deps, nowIso } from '../context';

export interface NoteInput {
  type: string;
  title: string;
  incidentId?: string | null;
  entityId?: string | null;
  link?: string | null;
}

/** Notifies each user once (duplicates in `userIds` are dropped). */
export async function notifyUsers(db: Executor, deps: Deps, userIds: string[], note: NoteInput): Promise<void> {
  await writeNotifications(db, deps, userIds, note, null);
}

/** As notifyUsers, remembering the platform event the notifications came from. */
export async function writeNotifications(
  db: Executor,
  deps: Deps,
  userIds: string[],
  note: NoteInput,
  eventSeq: number | null,
): Promise<void> {
  const at = nowIso(deps);
  const rows: NotificationsTable[] = [...new Set(userIds)].map((userId) => ({
    id: newId(),
    user_id: userId,
    type: note.type,
    title: note.title,
    incident_id: note.incidentId ?? null,
    entity_id: note.entityId ?? null,
    link: note.link ?? null,
    event_seq: eventSeq,
    created_at: at,
    read_at: null,
  }));
  await insertInChunks(db, 'notifications', rows);
}
