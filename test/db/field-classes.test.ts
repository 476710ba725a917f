/**
 * Every column of every table has a privacy class (src/db/field-classes.ts): the migrated
 * database's own catalogue is compared with the classification, so a column added by a later
 * migration fails here until it is classified.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { COLUMN_CLASSES } from '../../src/db/field-classes';
import { describeEachDatabase } from '../support/databases';

const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock']);

describeEachDatabase('privacy classes of the columns', (t, dialect) => {
  it('classifies every column of every table the migrations create, and nothing else', async () => {
    const { db } = t().deps;
    const columns: string[] = [];
    if (dialect === 'sqlite') {
      const tables = await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
      for (const { name } of tables.rows) {
        if (BOOKKEEPING.has(name)) continue;
        const info = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
        for (const column of info.rows) columns.push(`${name}.${column.name}`);
      }
    } else {
      const info = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db);
      for (const row of info.rows) if (!BOOKKEEPING.has(row.table_name)) columns.push(`${row.table_name}.${row.column_name}`);
    }
    const classified = Object.entries(COLUMN_CLASSES).flatMap(([table, cols]) => Object.keys(cols).map((c) => `${table}.${c}`));
    expect(columns.length).toBeGreaterThan(200);
    expect(columns.filter((c) => !classified.includes(c))).toEqual([]);
    expect(classified.filter((c) => !columns.includes(c))).toEqual([]);
  });
});
