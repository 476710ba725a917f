import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Ed25519 keys that sign deployment passes, shared by every node through the database.
  await db.schema
    .createTable('pass_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    // The key's place in the order of keys: unique, so two nodes starting at once make one first key.
    .addColumn('generation', 'integer', (c) => c.notNull().unique())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    // PKCS #8, encrypted (AES-256-GCM) with a key derived from the server's secret.
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('passes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deployment_id', 'text', (c) => c.notNull().references('deployments.id'))
    .addColumn('kid', 'text', (c) => c.notNull().references('pass_keys.kid'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema.createIndex('passes_deployment').on('passes').columns(['deployment_id', 'issued_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('passes').execute();
  await db.schema.dropTable('pass_keys').execute();
}
