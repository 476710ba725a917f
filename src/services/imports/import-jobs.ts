/**
 * Roster imports started from the web: the job is recorded, rows are processed in the
 * background with progress written as they go, and the report is kept with the job.
 */

import {
  findImportJob,
  finishImportJob,
  type ImportJob,
  insertImportJob,
  updateImportProgress,
} from '../../db/repositories/import-jobs';
import { readTable } from '../../interop/spreadsheet';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { assertCanCreateOrganizations } from '../policy';
import { type ImportReport, importOrganizations } from './import-organizations';

const MAX_ROWS = 20_000;

/** Reads the file, records the job and starts it; returns at once with the job. */
export async function startOrganizationImport(
  deps: Deps,
  actor: Actor,
  file: { content: Buffer; name: string | null },
): Promise<{ job: ImportJob<ImportReport>; done: Promise<void> }> {
  assertCanCreateOrganizations(actor);
  const table = await readTable(file.content);
  if (table.rows.length === 0) throw new AppError('invalid_input', { field: 'file', detail: 'the file has no data rows' });
  if (table.rows.length > MAX_ROWS) {
    throw new AppError('invalid_input', { field: 'file', detail: `at most ${MAX_ROWS} rows per file; split the roster` });
  }
  const job: ImportJob<ImportReport> = {
    id: newId(),
    kind: 'organizations',
    actorId: actorId(actor),
    fileName: file.name,
    status: 'running',
    total: table.rows.length,
    processed: 0,
    report: null,
    error: null,
    createdAt: nowIso(deps),
    finishedAt: null,
  };
  await insertImportJob(deps.db, job);
  const done = (async () => {
    try {
      let written = 0;
      const report = await importOrganizations(deps, actor, table, async (processed, total) => {
        // Progress is written every few rows and at the end, not on every row.
        if (processed - written >= 10 || processed === total) {
          written = processed;
          await updateImportProgress(deps.db, job.id, processed);
        }
      });
      await finishImportJob(deps.db, job.id, { status: 'done', report, error: null, at: nowIso(deps) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishImportJob(deps.db, job.id, { status: 'failed', report: null, error: message, at: nowIso(deps) });
    }
  })();
  return { job, done };
}

/** A job's progress and report, for the one who started it or a platform admin. */
export async function getImportJob(deps: Deps, actor: Actor, id: string): Promise<ImportJob<ImportReport>> {
  const job = await findImportJob<ImportReport>(deps.db, id);
  if (!job) throw new AppError('not_found');
  const mayRead = actor.kind === 'system' || actor.role === 'platform_admin' || actorId(actor) === job.actorId;
  if (!mayRead) throw new AppError('forbidden');
  return job;
}
