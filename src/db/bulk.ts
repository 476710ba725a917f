/** Multi-row inserts, cut into statements that stay under both databases' parameter limits. */
import type { Insertable } from 'kysely';
import type { Executor, Tables } from './schema';

/** SQLite allows 32,766 parameters per statement, PostgreSQL 65,535. */
const MAX_PARAMETERS = 30_000;

export async function insertInChunks<T extends keyof Tables & string>(
  db: Executor,
  table: T,
  rows: Insertable<Tables[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Math.max(1, Object.keys(rows[0] as object).length);
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
  // The table is generic here; each caller's rows are typed for their table.
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

/** Ids (or keys) looked up per statement: well under both databases' parameter limits. */
export const LOOKUP_CHUNK = 500;

/** Rows read for many ids, `read` called for a chunk of them at a time, the results in order. */
export async function selectInChunks<K, R>(
  keys: readonly K[],
  read: (chunk: K[]) => Promise<R[]>,
  size = LOOKUP_CHUNK,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += size) out.push(...(await read(keys.slice(i, i + size))));
  return out;
}
