/** Import jobs: progress and report of a roster or needs import, readable from any API node. */
import type { Executor, ImportJobsTable } from '../schema';

export type ImportJobStatus = 'awaiting_mapping' | 'running' | 'done' | 'failed';

export interface ImportJob<R = unknown, M = unknown, O = unknown> {
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
  /** Imports of needs: the incident, the options, and the proposed or confirmed column mapping. */
  incidentId?: string | null;
  options?: O | null;
  mapping?: M | null;
}

const parsed = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

const toJob = <R, M, O>(r: ImportJobsTable): ImportJob<R, M, O> => ({
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
  incidentId: r.incident_id,
  options: parsed<O>(r.options),
  mapping: parsed<M>(r.mapping),
});

/** Records a job; an import of needs also keeps the sheet's rows until they are imported. */
export async function insertImportJob(db: Executor, job: ImportJob, sheet: unknown = null): Promise<void> {
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
      incident_id: job.incidentId ?? null,
      options: job.options === undefined || job.options === null ? null : JSON.stringify(job.options),
      mapping: job.mapping === undefined || job.mapping === null ? null : JSON.stringify(job.mapping),
      sheet: sheet === null ? null : JSON.stringify(sheet),
    })
    .execute();
}

/**
 * Confirms the mapping of a job awaiting it and sets it running; false when the job was not
 * awaiting its mapping (confirmed already, perhaps at the same moment on another node).
 */
export async function confirmImportMapping(db: Executor, id: string, mapping: unknown, options: unknown): Promise<boolean> {
  const result = await db
    .updateTable('import_jobs')
    .set({ status: 'running', mapping: JSON.stringify(mapping), options: JSON.stringify(options) })
    .where('id', '=', id)
    .where('status', '=', 'awaiting_mapping')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The rows an import of needs keeps until they are imported. */
export async function importSheet<S>(db: Executor, id: string): Promise<S | null> {
  const row = await db.selectFrom('import_jobs').select('sheet').where('id', '=', id).executeTakeFirst();
  return parsed<S>(row?.sheet ?? null);
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
      // The rows are let go once imported: the needs hold them now.
      sheet: null,
    })
    .where('id', '=', id)
    .execute();
}

export async function findImportJob<R, M = unknown, O = unknown>(
  db: Executor,
  id: string,
): Promise<ImportJob<R, M, O> | undefined> {
  const row = await db
    .selectFrom('import_jobs')
    .select([
      'id',
      'kind',
      'actor_id',
      'file_name',
      'status',
      'total',
      'processed',
      'report',
      'error',
      'created_at',
      'finished_at',
      'incident_id',
      'options',
      'mapping',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toJob<R, M, O>({ ...row, sheet: null }) : undefined;
}

/** Unfinished jobs (awaiting a mapping or running) counted by kind and status. */
export async function countUnfinishedImportJobs(db: Executor): Promise<{ kind: string; status: string; count: number }[]> {
  const rows = await db
    .selectFrom('import_jobs')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', 'not in', ['done', 'failed'])
    .groupBy(['kind', 'status'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.n) }));
}
