import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on current types
export async function up(db: Kysely<any>): Promise<void> {
  // A user's in-app notifications, newest and unread first. The title is built from
  // non-personal facts, but is classified personal all the same: it is addressed to one person.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('link', 'text')
    .addColumn('event_seq', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();
  // What a user follows. Every criterion is optional; null means "any". `kinds` and `channels`
  // are comma-separated lists (event types; `in_app`, `email`).
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .addColumn('jurisdiction', 'text')
    .addColumn('category', 'text')
    .addColumn('kinds', 'text')
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscriptions_user').on('subscriptions').columns(['user_id']).execute();
  // E-mails waiting to be sent (or sent): kept in the database, retried with backoff, so a
  // mail that was queued survives a restart.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['sent_at', 'next_attempt_at']).execute();
  // Where a follower of platform_events stands (name → last seq handled), with a lease so that
  // one node at a time handles a batch.
  await db.schema
    .createTable('event_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('lease_holder', 'text')
    .addColumn('lease_until', 'text')
    .execute();
  // A claim.expiring event is recorded once per claim and expiry (a claim whose expiry moves
  // gets a new warning); two nodes sweeping at once insert one row.
  await db.schema
    .createTable('claim_warnings')
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('warned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('claim_warnings_pk', ['claim_id', 'expires_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('claim_warnings').execute();
  await db.schema.dropTable('event_cursors').execute();
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('subscriptions').execute();
  await db.schema.dropTable('notifications').execute();
}
