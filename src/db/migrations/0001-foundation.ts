import { type Kysely, sql } from 'kysely';

// Frozen in time: migrations see Kysely<any>, never today's table types.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('supervising_agency', 'text')
    .addColumn('jurisdictions', 'text', (c) => c.notNull())
    .addColumn('base_lat', 'double precision')
    .addColumn('base_lon', 'double precision')
    .addColumn('capabilities', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organizations_credit_code').unique().on('organizations').column('credit_code').execute();
  await db.schema.createIndex('organizations_sort').on('organizations').columns(['sort_key', 'id']).execute();
  await db.schema.createIndex('organizations_kind').on('organizations').column('kind').execute();

  await db.schema
    .createTable('organization_jurisdictions')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_jurisdictions_pk', ['organization_id', 'code'])
    .execute();
  for (const column of ['code', 'province', 'city']) {
    await db.schema
      .createIndex(`organization_jurisdictions_${column}`)
      .on('organization_jurisdictions')
      .columns([column, 'organization_id'])
      .execute();
  }

  await db.schema
    .createTable('organization_cells')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('cell', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_cells_pk', ['organization_id', 'cell'])
    .execute();
  await db.schema.createIndex('organization_cells_cell').on('organization_cells').columns(['cell', 'organization_id']).execute();

  await db.schema
    .createTable('organization_categories')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_categories_pk', ['organization_id', 'category'])
    .execute();
  await db.schema
    .createIndex('organization_categories_category')
    .on('organization_categories')
    .columns(['category', 'organization_id'])
    .execute();

  await db.schema
    .createTable('organization_search_terms')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addPrimaryKeyConstraint('organization_search_terms_pk', ['term', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('organization_search_terms_organization')
    .on('organization_search_terms')
    .column('organization_id')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('jurisdiction', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_organization').on('users').column('organization_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('csrf_token', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);
}

/** The hash the first audit record chains to. */
export const GENESIS_HASH = '0'.repeat(64);

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_head',
    'audit_log',
    'sessions',
    'users',
    'organization_search_terms',
    'organization_categories',
    'organization_cells',
    'organization_jurisdictions',
    'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
