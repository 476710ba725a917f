import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Money received, disbursed and given back by organizations. The ledger keeps the amounts;
  // this keeps what the entries cannot: who recorded it, for what purpose, against which offer
  // or need, and whether it was raised from the public (公开募捐).
  await db.schema
    .createTable('money_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('offer_id', 'text', (c) => c.references('offers.id'))
    .addColumn('need_id', 'text')
    .addColumn('raised_publicly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('purpose', 'text')
    .addColumn('transaction_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('money_movements_incident').on('money_movements').columns(['incident_id', 'at']).execute();
  await db.schema.createIndex('money_movements_offer').on('money_movements').columns(['offer_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('money_movements').execute();
}
