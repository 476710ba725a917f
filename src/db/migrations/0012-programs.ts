import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recovery_focus', 'text')
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('lead_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('jurisdictions', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('people_reached', 'integer', (c) => c.notNull())
    .addColumn('cooperation_type', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('programs_lead').on('programs').columns(['lead_organization_id', 'starts_on']).execute();
  await db.schema.createIndex('programs_starts').on('programs').column('starts_on').execute();
  // Areas as rows, like organizations' service areas, so "overlaps this area" is an index look-up.
  await db.schema
    .createTable('program_areas')
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_areas_pk', ['program_id', 'code'])
    .execute();
  for (const column of ['code', 'province', 'city']) {
    await db.schema.createIndex(`program_areas_${column}`).on('program_areas').columns([column, 'program_id']).execute();
  }
  await db.schema
    .createTable('program_partners')
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addPrimaryKeyConstraint('program_partners_pk', ['program_id', 'organization_id'])
    .execute();
  await db.schema.createIndex('program_partners_organization').on('program_partners').column('organization_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['program_partners', 'program_areas', 'programs']) await db.schema.dropTable(table).execute();
}
