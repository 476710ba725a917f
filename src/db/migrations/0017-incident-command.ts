import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Changes of level, warning colour, areas and policy; stage moves stay in incident_stages.
  await db.schema
    .createTable('incident_changes')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_value', 'text', (c) => c.notNull())
    .addColumn('to_value', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_changes_pk', ['incident_id', 'seq'])
    .execute();

  await db.schema
    .createTable('coordination_centres')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('location', 'text')
    .addColumn('activated_at', 'text', (c) => c.notNull())
    .addColumn('activated_by', 'text', (c) => c.notNull())
    .addColumn('activation_reason', 'text', (c) => c.notNull())
    .addColumn('stood_down_at', 'text')
    .addColumn('stood_down_by', 'text')
    .addColumn('stand_down_reason', 'text')
    .execute();
  await db.schema
    .createIndex('coordination_centres_incident')
    .on('coordination_centres')
    .columns(['incident_id', 'activated_at'])
    .execute();
  // One running centre per incident, even when two coordinators activate at once.
  await db.schema
    .createIndex('coordination_centres_one_active')
    .on('coordination_centres')
    .column('incident_id')
    .unique()
    .where(sql.ref('stood_down_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('centre_seats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('centre_id', 'text', (c) => c.notNull().references('coordination_centres.id'))
    .addColumn('subsystem', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('basis_kind', 'text', (c) => c.notNull())
    .addColumn('basis_id', 'text', (c) => c.notNull())
    .addColumn('liaison_name', 'text')
    .addColumn('liaison_phone', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('centre_seats_centre')
    .on('centre_seats')
    .columns(['centre_id', 'subsystem', 'organization_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('standby_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('note', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answer_note', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .execute();
  await db.schema
    .createIndex('standby_requests_incident')
    .on('standby_requests')
    .columns(['incident_id', 'requested_at'])
    .execute();
  await db.schema.createIndex('standby_requests_organization').on('standby_requests').column('organization_id').execute();
  // An organization is on an incident's roster once at a time.
  await db.schema
    .createIndex('standby_requests_one_open')
    .on('standby_requests')
    .columns(['incident_id', 'organization_id'])
    .unique()
    .where(sql.ref('withdrawn_at'), 'is', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['standby_requests', 'centre_seats', 'coordination_centres', 'incident_changes'])
    await db.schema.dropTable(table).execute();
}
