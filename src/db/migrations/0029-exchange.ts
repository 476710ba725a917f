import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Activities read from a partner's HXL-tagged 3W table: each is an organization's work on a
  // service category (or program kind) in a GB/T 2260 division over some days. An activity of
  // an organization on the platform (matched by credit code, else by name) has its id; one of an
  // organization outside the platform keeps the name and code the partner gave (external).
  // The key makes importing the same row twice change nothing.
  await db.schema
    .createTable('external_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('organization_name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('activity', 'text')
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('reached', 'integer')
    .addColumn('lat', 'real')
    .addColumn('lon', 'real')
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('external_activities_place')
    .on('external_activities')
    .columns(['jurisdiction', 'starts_on'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('external_activities').execute();
}
