/**
 * `corespond backup`: the database as of one moment and the data directory's files, in one
 * file, while the server keeps serving. The database is copied first and the files after:
 * files are written before the rows that name them (an evidence photo before its need's
 * update), so every file the copied database names is in the backup.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DialectName } from '../../db/database';
import { type ArchiveSource, writeArchive } from './backup-archive';
import { writeBackupFile } from './backup-frames';
import { listDataFiles, WORK_PREFIX } from './data-files';
import { dumpPostgres, findPgTool, snapshotSqlite } from './database-dump';

/** Where the database and its files are. */
export interface BackupLocation {
  dialect: DialectName;
  dataDir: string;
  /** The PostgreSQL URL (PostgreSQL only). */
  databaseUrl?: string;
  /** Directories inside the data directory that are not part of it (the backup directory). */
  exclude?: string[];
}

/** Where the configured database and data directory are (the backup directory is left out of the files). */
export function backupLocationOf(config: { dataDir: string; databaseUrl?: string; backupDir?: string | null }): BackupLocation {
  const postgres = Boolean(config.databaseUrl && /^postgres(ql)?:\/\//.test(config.databaseUrl));
  return {
    dialect: postgres ? 'postgres' : 'sqlite',
    dataDir: config.dataDir,
    databaseUrl: postgres ? config.databaseUrl : undefined,
    exclude: config.backupDir ? [config.backupDir] : [],
  };
}

export interface BackupReport {
  file: string;
  bytes: number;
  databaseBytes: number;
  files: number;
  filesBytes: number;
  encrypted: boolean;
  startedAt: Date;
  ms: number;
}

export const UNENCRYPTED_WARNING =
  'warning: CORESPOND_BACKUP_KEY is not set, so this backup is NOT encrypted: it holds personal data and the audit key in the clear. Set CORESPOND_BACKUP_KEY to encrypt backups.';

/** Writes a backup to `out` (replacing it only once the new one is complete). */
export async function takeBackup(
  location: BackupLocation,
  out: string,
  options: { passphrase?: string; warn?: (message: string) => void; now?: () => Date } = {},
): Promise<BackupReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const started = performance.now();
  const target = resolve(out);
  // A missing pg_dump is said before anything else.
  if (location.dialect === 'postgres') findPgTool('pg_dump');
  if (!options.passphrase) (options.warn ?? ((m: string) => process.stderr.write(`${m}\n`)))(UNENCRYPTED_WARNING);
  // Work files beside the output: on the same disk, and the rename at the end is atomic.
  const work = await mkdtemp(join(dirname(target), WORK_PREFIX));
  const partial = join(dirname(target), `${WORK_PREFIX}${basename(target)}.partial`);
  try {
    const snapshot = join(work, 'database');
    if (location.dialect === 'sqlite') {
      await snapshotSqlite(join(location.dataDir, 'corespond.db'), snapshot);
    } else {
      if (!location.databaseUrl) throw new Error('a PostgreSQL backup needs the database URL');
      await dumpPostgres(location.databaseUrl, snapshot);
    }
    const databaseBytes = (await stat(snapshot)).size;
    const files = await listDataFiles(location.dataDir, [...(location.exclude ?? []), target, work, partial]);
    const sources: ArchiveSource[] = [
      {
        entry: { kind: 'database', format: location.dialect === 'sqlite' ? 'sqlite' : 'pg_dump', size: databaseBytes },
        file: snapshot,
      },
      ...files.map((f) => ({ entry: { kind: 'file' as const, path: f.path, size: f.size, mode: f.mode }, file: f.absolute })),
    ];
    const content = writeBackupFile(
      writeArchive(sources),
      { dialect: location.dialect, createdAt: startedAt },
      options.passphrase,
    );
    await pipeline(Readable.from(content), createWriteStream(partial, { mode: 0o600 }));
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    return {
      file: target,
      bytes: (await stat(target)).size,
      databaseBytes,
      files: files.length,
      filesBytes: files.reduce((sum, f) => sum + f.size, 0),
      encrypted: Boolean(options.passphrase),
      startedAt,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}
