import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // One row per alarm the sweep raised. (kind, subject_id, due_at) is unique: a subject that
  // falls due again later raises a new alarm, and two nodes sweeping at once raise one.
  await db.schema
    .createTable('alarms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('alarms_once', ['kind', 'subject_id', 'due_at'])
    .execute();
  await db.schema.createIndex('alarms_incident').on('alarms').columns(['incident_id', 'resolved_at', 'raised_at']).execute();
  await db.schema.createIndex('alarms_open').on('alarms').columns(['resolved_at', 'kind']).execute();
  // The stale-need sweep looks for open needs by their last update.
  await db.schema.createIndex('needs_status_updated').on('needs').columns(['status', 'updated_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('needs_status_updated').execute();
  await db.schema.dropTable('alarms').execute();
}
