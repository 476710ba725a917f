/** The append-only audit log and the head of its hash chain. */
import { insertInChunks } from '../bulk';
import type { AuditLogTable, Executor } from '../schema';

export type AuditRow = AuditLogTable;

/**
 * Advances the chain head by `count` and returns the last sequence number taken and the
 * hash before them. On PostgreSQL the UPDATE locks the head row until commit, so concurrent
 * writers append one after another; SQLite serializes writers anyway.
 */
export async function advanceAuditHead(db: Executor, count = 1): Promise<{ seq: number; prevHash: string }> {
  const row = await db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', count) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), prevHash: row.hash };
}

/** Appends rows already chained in order and moves the head's hash to the last. */
export async function appendAuditRows(db: Executor, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await insertInChunks(db, 'audit_log', rows);
  await db
    .updateTable('audit_head')
    .set({ hash: rows[rows.length - 1].hash })
    .where('id', '=', 1)
    .execute();
}

/** Rows in sequence order, from `afterSeq` on, at most `limit`. */
export async function readAuditRows(
  db: Executor,
  filter: { afterSeq?: number; beforeSeq?: number; entityType?: string; entityId?: string; limit: number; descending?: boolean },
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
  if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  const rows = await q
    .orderBy('seq', filter.descending ? 'desc' : 'asc')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function readAuditHead(db: Executor): Promise<{ seq: number; hash: string }> {
  const row = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

export async function countAuditRows(db: Executor, filter: { entityType?: string; entityId?: string }): Promise<number> {
  let q = db.selectFrom('audit_log');
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  const row = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Takes the chain head's lock for the rest of the transaction without changing it. */
export async function lockAuditHead(db: Executor): Promise<void> {
  await db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('id', '=', 1)
    .execute();
}

/** Which entities of some types changed after a sequence number, oldest first. */
export async function changedEntitiesAfter(
  db: Executor,
  after: number,
  entityTypes: string[],
  limit: number,
): Promise<{ seq: number; entityType: string; entityId: string }[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'entity_type', 'entity_id'])
    .where('entity_type', 'in', entityTypes)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), entityType: r.entity_type, entityId: r.entity_id }));
}
