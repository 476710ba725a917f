import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { waitFor } from '../support/wait';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The rows of `notes` that the database file alone holds (a copy without its log). */
function rowsInTheFileAlone(dir: string): number {
  const copy = join(dir, 'copy.db');
  copyFileSync(join(dir, 'corespond.db'), copy);
  const alone = new BetterSqlite3(copy);
  try {
    const table = alone.prepare("select count(*) as n from sqlite_master where name = 'notes'").get() as { n: number };
    return table.n === 0 ? 0 : (alone.prepare('select count(*) as n from notes').get() as { n: number }).n;
  } finally {
    alone.close();
    rmSync(copy);
  }
}

/** Opens a database in a directory of its own, writes 1,000 rows in 50 small commits, then calls `check`. */
async function afterFiftyCommits<T>(backgroundCheckpoints: boolean, check: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'corespond-checkpoint-'));
  dirs.push(dir);
  const database = openDatabase({ dataDir: dir, backgroundCheckpoints });
  const { db } = database;
  try {
    await db.schema
      .createTable('notes')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('body', 'text')
      .execute();
    for (let i = 0; i < 50; i++) {
      await db
        .insertInto('notes' as never)
        .values(Array.from({ length: 20 }, (_, j) => ({ id: i * 20 + j, body: 'x'.repeat(200) })) as never)
        .execute();
    }
    return await check(dir);
  } finally {
    await database.close();
  }
}

describe('background checkpoints (SQLite)', () => {
  it('copy the write-ahead log into the database file while the serving connection only appends', async () => {
    await afterFiftyCommits(true, (dir) =>
      waitFor(() => rowsInTheFileAlone(dir) === 1000, {
        what: 'the background checkpoint to copy all 1,000 rows into the database file',
        interval: 100,
        lastSeen: () => `${rowsInTheFileAlone(dir)} rows in the file alone`,
      }),
    );
  });

  it('leave the log alone without the thread (SQLite checkpoints by itself only at 1,000 pages)', async () => {
    // Waiting for something not to happen: three of the thread's 200 ms periods, so that a thread
    // started by mistake would have had its chance. No clock to advance: the thread keeps real time.
    const rows = await afterFiftyCommits(false, async (dir) => {
      await sleep(600);
      return rowsInTheFileAlone(dir);
    });
    expect(rows).toBe(0);
  });
});
