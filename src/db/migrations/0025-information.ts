import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Signed official statements (权威发布): kept with the compact JWS the platform signed at
  // issue, so the text anyone verifies is the text that was issued, under the key of that day.
  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('issuing_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('statements_incident').on('statements').columns(['incident_id', 'issued_at']).execute();

  // Rumours (谣言) seen about an incident, and the statement that answers each (辟谣).
  await db.schema
    .createTable('rumours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('seen_where', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('statement_id', 'text', (c) => c.references('statements.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rumours_incident').on('rumours').columns(['incident_id', 'seen_at']).execute();

  // Bulletins and situation reports (通报, 简报, 情况报告): of an incident or of an area.
  await db.schema
    .createTable('bulletins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('jurisdiction', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('author_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('supersedes_id', 'text', (c) => c.references('bulletins.id'))
    .addColumn('relation', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('verified_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('bulletins_incident').on('bulletins').columns(['incident_id', 'status']).execute();
  await db.schema.createIndex('bulletins_jurisdiction').on('bulletins').columns(['jurisdiction', 'status']).execute();
  await db.schema.createIndex('bulletins_supersedes').on('bulletins').columns(['supersedes_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulletins').execute();
  await db.schema.dropTable('rumours').execute();
  await db.schema.dropTable('statements').execute();
}
