/** Locking the rows a transaction reads before it writes them back whole. */
import type { SelectQueryBuilder } from 'kysely';
import type { DialectName } from './database';

/**
 * The read locks the rows it returns until the transaction ends, so that a row read, changed
 * and saved whole cannot put back what a concurrent transaction changed meanwhile: the second
 * reader waits for the first to commit and then reads its result. PostgreSQL only (`for
 * update`); SQLite's transactions begin immediate and so already write one at a time.
 */
export function lockedForChange<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  dialect: DialectName,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate() : query;
}
