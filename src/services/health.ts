/**
 * Health and readiness: alive needs nothing but the process answering; ready needs the
 * database to answer and its schema to be the one this version expects. Also what waits in
 * the background queues, for the metrics.
 */

import { type PoolStats, poolStats } from '../db/database';
import { type GroupCommitted, groupCommits } from '../db/group-commit';
import { pendingMigrations } from '../db/migrate';
import { readAuditHead } from '../db/repositories/audit';
import { countUnfinishedImportJobs } from '../db/repositories/import-jobs';
import { countPendingDeliveries } from '../db/repositories/webhooks';
import type { Deps } from './context';

/** Throws when the database does not answer. */
export async function checkDatabase(deps: Deps): Promise<void> {
  await readAuditHead(deps.db);
}

export type Readiness =
  | { ready: true }
  | { ready: false; reason: 'database_unreachable'; detail: string }
  | { ready: false; reason: 'migrations_pending'; pending: string[] };

/** Whether the server may take traffic: the database answers and no migration is pending. */
export async function checkReadiness(deps: Deps): Promise<Readiness> {
  let pending: string[];
  try {
    await checkDatabase(deps);
    pending = await pendingMigrations(deps.db);
  } catch (error) {
    return { ready: false, reason: 'database_unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
  return pending.length === 0 ? { ready: true } : { ready: false, reason: 'migrations_pending', pending };
}

export interface Backlogs {
  /** Import jobs not finished yet, by kind and status. */
  importJobs: { kind: string; status: string; count: number }[];
  /** Webhook deliveries waiting to be posted. */
  webhookDeliveries: number;
}

/** What waits in the background queues kept in the database (shared by every node). */
export async function readBacklogs(deps: Deps): Promise<Backlogs> {
  const [importJobs, webhookDeliveries] = await Promise.all([
    countUnfinishedImportJobs(deps.db),
    countPendingDeliveries(deps.db),
  ]);
  return { importJobs, webhookDeliveries };
}

/** The database connections this process holds (PostgreSQL's pool; null for SQLite's one connection). */
export function databaseConnections(deps: Pick<Deps, 'db'>): PoolStats | null {
  return poolStats(deps.db);
}

/** The channel each group commit (batch size, waits) is published on, for the metrics to observe. */
export const groupCommitEvents = groupCommits;
export type { GroupCommitted };
