/**
 * Backup and restore of the demo network and of a database with 1,000,000 needs: `takeBackup`
 * (encrypted, as CORESPOND_BACKUP_KEY makes it) and `restoreBackup` into an empty target.
 * Baseline, measured in the same run on the same data: the plain copy of the database that
 * the engine's own tool makes — for SQLite a file copy of the (checkpointed) database file,
 * for PostgreSQL a bare `pg_dump -Fc` to a file. ratio = baseline time ÷ backup time of the
 * 1,000,000-need database (1.0: the consistent, encrypted one-file backup costs nothing over a
 * plain copy; higher is better). On a SQLite run with BENCH_POSTGRES_URL, each SQLite backup is
 * also moved into an empty PostgreSQL database (a restore across dialects), timed.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadAuditKey } from '../src/config';
import { insertInChunks } from '../src/db/bulk';
import type { NeedsTable } from '../src/db/schema';
import { URGENCIES } from '../src/model/need';
import { SERVICE_CATEGORIES } from '../src/model/taxonomy';
import { findPgTool } from '../src/services/backup/database-dump';
import { restoreBackup } from '../src/services/backup/restore-backup';
import { type BackupLocation, takeBackup } from '../src/services/backup/take-backup';
import type { Actor, Deps } from '../src/services/context';
import { DEMO_PASSWORD, loadDemoNetwork } from '../src/services/demo/demo-network';
import { declareIncident } from '../src/services/incidents/manage-incidents';
import { createFirstAdmin } from '../src/services/users/set-up-platform';
import { type BenchContext, summary } from './harness';
import { needRow, seeded } from './seed';

const TOTAL = Number(process.env.BENCH_NEEDS ?? 1_000_000);
const KEY = 'benchmark backup passphrase';
/**
 * With BENCH_POSTGRES_URL set on a SQLite run: the SQLite backup restored into an empty
 * PostgreSQL database (the move of an office outgrowing SQLite), timed.
 */
const MOVE_INTO = process.env.BENCH_POSTGRES_URL;

const seconds = (since: number) => (performance.now() - since) / 1000;

async function emptyPostgres(url: string, name: string): Promise<string> {
  const adminUrl = url.replace(/\/[^/]+$/, '/postgres');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return url.replace(/\/[^/]+$/, `/${name}`);
}

