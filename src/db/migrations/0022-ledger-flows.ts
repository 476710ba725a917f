import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // Flows kept per kind of account, moved in and out: each kind of account's balance in an
  // incident is then Σ moved_in − moved_out over a few hundred rows, however many accounts
  // there are; what a kind of transaction moved is Σ moved_in. Rebuilt from the entries.
  await db.schema.dropTable('ledger_flows').execute();
  await db.schema
    .createTable('ledger_flows')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_kind', 'text', (c) => c.notNull())
    .addColumn('asset', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('moved_in', 'bigint', (c) => c.notNull())
    .addColumn('moved_out', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_flows_pk', [
      'incident_id',
      'kind',
      'account_kind',
      'asset',
      'organization_id',
      'jurisdiction',
    ])
    .execute();
  await sql`
    insert into ledger_flows (incident_id, kind, account_kind, asset, organization_id, jurisdiction, moved_in, moved_out)
    select coalesce(e.incident_id, ''), t.kind, e.account_kind, e.asset, coalesce(e.organization_id, ''),
      coalesce(e.jurisdiction, ''),
      sum(case when e.amount > 0 then e.amount else 0 end), sum(case when e.amount < 0 then -e.amount else 0 end)
    from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
    group by coalesce(e.incident_id, ''), t.kind, e.account_kind, e.asset, coalesce(e.organization_id, ''),
      coalesce(e.jurisdiction, '')`.execute(db);
  // An account's balances over every incident, read from the index alone (the reconciliation).
  await db.schema.dropIndex('ledger_balances_account').execute();
  await db.schema
    .createIndex('ledger_balances_account')
    .on('ledger_balances')
    .columns(['account_kind', 'account_id', 'asset', 'balance'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_balances_account').execute();
  await db.schema
    .createIndex('ledger_balances_account')
    .on('ledger_balances')
    .columns(['account_kind', 'account_id', 'asset'])
    .execute();
  await db.schema.dropTable('ledger_flows').execute();
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
