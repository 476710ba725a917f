import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('needs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('vulnerable_groups', 'text', (c) => c.notNull())
    .addColumn('people_affected', 'integer')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('address', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('verification_level', 'text', (c) => c.notNull())
    .addColumn('verified_by', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_quantity', 'integer', (c) => c.notNull())
    .addColumn('fulfilled_quantity', 'integer', (c) => c.notNull())
    .addColumn('close_reason', 'text')
    .addColumn('close_note', 'text')
    .addColumn('duplicate_of', 'text')
    .addColumn('receipt_code', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('needs_incident_status').on('needs').columns(['incident_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('needs_cell').on('needs').columns(['incident_id', 'cell']).execute();

  await db.schema
    .createTable('need_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dispatched_by', 'text')
    .addColumn('note', 'text')
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('progress_at', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('need_claims_need').on('need_claims').columns(['need_id', 'status']).execute();
  await db.schema.createIndex('need_claims_organization').on('need_claims').columns(['organization_id', 'status']).execute();

  await db.schema
    .createTable('need_events')
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('need_events_pk', ['need_id', 'seq'])
    .execute();

  await db.schema
    .createTable('need_duplicates')
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('need_duplicates_pk', ['need_id', 'candidate_id'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['idempotency_keys', 'need_duplicates', 'need_events', 'need_claims', 'needs'])
    await db.schema.dropTable(table).execute();
}
