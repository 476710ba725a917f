/**
 * Scheduled backups (CORESPOND_BACKUP_DIR): every CORESPOND_BACKUP_INTERVAL_HOURS one of the
 * servers sharing the database takes a backup into the directory and deletes the oldest
 * beyond CORESPOND_BACKUP_KEEP. A failure is reported and tried again within the hour; it
 * never stops the server.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { moveBackupTurn, takeBackupTurn } from '../../db/repositories/backup-schedule';
import type { Deps } from '../context';
import { copyRegisterTo } from '../retention/erasure-register';
import { type BackupLocation, type BackupReport, takeBackup } from './take-backup';

export interface BackupSchedule {
  dir: string;
  intervalHours: number;
  keep: number;
  passphrase?: string;
}

const HOUR = 3_600_000;
const SCHEDULED = /^corespond-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.backup$/;

/** The file name of a scheduled backup taken at `at`: names sort as times do. */
export function scheduledBackupName(at: Date): string {
  return `corespond-${at.toISOString().replace(/[:.]/g, '-')}.backup`;
}

/** Deletes the scheduled backups in `dir` beyond the newest `keep`; returns the names deleted. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => SCHEDULED.test(n)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}

/** Takes the scheduled backup if it is due and no other server took it; null when it was not our turn. */
export async function takeScheduledBackup(
  deps: Deps,
  location: BackupLocation,
  schedule: BackupSchedule,
  holder: string,
): Promise<(BackupReport & { deleted: string[] }) | null> {
  const now = deps.now();
  const nextDue = new Date(now.getTime() + schedule.intervalHours * HOUR);
  if (!(await takeBackupTurn(deps.db, holder, now.toISOString(), nextDue.toISOString()))) return null;
  try {
    await mkdir(schedule.dir, { recursive: true });
    const report = await takeBackup(
      { ...location, exclude: [...(location.exclude ?? []), schedule.dir] },
      join(schedule.dir, scheduledBackupName(now)),
      // The unencrypted warning is the server's to log, once at start.
      { passphrase: schedule.passphrase, warn: () => undefined, now: deps.now },
    );
    // The register of erasures beside the backups: a restore re-applies it (see corespond restore).
    await copyRegisterTo(deps, schedule.dir);
    return { ...report, deleted: await pruneBackups(schedule.dir, schedule.keep) };
  } catch (error) {
    const retry = new Date(now.getTime() + Math.min(schedule.intervalHours * HOUR, HOUR));
    await moveBackupTurn(deps.db, holder, retry.toISOString()).catch(() => undefined);
    throw error;
  }
}

export interface BackupScheduler {
  /** Stops the schedule, after the backup in progress (if any) is done. */
  stop(): Promise<void>;
}

/** Checks once a minute (and at start) whether a scheduled backup is due. */
export function startBackupSchedule(
  deps: Deps,
  location: BackupLocation,
  schedule: BackupSchedule,
  hooks: {
    onBackup?: (report: BackupReport & { deleted: string[] }) => void;
    onError: (error: unknown) => void;
    everyMs?: number;
  },
): BackupScheduler {
  const holder = randomUUID();
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = takeScheduledBackup(deps, location, schedule, holder)
      .then(
        (report) => {
          if (report) hooks.onBackup?.(report);
        },
        (error: unknown) => hooks.onError(error),
      )
      .finally(() => {
        busy = false;
      });
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, hooks.everyMs ?? 60_000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
