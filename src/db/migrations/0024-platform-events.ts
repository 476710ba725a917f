import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // The events that subscriptions, notifications and webhooks follow (need.created,
  // statement.published, …), written in the same transaction as the change's audit record and
  // keyed by its sequence number, so a dispatcher that resumes after the last seq it handled
  // never misses one and never sees one twice. A row says what happened and where (incident,
  // area, category, organization concerned), never the record's personal fields.
  await db.schema
    .createTable('platform_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .addColumn('organization_id', 'text')
    .addColumn('jurisdiction', 'text')
    .addColumn('category', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('platform_events_type').on('platform_events').columns(['type', 'seq']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform_events').execute();
}
