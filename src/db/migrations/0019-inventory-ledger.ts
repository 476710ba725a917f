import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Whether an organization holds the public-fundraising qualification (公开募捐资格), and since when.
  await db.schema
    .alterTable('organizations')
    .addColumn('public_fundraising_qualified', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('organizations').addColumn('public_fundraising_since', 'text').execute();

  // Warehouses and collection points (仓库, 收集点), each owned by an organization.
  await db.schema
    .createTable('warehouses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('warehouses_organization').on('warehouses').column('organization_id').execute();
  await db.schema.createIndex('warehouses_name').on('warehouses').columns(['name', 'id']).execute();
  await db.schema.createIndex('warehouses_jurisdiction').on('warehouses').column('jurisdiction').execute();

  // Amounts are integers: goods in thousandths of the item's unit, money in fen (src/model/ledger.ts).
  // The stock of an item in a warehouse, changed only by movements; the CHECK is the last line
  // behind the conditional update that refuses an issue larger than the stock.
  await db.schema
    .createTable('inventory_stock')
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inventory_stock_pk', ['warehouse_id', 'item'])
    .execute();

  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the transaction records; the offer and shipment tables come later, so no foreign keys.
    .addColumn('movement_id', 'text')
    .addColumn('offer_id', 'text')
    .addColumn('shipment_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_transactions_incident').on('ledger_transactions').columns(['incident_id', 'at']).execute();

  await db.schema
    .createTable('inventory_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    // Signed for adjustments, positive otherwise.
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('to_warehouse_id', 'text', (c) => c.references('warehouses.id'))
    .addColumn('reason', 'text')
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('offer_reference', 'text')
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inventory_movements_warehouse')
    .on('inventory_movements')
    .columns(['warehouse_id', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('inventory_movements_target')
    .on('inventory_movements')
    .columns(['to_warehouse_id', 'at', 'id'])
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('account_kind', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('asset', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .addColumn('organization_id', 'text')
    .addColumn('jurisdiction', 'text')
    .addPrimaryKeyConstraint('ledger_entries_pk', ['transaction_id', 'seq'])
    .execute();
  await db.schema.createIndex('ledger_entries_incident').on('ledger_entries').column('incident_id').execute();
  await db.schema.createIndex('ledger_entries_account').on('ledger_entries').columns(['account_kind', 'account_id']).execute();

  // Read models kept in the posting's transaction. Their keys hold '' for "no incident",
  // "no organization", "no area": a unique key treats NULLs as distinct on both databases.
  await db.schema
    .createTable('ledger_balances')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('account_kind', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('asset', 'text', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_balances_pk', ['incident_id', 'account_kind', 'account_id', 'asset'])
    .execute();
  await db.schema
    .createIndex('ledger_balances_account')
    .on('ledger_balances')
    .columns(['account_kind', 'account_id', 'asset'])
    .execute();
  await db.schema
    .createTable('ledger_flows')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('asset', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_flows_pk', ['incident_id', 'kind', 'asset', 'organization_id', 'jurisdiction'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'ledger_flows',
    'ledger_balances',
    'ledger_entries',
    'inventory_movements',
    'ledger_transactions',
    'inventory_stock',
    'warehouses',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('organizations').dropColumn('public_fundraising_since').execute();
  await db.schema.alterTable('organizations').dropColumn('public_fundraising_qualified').execute();
}
