import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Read models in memory (recommendation candidates) catch up with the changes of a few
  // entity types since the last sequence number they saw, without reading the others.
  await db.schema.createIndex('audit_log_type_seq').on('audit_log').columns(['entity_type', 'seq']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_type_seq').execute();
}
