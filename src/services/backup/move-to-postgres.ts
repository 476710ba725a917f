/**
 * A SQLite database moved into PostgreSQL: how a SQLite backup is restored into a PostgreSQL
 * target, for an office that started on the embedded database and has outgrown it. Both are
 * migrated to this version first, so their tables and columns are the same (the schema uses
 * only text, integer, bigint and double columns, which mean the same in both). The target's
 * rows (those its migrations seeded) are replaced by the source's, table after table in the
 * order their foreign keys need, in one PostgreSQL transaction: the move happens whole or not
 * at all. Rows are copied as they are, so the audit chain's hashes still verify.
 */
import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../db/schema';

export interface MoveReport {
  tables: number;
  rows: number;
}

/** How far a move is: rows copied of all the source holds, and the table being copied. */
export interface MoveProgress {
  table: string;
  rows: number;
  total: number;
}

interface TableShape {
  name: string;
  /** Tables whose rows this one's foreign keys name (itself excluded). */
  needs: string[];
  /** Columns naming a row of the same table: copied as null, then set once every row is in. */
  selfColumns: string[];
  primaryKey: string[];
}

/** Placeholders one INSERT may carry in PostgreSQL (65,535), with room to spare. */
const PARAMETERS_PER_INSERT = 30_000;
const ROWS_PER_READ = 2_000;
const ROWID = 'corespond_move_rowid';

async function tablesOf(source: Kysely<Tables>): Promise<TableShape[]> {
  const names = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(source);
  const shapes: TableShape[] = [];
  for (const { name } of names.rows) {
    const keys = await sql<{ table: string; from: string }>`select * from pragma_foreign_key_list(${name})`.execute(source);
    const columns = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name})`.execute(source);
    shapes.push({
      name,
      needs: [...new Set(keys.rows.filter((k) => k.table !== name).map((k) => k.table))],
      selfColumns: keys.rows.filter((k) => k.table === name).map((k) => k.from),
      primaryKey: columns.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
    });
  }
  return shapes;
}

/** The tables in an order where each comes after those its foreign keys name. */
export function inDependencyOrder<T extends { name: string; needs: string[] }>(tables: T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const ordered: T[] = [];
  let left = [...tables];
  while (left.length > 0) {
    const ready = left.filter((t) => t.needs.every((n) => placed.has(n) || !byName.has(n)));
    if (ready.length === 0) {
      throw new Error(
        `the tables ${left.map((t) => t.name).join(', ')} name each other in a circle; they cannot be moved in order`,
      );
    }
    for (const t of ready) {
      placed.add(t.name);
      ordered.push(t);
    }
    left = left.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

async function moveTable(
  source: Kysely<Tables>,
  target: Kysely<Tables>,
  table: TableShape,
  copied: (rows: number) => void,
): Promise<number> {
  const into = target as unknown as Kysely<Record<string, Record<string, unknown>>>;
  if (table.selfColumns.length > 0 && table.primaryKey.length === 0) {
    throw new Error(`${table.name} names its own rows but has no primary key to set them by`);
  }
  const later: Record<string, unknown>[] = [];
  let moved = 0;
  let after = 0;
  for (;;) {
    const read = await sql<Record<string, unknown>>`
      select rowid as ${sql.ref(ROWID)}, * from ${sql.table(table.name)}
      where rowid > ${after} order by rowid limit ${ROWS_PER_READ}`.execute(source);
    if (read.rows.length === 0) break;
    after = Number(read.rows[read.rows.length - 1][ROWID]);
    const rows = read.rows.map(({ [ROWID]: _rowid, ...row }) => {
      if (table.selfColumns.some((c) => row[c] !== null)) later.push(row);
      return table.selfColumns.length === 0 ? row : { ...row, ...Object.fromEntries(table.selfColumns.map((c) => [c, null])) };
    });
    const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / Object.keys(rows[0]).length));
    for (let i = 0; i < rows.length; i += perInsert) {
      await into
        .insertInto(table.name)
        .values(rows.slice(i, i + perInsert))
        .execute();
    }
    moved += rows.length;
    copied(rows.length);
  }
  for (const row of later) {
    let update = into.updateTable(table.name).set(Object.fromEntries(table.selfColumns.map((c) => [c, row[c]])));
    for (const key of table.primaryKey) update = update.where(key, '=', row[key]);
    await update.execute();
  }
  return moved;
}

/** Replaces what `target` (PostgreSQL) holds with every row of `source` (SQLite); both migrated to this version. */
export async function moveSqliteToPostgres(
  source: Kysely<Tables>,
  target: Kysely<Tables>,
  progress: (at: MoveProgress) => void = () => {},
): Promise<MoveReport> {
  const tables = inDependencyOrder(await tablesOf(source));
  let total = 0;
  for (const table of tables) {
    const counted = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}`.execute(source);
    total += Number(counted.rows[0].n);
  }
  const present = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(target);
  const known = new Set(present.rows.map((r) => r.name));
  const missing = tables.filter((t) => !known.has(t.name)).map((t) => t.name);
  if (missing.length > 0)
    throw new Error(`the PostgreSQL database has no table ${missing.join(', ')}; it is not at this version`);
  return target.transaction().execute(async (trx) => {
    for (const table of [...tables].reverse()) await sql`delete from ${sql.table(table.name)}`.execute(trx);
    let rows = 0;
    for (const table of tables) {
      await moveTable(source, trx, table, (copied) => {
        rows += copied;
        progress({ table: table.name, rows, total });
      });
    }
    return { tables: tables.length, rows };
  });
}
