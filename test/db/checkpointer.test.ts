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

/** Writes rows in small commits, waits, then counts the rows the database file alone holds (without its log). */
async function rowsInTheFileAlone(backgroundCheckpoints: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'corespond-checkpoint-'));
  dirs.push(dir);
  const database = openDatabase({ dataDir: dir, backgroundCheckpoints });
  const { db } = database;
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
  await new Promise((resolve) => setTimeout(resolve, 600));
  const copy = join(dir, 'copy.db');
  copyFileSync(join(dir, 'corespond.db'), copy);
  await database.close();
  const alone = new BetterSqlite3(copy);
  try {
    const table = alone.prepare("select count(*) as n from sqlite_master where name = 'notes'").get() as { n: number };
    return table.n === 0 ? 0 : (alone.prepare('select count(*) as n from notes').get() as { n: number }).n;
  } finally {
    alone.close();
  }
}

describe('background checkpoints (SQLite)', () => {
  it('copy the write-ahead log into the database file while the serving connection only appends', async () => {
    expect(await rowsInTheFileAlone(true)).toBe(1000);
    // Without the thread, 50 small commits stay in the log (SQLite checkpoints at 1,000 pages).
    expect(await rowsInTheFileAlone(false)).toBe(0);
  });
});
