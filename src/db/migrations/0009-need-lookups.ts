import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // The duplicate check looks in a small box: the index narrows by cell and latitude and
  // checks longitude itself, so only needs really nearby are read.
  await db.schema.dropIndex('needs_cell').execute();
  await db.schema.createIndex('needs_place').on('needs').columns(['incident_id', 'cell', 'lat', 'lon']).execute();
  // The same phone reported twice, and a reporter's receipt code.
  // Partial indexes: most needs have neither, and a write skips an index it does not enter.
  await db.schema
    .createIndex('needs_phone')
    .on('needs')
    .columns(['incident_id', 'contact_phone'])
    .where('contact_phone', 'is not', null)
    .execute();
  await db.schema.createIndex('needs_receipt').on('needs').column('receipt_code').where('receipt_code', 'is not', null).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('needs_receipt').execute();
  await db.schema.dropIndex('needs_phone').execute();
  await db.schema.dropIndex('needs_place').execute();
  await db.schema.createIndex('needs_cell').on('needs').columns(['incident_id', 'cell']).execute();
}
