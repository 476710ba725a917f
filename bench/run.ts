/**
 * `npm run bench -- NAME`: runs bench/NAME.ts. Each benchmark prints, as its last line,
 * `NAME: ratio=R key=value …`, R comparing it with a baseline measured in the same run
 * (higher is better). SQLite in a temp directory by default; PostgreSQL when DATABASE_URL is set.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { BenchContext } from './harness';

const name = process.argv[2];
const available = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'harness.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (one of: ${available.join(', ')})`);
  process.exit(2);
}
if (!existsSync(join(import.meta.dirname, `${name}.ts`))) process.exit(2);

const url = process.env.DATABASE_URL;
// BENCH_DATA_DIR keeps the SQLite file between runs, so seeded data can be reused.
const keep = process.env.BENCH_DATA_DIR;
const dir = url ? undefined : (keep ?? mkdtempSync(join(tmpdir(), 'corespond-bench-')));
const database = openDatabase({ url, dataDir: dir });
try {
  await migrateToLatest(database.db);
  const bench = (await import(`./${name}.ts`)) as { default: (ctx: BenchContext) => Promise<string> };
  const line = await bench.default({ database, location: { url, dataDir: dir }, log: (m) => console.log(m) });
  console.log(line);
} finally {
  await database.close();
  if (dir && !keep) rmSync(dir, { recursive: true, force: true });
}
