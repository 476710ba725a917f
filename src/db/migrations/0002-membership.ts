import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('membership_status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('membership_tier', 'text', (c) => c.notNull().defaultTo('standard'))
    .execute();
  await db.schema.alterTable('organizations').addColumn('cultivation_plan', 'text').execute();
  await db.schema
    .createIndex('organizations_membership')
    .on('organizations')
    .columns(['membership_status', 'sort_key'])
    .execute();

  await db.schema
    .createTable('membership_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('plan', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('membership_events_organization')
    .unique()
    .on('membership_events')
    .columns(['organization_id', 'seq'])
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('home_jurisdiction', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_status').on('applications').columns(['status', 'created_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('applications').execute();
  await db.schema.dropTable('membership_events').execute();
  await db.schema.dropIndex('organizations_membership').execute();
  for (const column of ['cultivation_plan', 'membership_tier', 'membership_status']) {
    await db.schema.alterTable('organizations').dropColumn(column).execute();
  }
}
