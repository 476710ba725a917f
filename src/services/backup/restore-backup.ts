/**
 * `corespond restore`: puts a backup back into an empty data directory and database. The
 * file is read twice: once to check every frame and entry (a damaged or wrongly keyed file
 * changes nothing), then to restore. A target that already holds data is refused unless
 * `force`, which replaces it.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { type DialectName, openDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Deps } from '../context';
import { readArchive } from './backup-archive';
import { BackupError } from './backup-errors';
import { type BackupHeader, readBackupFile } from './backup-frames';
import { DATABASE_FILES, listDataFiles, WORK_PREFIX } from './data-files';
import { restorePostgres } from './database-dump';
import { type MoveProgress, type MoveReport, moveSqliteToPostgres } from './move-to-postgres';
import type { BackupLocation } from './take-backup';

export interface RestoreOptions {
  passphrase?: string;
  /** Replace a target that already holds a database or files. */
  force?: boolean;
  /**
   * Runs once the database and files are back (migrated to this version), with services'
   * dependencies on them: where a restore re-applies what must not come back (erasures).
   */
  afterRestore?: (deps: Deps) => Promise<void>;
  /** The restored data directory's audit key (read after its files are back); needed by afterRestore. */
  auditKey?: () => Buffer;
  /** Told how far a SQLite backup's move into PostgreSQL is, as it goes. */
  onMove?: (at: MoveProgress) => void;
}

export interface RestoreReport {
  createdAt: string;
  dialect: DialectName;
  databaseBytes: number;
  files: number;
  /** A SQLite backup restored into PostgreSQL: the tables and rows moved. */
  moved?: MoveReport;
}

/** A path from the backup as a path inside the data directory; anything that would leave it is damage. */
function placeIn(dataDir: string, path: string): string {
  const clean = normalize(path);
  if (isAbsolute(path) || clean.startsWith('..') || clean.split(sep).includes('..') || DATABASE_FILES.includes(clean)) {
    throw new BackupError('damaged', `the backup file is damaged: it names a file outside the data directory (${path})`);
  }
  return join(dataDir, clean);
}

const open = (file: string, passphrase: string | undefined) =>
  readBackupFile(createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>, passphrase);

/** Reads the whole file, checking each frame and entry; writes nothing. */
async function checkBackup(file: string, location: BackupLocation, passphrase: string | undefined): Promise<BackupHeader> {
  const { header, payload } = await open(file, passphrase);
  let databases = 0;
  for await (const { entry } of readArchive(payload)) {
    if (entry.kind === 'database') {
      databases++;
      // A SQLite backup moves into PostgreSQL (an office outgrowing the embedded database); not the other way.
      if (entry.format !== 'sqlite' && location.dialect === 'sqlite') {
        throw new Error(
          'this backup holds a PostgreSQL database, which restores into PostgreSQL only; set DATABASE_URL to an empty PostgreSQL database',
        );
      }
    } else {
      placeIn(location.dataDir, entry.path);
    }
  }
  if (databases !== 1) throw new BackupError('damaged', `the backup file is damaged: it holds ${databases} databases`);
  return header;
}

async function postgresTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = 'public'",
    );
    return Number(result.rows[0].n);
  } finally {
    await client.end();
  }
}

async function clearPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema public cascade');
    await client.query('create schema public');
  } finally {
    await client.end();
  }
}

/** What the target already holds: a short description per kind, empty when nothing. */
async function targetContents(location: BackupLocation, exclude: string[]): Promise<string[]> {
  const held: string[] = [];
  if (location.dialect === 'sqlite') {
    const db = join(location.dataDir, 'corespond.db');
    if (existsSync(db) && (await stat(db)).size > 0) held.push(`a database (${db})`);
  } else {
    const tables = await postgresTables(location.databaseUrl as string);
    if (tables > 0) held.push(`a database with ${tables} tables`);
  }
  const files = await listDataFiles(location.dataDir, exclude);
  if (files.length > 0) held.push(`${files.length} files in ${location.dataDir}`);
  return held;
}

/** The staged SQLite database moved into the PostgreSQL target, both first migrated to this version. */
async function moveIntoPostgres(staged: string, url: string, onMove?: (at: MoveProgress) => void): Promise<MoveReport> {
  const source = openDatabase({ sqliteFile: staged });
  const target = openDatabase({ url });
  try {
    await migrateToLatest(source.db);
    await migrateToLatest(target.db);
    return await moveSqliteToPostgres(source.db, target.db, onMove);
  } finally {
    await source.close();
    await target.close();
  }
}

export async function restoreBackup(
  location: BackupLocation,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  if (location.dialect === 'postgres' && !location.databaseUrl) throw new Error('a PostgreSQL restore needs the database URL');
  const source = resolve(file);
  const exclude = [...(location.exclude ?? []), source];
  const header = await checkBackup(source, location, options.passphrase);
  const held = await targetContents(location, exclude);
  if (held.length > 0) {
    if (!options.force) {
      throw new BackupError(
        'target_not_empty',
        `the target is not empty: it holds ${held.join(' and ')}; restore into an empty data directory and database, or add --force to replace them`,
      );
    }
    if (location.dialect === 'sqlite') {
      for (const name of DATABASE_FILES) await rm(join(location.dataDir, name), { force: true });
    } else {
      await clearPostgres(location.databaseUrl as string);
    }
    for (const f of await listDataFiles(location.dataDir, exclude)) await rm(f.absolute, { force: true });
  }
  await mkdir(location.dataDir, { recursive: true });
  const { payload } = await open(source, options.passphrase);
  const report: RestoreReport = { createdAt: header.createdAt, dialect: header.dialect, databaseBytes: 0, files: 0 };
  const staged = join(location.dataDir, `${WORK_PREFIX}corespond.db`);
  let moving = false;
  try {
    for await (const { entry, body } of readArchive(payload)) {
      if (entry.kind === 'database') {
        report.databaseBytes = entry.size;
        moving = location.dialect === 'postgres' && entry.format === 'sqlite';
        if (location.dialect === 'sqlite' || moving) {
          await pipeline(Readable.from(body), createWriteStream(staged, { mode: 0o600 }));
        } else {
          await restorePostgres(location.databaseUrl as string, body);
        }
      } else {
        const target = placeIn(location.dataDir, entry.path);
        await mkdir(dirname(target), { recursive: true });
        await pipeline(Readable.from(body), createWriteStream(target));
        await chmod(target, entry.mode & 0o777);
        report.files++;
      }
    }
    if (location.dialect === 'sqlite') await rename(staged, join(location.dataDir, 'corespond.db'));
    else if (moving) report.moved = await moveIntoPostgres(staged, location.databaseUrl as string, options.onMove);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) await rm(`${staged}${suffix}`, { force: true });
  }
  if (options.afterRestore) {
    const database = openDatabase({ url: location.databaseUrl, dataDir: location.dataDir });
    try {
      await migrateToLatest(database.db);
      if (!options.auditKey) throw new Error('afterRestore needs the restored audit key');
      await options.afterRestore({
        db: database.db,
        dialect: database.dialect,
        now: () => new Date(),
        auditKey: options.auditKey(),
        dataDir: location.dataDir,
      });
    } finally {
      await database.close();
    }
  }
  return report;
}
