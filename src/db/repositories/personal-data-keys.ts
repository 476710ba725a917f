/** The data keys that seal personal values in audit records, and the register of erasures. */
import { sql } from 'kysely';
import type { ErasuresTable, Executor, PersonalDataKeysTable } from '../schema';

export type DataKeyRow = PersonalDataKeysTable;
export type DataKeyOwnerKind = 'incident' | 'need' | 'offer';

/** The keys of these owners (erased ones included), by `kind:id`. */
export async function findDataKeys(
  db: Executor,
  owners: { kind: DataKeyOwnerKind; id: string }[],
): Promise<Map<string, DataKeyRow>> {
  const out = new Map<string, DataKeyRow>();
  if (owners.length === 0) return out;
  const ids = [...new Set(owners.map((o) => o.id))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('personal_data_keys')
      .selectAll()
      .where('owner_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) out.set(`${row.owner_kind}:${row.owner_id}`, row);
  }
  return out;
}

/** Inserts new keys; one another writer made first for the same owner wins. */
export async function insertDataKeys(db: Executor, rows: DataKeyRow[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('personal_data_keys')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['owner_kind', 'owner_id']).doNothing())
      .execute();
  }
}

/** The keys named by these kids, erased ones included. */
export async function dataKeysByKid(db: Executor, kids: string[]): Promise<Map<string, DataKeyRow>> {
  const out = new Map<string, DataKeyRow>();
  const unique = [...new Set(kids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('personal_data_keys')
      .selectAll()
      .where('kid', 'in', unique.slice(i, i + 500))
      .execute();
    for (const row of rows) out.set(row.kid, row);
  }
  return out;
}

/**
 * Destroys the keys of an incident: its own and those of its needs' reporters and its offers'
 * donors. Answers how many were destroyed now.
 */
export async function eraseIncidentKeys(db: Executor, incidentId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('personal_data_keys')
    .set({ wrapped: null, erased_at: at })
    .where('erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('owner_kind', '=', 'incident'), eb('owner_id', '=', incidentId)]),
        eb.and([
          eb('owner_kind', '=', 'need'),
          eb('owner_id', 'in', eb.selectFrom('needs').select('id').where('incident_id', '=', incidentId)),
        ]),
        eb.and([
          eb('owner_kind', '=', 'offer'),
          eb('owner_id', 'in', eb.selectFrom('offers').select('id').where('incident_id', '=', incidentId)),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Destroys the key of one need's reporter or one offer's donor (made erased even where none was made yet). */
export async function eraseSubjectKey(db: Executor, kind: 'need' | 'offer', id: string, kid: string, at: string): Promise<void> {
  await db
    .insertInto('personal_data_keys')
    .values({ kid, owner_kind: kind, owner_id: id, wrapped: null, created_at: at, erased_at: at })
    .onConflict((oc) =>
      oc
        .columns(['owner_kind', 'owner_id'])
        .doUpdateSet({ wrapped: null, erased_at: sql`coalesce(personal_data_keys.erased_at, ${at})` }),
    )
    .execute();
}

export type ErasureRow = ErasuresTable;

export async function insertErasure(db: Executor, row: ErasureRow): Promise<void> {
  await db
    .insertInto('erasures')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function listErasures(db: Executor): Promise<ErasureRow[]> {
  return db.selectFrom('erasures').selectAll().orderBy('at').orderBy('id').execute();
}

export async function hasErasure(db: Executor, scope: string, subjectId: string): Promise<boolean> {
  const row = await db
    .selectFrom('erasures')
    .select('id')
    .where('scope', '=', scope)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasErasureId(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('erasures').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
