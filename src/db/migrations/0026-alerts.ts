import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Early warnings as CAP 1.2: the ones published here and those ingested from other senders.
  // `xml` keeps the document exactly as it went out or came in; the columns beside it are what
  // the platform reads from it. (sender, identifier) is unique, as CAP makes it.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('sent', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('msg_type', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('refs', 'text')
    .addColumn('note', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('headline', 'text')
    .addColumn('description', 'text')
    .addColumn('instruction', 'text')
    .addColumn('warning_color', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('certainty', 'text', (c) => c.notNull())
    .addColumn('jurisdictions', 'text', (c) => c.notNull())
    .addColumn('area_desc', 'text', (c) => c.notNull())
    .addColumn('polygon', 'text')
    .addColumn('effective', 'text')
    .addColumn('expires', 'text')
    .addColumn('xml', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_sender_identifier').on('alerts').columns(['sender', 'identifier']).unique().execute();
  await db.schema.createIndex('alerts_sent').on('alerts').columns(['sent', 'id']).execute();
  // The incidents an alert concerns: the one it was published for, or those whose areas an ingested one overlaps.
  await db.schema
    .createTable('alert_incidents')
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_incidents_pk', ['alert_id', 'incident_id'])
    .execute();
  await db.schema.createIndex('alert_incidents_incident').on('alert_incidents').columns(['incident_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_incidents').execute();
  await db.schema.dropTable('alerts').execute();
}
