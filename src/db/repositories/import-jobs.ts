/** Import jobs: progress and report of a roster import, readable from any API node. */
import type { Executor, ImportJobsTable } from '../schema';

export type ImportJobStatus = 'running' | 'done' | 'failed';

export interface ImportJob<R = unknown> {
  id: string;
  kind: string;
  actorId: string;
  fileName: string | null;
  status: ImportJobStatus;
  total: number;
  processed: number;
  report: R | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const toJob = <R>(r: ImportJobsTable): ImportJob<R> => ({
  id: r.id,
  kind: r.kind,
  actorId: r.actor_id,
  fileName: r.file_name,
  status: r.status as ImportJobStatus,
  total: Number(r.total),
  processed: Number(r.processed),
  report: r.report ? (JSON.parse(r.report) as R) : null,
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export async function insertImportJob(db: Executor, job: ImportJob): Promise<void> {
  await db
    .insertInto('import_jobs')
    .values({
      id: job.id,
      kind: job.kind,
      actor_id: job.actorId,
      file_name: job.fileName,
      status: job.status,
      total: job.total,
      processed: job.processed,
      report: job.report === null ? null : JSON.stringify(job.report),
      error: job.error,
      created_at: job.createdAt,
      finished_at: job.finishedAt,
    })
    .execute();
}

export async function updateImportProgress(db: Executor, id: string, processed: number): Promise<void> {
  await db.updateTable('import_jobs').set({ processed }).where('id', '=', id).execute();
}

export async function finishImportJob(
  db: Executor,
  id: string,
  end: { status: Exclude<ImportJobStatus, 'running'>; report: unknown; error: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({
      status: end.status,
      report: end.report === null ? null : JSON.stringify(end.report),
      error: end.error,
      finished_at: end.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function findImportJob<R>(db: Executor, id: string): Promise<ImportJob<R> | undefined> {
  const row = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob<R>(row) : undefined;
}
