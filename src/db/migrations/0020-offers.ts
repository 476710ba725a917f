import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // A need for goods names its catalogue item, so offers and stock can be matched to it.
  await db.schema.alterTable('needs').addColumn('item', 'text').execute();
  await db.schema.createIndex('needs_incident_item').on('needs').columns(['incident_id', 'item', 'status']).execute();

  // What organizations, companies and members of the public offer an incident. A public donor
  // has no account: the reference code is how they follow the donation and how a collection
  // point receives it.
  await db.schema
    .createTable('offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('reference_code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item', 'text')
    .addColumn('quantity', 'double precision')
    .addColumn('amount_fen', 'bigint')
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('available_from', 'text')
    .addColumn('available_until', 'text')
    .addColumn('conditions', 'text')
    .addColumn('note', 'text')
    .addColumn('donor_name', 'text')
    .addColumn('donor_phone', 'text')
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('unwanted_reason', 'text')
    .addColumn('raised_publicly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_quantity', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offers_incident').on('offers').columns(['incident_id', 'created_at']).execute();
  await db.schema.createIndex('offers_organization').on('offers').columns(['organization_id']).execute();

  // Items the coordinators of an incident say they do not want (a "second disaster" of goods).
  await db.schema
    .createTable('unwanted_items')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unwanted_items_pk', ['incident_id', 'item'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unwanted_items').execute();
  await db.schema.dropTable('offers').execute();
  await db.schema.dropIndex('needs_incident_item').execute();
  await db.schema.alterTable('needs').dropColumn('item').execute();
}
