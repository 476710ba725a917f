/** Two transactions made to meet: one holding its locks while the other waits for them. */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Transaction } from 'kysely';
import type { DialectName } from '../../src/db/database';
import type { Tables } from '../../src/db/schema';
import type { Deps } from '../../src/services/context';
import { waitFor } from './wait';

/**
 * Runs `first` in a transaction that stays open, after its writes, until `second` has started
 * and is waiting for it; then runs `then` in the same transaction (more writes, made while
 * `second` waits), commits it and answers how both ended. On PostgreSQL `second` waits for a
 * row lock (seen in pg_stat_activity); on SQLite for the one writer's turn, so there is
 * nothing to observe and a moment's pause stands in.
 */
export async function whileHeld<T>(
  deps: Deps,
  dialect: DialectName,
  first: (trx: Transaction<Tables>) => Promise<unknown>,
  second: () => Promise<T>,
  then?: (trx: Transaction<Tables>) => Promise<unknown>,
): Promise<[PromiseSettledResult<unknown>, PromiseSettledResult<T>]> {
  let wrote!: () => void;
  let release!: () => void;
  const written = new Promise<void>((resolve) => {
    wrote = resolve;
  });
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const holding = deps.db.transaction().execute(async (trx) => {
    await first(trx);
    wrote();
    await held;
    await then?.(trx);
  });
  await Promise.race([written, holding]);
  const racing = second();
  racing.catch(() => undefined);
  if (dialect === 'postgres') {
    await waitFor(
      async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(deps.db);
        return (rows[0]?.n ?? 0) > 0;
      },
      { what: 'the second change to wait for the first one’s lock' },
    );
  } else {
    await sleep(50);
  }
  release();
  return Promise.allSettled([holding, racing]);
}