async function dropPostgres(url: string): Promise<void> {
  const name = url.split('/').pop();
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** Backs up and restores what `source` holds now; returns the seconds of each and the sizes. */
async function roundTrip(source: BackupLocation, work: string, label: string, log: (m: string) => void) {
  const file = join(work, `${label}.backup`);
  let started = performance.now();
  const report = await takeBackup(source, file, { passphrase: KEY });
  const backupS = seconds(started);
  const target: BackupLocation = { dialect: source.dialect, dataDir: join(work, `${label}-restored`) };
  if (source.dialect === 'postgres') target.databaseUrl = await emptyPostgres(source.databaseUrl as string, `restore_${label}`);
  started = performance.now();
  await restoreBackup(target, file, { passphrase: KEY });
  const restoreS = seconds(started);
  if (target.databaseUrl) await dropPostgres(target.databaseUrl);
  rmSync(target.dataDir, { recursive: true, force: true });
  log(`${label}: backup ${backupS.toFixed(2)} s (${(report.bytes / 1e6).toFixed(1)} MB), restore ${restoreS.toFixed(2)} s`);
  const moveS = MOVE_INTO ? await moveIntoPostgres(source, file, label, work) : null;
  if (moveS !== null) log(`${label}: the SQLite backup moved into PostgreSQL in ${moveS.toFixed(2)} s`);
  return { backupS, restoreS, moveS, mb: report.bytes / 1e6, databaseMb: report.databaseBytes / 1e6 };
}

async function moveIntoPostgres(source: BackupLocation, file: string, label: string, work: string): Promise<number | null> {
  if (source.dialect !== 'sqlite' || !MOVE_INTO) return null;
  const target: BackupLocation = {
    dialect: 'postgres',
    dataDir: join(work, `${label}-moved`),
    databaseUrl: await emptyPostgres(MOVE_INTO, `move_${label}`),
  };
  const started = performance.now();
  await restoreBackup(target, file, { passphrase: KEY });
  const moveS = seconds(started);
  await dropPostgres(target.databaseUrl as string);
  rmSync(target.dataDir, { recursive: true, force: true });
  return moveS;
}

/** The engine's plain copy of the database, timed: the baseline. */
function plainCopy(source: BackupLocation, work: string): number {
  const started = performance.now();
  if (source.dialect === 'sqlite') {
    copyFileSync(join(source.dataDir, 'corespond.db'), join(work, 'plain-copy.db'));
  } else {
    execFileSync(findPgTool('pg_dump'), [
      '--format=custom',
      '--file',
      join(work, 'plain.dump'),
      '--dbname',
      source.databaseUrl as string,
    ]);
  }
  return seconds(started);
}

export default async function backupBench({ database, location, log }: BenchContext): Promise<string> {
  const { db } = database;
  const work = mkdtempSync(join(tmpdir(), 'corespond-bench-backup-'));
  const dataDir = location?.dataDir ?? join(work, 'data');
  const source: BackupLocation = { dialect: database.dialect, dataDir, databaseUrl: location?.url };
  const deps: Deps = { db, dialect: database.dialect, now: () => new Date(), auditKey: loadAuditKey(dataDir, {}), dataDir };
  try {
    log(`loading the demo network (${database.dialect})…`);
    await createFirstAdmin(deps, { email: 'admin@bench.corespond.cn', password: DEMO_PASSWORD, displayName: 'admin' }, 'demo');
    await loadDemoNetwork(deps);
    const demo = await roundTrip(source, work, 'demo', log);

    log(`seeding ${TOTAL} needs…`);
    const system: Actor = { kind: 'system', label: 'bench' };
    const incidentId = (
      await declareIncident(deps, system, {
        name: '基准备份事件',
        category: 'natural_disaster',
        type: '洪涝',
        level: 1,
        jurisdictions: ['410000'],
      })
    ).id;
    const random = seeded(15);
    const at = new Date().toISOString();
    const seeding = performance.now();
    for (let done = 0; done < TOTAL; ) {
      const rows: NeedsTable[] = [];
      for (let i = 0; i < 5000 && done < TOTAL; i++, done++) {
        rows.push(
          needRow({
            id: randomUUID(),
            incident_id: incidentId,
            title: `需求 ${done}`,
            category: SERVICE_CATEGORIES[done % SERVICE_CATEGORIES.length],
            quantity: 1 + (done % 20),
            jurisdiction: '410105',
            lat: 32.5 + random() * 3,
            lon: 112 + random() * 3,
            urgency: URGENCIES[done % URGENCIES.length],
            contact_name: done % 3 === 0 ? '王先生' : null,
            contact_phone: done % 3 === 0 ? `139${String(done).padStart(8, '0')}` : null,
            created_at: at,
          }),
        );
      }
      await db.transaction().execute((trx) => insertInChunks(trx, 'needs', rows));
      if (done % 200_000 === 0) log(`  ${done} (${seconds(seeding).toFixed(0)} s)`);
    }
    if (database.dialect === 'sqlite') {
      // The plain copy needs the write-ahead log folded into the file.
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    }
    const big = await roundTrip(source, work, 'million', log);
    const baselineS = plainCopy(source, work);
    log(`plain copy (${database.dialect === 'sqlite' ? 'file copy' : 'pg_dump -Fc'}): ${baselineS.toFixed(2)} s`);
    return summary('backup', baselineS / big.backupS, {
      dialect: database.dialect,
      demo_backup_s: demo.backupS,
      demo_restore_s: demo.restoreS,
      demo_mb: demo.mb,
      needs: TOTAL,
      backup_s: big.backupS,
      restore_s: big.restoreS,
      backup_mb: big.mb,
      database_mb: big.databaseMb,
      backup_mb_per_s: big.databaseMb / big.backupS,
      plain_copy_s: baselineS,
      ...(demo.moveS !== null ? { demo_move_to_postgres_s: demo.moveS } : {}),
      ...(big.moveS !== null ? { move_to_postgres_s: big.moveS } : {}),
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
