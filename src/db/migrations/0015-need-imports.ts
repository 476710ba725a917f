import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Needs imported from spreadsheets may have an address but no coordinates: `lat`, `lon` and
 * the index `cell` become nullable and `location_needed` marks such a need until someone
 * places it. Import jobs of needs belong to an incident and wait for their column mapping with
 * the sheet's rows; each imported row is remembered by its identity, so a newer version of
 * the same sheet adds only its new rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildNeedsNullable(db);
  else {
    for (const column of ['lat', 'lon', 'cell'])
      await sql`alter table needs alter column ${sql.ref(column)} drop not null`.execute(db);
  }
  await db.schema
    .alterTable('needs')
    .addColumn('location_needed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('needs_location_needed')
    .on('needs')
    .columns(['incident_id', 'created_at'])
    .where(sql.ref('location_needed'), '=', sql.lit(1))
    .execute();

  await db.schema.alterTable('import_jobs').addColumn('incident_id', 'text').execute();
  await db.schema.alterTable('import_jobs').addColumn('options', 'text').execute();
  await db.schema.alterTable('import_jobs').addColumn('mapping', 'text').execute();
  await db.schema.alterTable('import_jobs').addColumn('sheet', 'text').execute();

  await db.schema
    .createTable('need_import_rows')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('need_import_rows_pk', ['incident_id', 'row_key'])
    .execute();
}

/**
 * SQLite cannot drop NOT NULL in place: the table is rebuilt from its own definition (so
 * columns added by any earlier migration come along), with foreign keys off while the table
 * that other tables reference is swapped, and its indexes made again.
 */
// biome-ignore lint/suspicious/noExplicitAny: see up()
async function rebuildNeedsNullable(db: Kysely<any>): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'needs'`.execute(db);
  const indexes = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = 'needs' and sql is not null`.execute(db);
  const definition = table.rows[0]?.sql;
  if (!definition) throw new Error('migration 0015: the needs table is missing');
  let rebuilt = definition.replace(/^create table "?needs"?/i, 'create table "needs_rebuilt"');
  for (const column of ['lat', 'lon', 'cell']) {
    const before = rebuilt;
    rebuilt = rebuilt.replace(new RegExp(`("${column}" [a-z ]+?) not null`, 'i'), '$1');
    if (rebuilt === before) throw new Error(`migration 0015: needs.${column} is not declared as expected`);
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      await sql`insert into needs_rebuilt select * from needs`.execute(trx);
      await sql`drop table needs`.execute(trx);
      await sql`alter table needs_rebuilt rename to needs`.execute(trx);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length) throw new Error('migration 0015: foreign keys broken by the rebuild of needs');
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('need_import_rows').execute();
  for (const column of ['sheet', 'mapping', 'options', 'incident_id'])
    await db.schema.alterTable('import_jobs').dropColumn(column).execute();
  await db.schema.dropIndex('needs_location_needed').execute();
  await db.schema.alterTable('needs').dropColumn('location_needed').execute();
}
