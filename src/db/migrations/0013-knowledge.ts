import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('program_id', 'text', (c) => c.references('programs.id'))
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('performance', 'text', (c) => c.notNull())
    // Title, body and tags folded (Simplified, lower case, no spaces) for search in either script.
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lessons_incident').on('lessons').column('incident_id').execute();
  await db.schema.createIndex('lessons_program').on('lessons').column('program_id').execute();
  await db.schema.createIndex('lessons_created').on('lessons').columns(['created_at', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lessons').execute();
}
