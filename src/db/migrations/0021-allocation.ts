import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // A proposed allocation of an incident's goods, reviewed and changed by a coordinator, then committed.
  await db.schema
    .createTable('allocation_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('max_distance_km', 'double precision', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('upper_bound', 'double precision')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('allocation_plans_incident')
    .on('allocation_plans')
    .columns(['incident_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('allocation_lines')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('allocation_plans.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('supply_key', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('distance_km', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('allocation_lines_pk', ['plan_id', 'seq'])
    .execute();

  // Goods on their way from a supply to a need, holding the claim that keeps the quantity theirs.
  await db.schema
    .createTable('shipments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('plan_id', 'text', (c) => c.references('allocation_plans.id'))
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('need_claims.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('received_quantity', 'double precision')
    .addColumn('warehouse_id', 'text', (c) => c.references('warehouses.id'))
    .addColumn('offer_id', 'text', (c) => c.references('offers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shipments_incident').on('shipments').columns(['incident_id', 'created_at']).execute();
  await db.schema.createIndex('shipments_need').on('shipments').column('need_id').execute();
  await db.schema.createIndex('shipments_claim').on('shipments').column('claim_id').execute();
  await db.schema.createIndex('shipments_offer').on('shipments').column('offer_id').execute();
  await db.schema
    .createTable('shipment_events')
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision')
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shipment_events_pk', ['shipment_id', 'seq'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shipment_events').execute();
  await db.schema.dropTable('shipments').execute();
  await db.schema.dropTable('allocation_lines').execute();
  await db.schema.dropTable('allocation_plans').execute();
}
