/**
 * Multi-row inserts, cut into statements that stay under both databases' parameter limits.
 * The SQL of an insert depends only on the table, the columns and the number of rows, so it is
 * built once for each and reused with new parameters: building a wide insert of many rows is
 * a good part of its cost, and the same text lets SQLite reuse its prepared statement.
 */
import { CompiledQuery, type Insertable } from 'kysely';
import type { Executor, Tables } from './schema';

/** SQLite allows 32,766 parameters per statement, PostgreSQL 65,535. */
const MAX_PARAMETERS = 30_000;

/** Insert texts by dialect (its adapter: PostgreSQL numbers its parameters, SQLite does not), then table, columns and row count. */
const insertTexts = new WeakMap<object, Map<string, string>>();
const MAX_TEXTS = 1000;

function textsOf(db: Executor): Map<string, string> {
  const adapter = db.getExecutor().adapter;
  let texts = insertTexts.get(adapter);
  if (!texts) {
    texts = new Map();
    insertTexts.set(adapter, texts);
  }
  return texts;
}

/** The row's columns when every row has the same ones, each with a value (null included); otherwise undefined. */
function sameColumns(rows: readonly object[]): string[] | undefined {
  const columns = Object.keys(rows[0]);
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return undefined;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== columns[i] || (row as Record<string, unknown>)[keys[i]] === undefined) return undefined;
    }
  }
  return columns;
}

async function insertChunk(db: Executor, table: string, rows: object[]): Promise<void> {
  const columns = sameColumns(rows);
  // Rows with differing or undefined columns are left to Kysely, which fills the gaps.
  const build = () => db.insertInto(table as keyof Tables).values(rows as never);
  if (!columns) {
    await build().execute();
    return;
  }
  const parameters = rows.flatMap((row) => columns.map((c) => (row as Record<string, unknown>)[c]));
  const key = `${table}\u001f${columns.join(',')}\u001f${rows.length}`;
  const texts = textsOf(db);
  let text = texts.get(key);
  if (text === undefined) {
    const compiled = build().compile();
    // Only a text whose parameters are exactly the values in order may be reused.
    if (compiled.parameters.length !== parameters.length || compiled.parameters.some((p, i) => p !== parameters[i])) {
      await db.executeQuery(compiled);
      return;
    }
    text = compiled.sql;
    if (texts.size >= MAX_TEXTS) texts.delete(texts.keys().next().value as string);
    texts.set(key, text);
  }
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

export async function insertInChunks<T extends keyof Tables & string>(
  db: Executor,
  table: T,
  rows: Insertable<Tables[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Math.max(1, Object.keys(rows[0] as object).length);
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
  for (let i = 0; i < rows.length; i += size) await insertChunk(db, table, rows.slice(i, i + size) as object[]);
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
