/** An empty place to restore a backup into: a new data directory and, for PostgreSQL, a new database of the run's cluster. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DialectName } from '../../src/db/database';
import type { BackupLocation } from '../../src/services/backup/take-backup';

export interface RestoreTarget {
  location: BackupLocation;
  /** How the CLI reaches it. */
  env: { CORESPOND_DATA_DIR: string; DATABASE_URL?: string };
  drop(): Promise<void>;
}

/** An empty data directory and (PostgreSQL) an empty database to restore into. */
export async function freshTarget(dialect: DialectName): Promise<RestoreTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'corespond-restore-'));
  if (dialect === 'sqlite') {
    return {
      location: { dialect, dataDir },
      env: { CORESPOND_DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject('postgresUrl') as string;
  const name = `r_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return {
    location: { dialect, dataDir, databaseUrl: url },
    env: { CORESPOND_DATA_DIR: dataDir, DATABASE_URL: url },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
