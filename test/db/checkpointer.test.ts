import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';

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

/**
 * Writes 1,000 rows in 50 small commits, then counts the rows the database file alone holds:
 * with background checkpoints, once they appear (within 10 s); without, after three of the
 * thread's periods.
 */
async function rowsCheckpointed(backgroundCheckpoints: boolean): Promise<number> {
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
    const until = Date.now() + (backgroundCheckpoints ? 10_000 : 600);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const rows = rowsInTheFileAlone(dir);
      if ((backgroundCheckpoints && rows === 1000) || Date.now() > until) return rows;
    }
  } finally {
    await database.close();
  }
}

describe('background checkpoints (SQLite)', () => {
  it('copy the write-ahead log into the database file while the serving connection only appends', async () => {
    expect(await rowsCheckpointed(true)).toBe(1000);
    // Without the thread, 50 small commits stay in the log (SQLite checkpoints at 1,000 pages).
    expect(await rowsCheckpointed(false)).toBe(0);
  });
});
