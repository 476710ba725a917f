/** Edits of programs and lessons, kept as their history. */
import type { FieldChange, Revision } from '../../model/revision';
import type { Executor } from '../schema';

export type RevisedRecord = 'program' | 'lesson';

export async function appendRevision(
  db: Executor,
  type: RevisedRecord,
  id: string,
  revision: Omit<Revision, 'seq'>,
): Promise<void> {
  const last = await db
    .selectFrom('revisions')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('record_type', '=', type)
    .where('record_id', '=', id)
    .executeTakeFirst();
  await db
    .insertInto('revisions')
    .values({
      record_type: type,
      record_id: id,
      seq: Number(last?.seq ?? 0) + 1,
      changes: JSON.stringify(revision.changes),
      actor_id: revision.actor,
      at: revision.at,
    })
    .execute();
}

/** A record's edits, newest first. */
export async function revisionsOf(db: Executor, type: RevisedRecord, id: string): Promise<Revision[]> {
  const rows = await db
    .selectFrom('revisions')
    .selectAll()
    .where('record_type', '=', type)
    .where('record_id', '=', id)
    .orderBy('seq', 'desc')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    changes: JSON.parse(r.changes) as FieldChange[],
    actor: r.actor_id,
    at: r.at,
  }));
}
