import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // The data keys that seal personal values inside audit records: one per incident, and one
  // per subject that can ask for erasure on their own (a need's reporter, an offer's donor).
  // Each is kept wrapped by the audit key; erasing destroys it (crypto-shredding), so the
  // sealed values stay in the hash chain, unreadable.
  await db.schema
    .createTable('personal_data_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('wrapped', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .addUniqueConstraint('personal_data_keys_owner', ['owner_kind', 'owner_id'])
    .execute();
  // Every erasure done (by the retention sweep or on request), by what it reached: an incident,
  // a need or an offer. A copy is kept outside the database (erasures.jsonl) so that a restore
  // of an older backup can apply them again.
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('erasures_subject').on('erasures').columns(['scope', 'subject_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasures').execute();
  await db.schema.dropTable('personal_data_keys').execute();
}
