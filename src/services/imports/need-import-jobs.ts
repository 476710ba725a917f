/**
 * Imports of needs from spreadsheets as jobs: the file is read and a column mapping proposed
 * at once; the job waits (`awaiting_mapping`) until a coordinator confirms or corrects the
 * mapping (or it was accepted with the upload, `?mapping=auto`), then its rows are imported in
 * the background with progress written as they go, and the report is kept with the job. The
 * sheet's rows are kept with the job only until they are imported.
 */
import {
  confirmImportMapping,
  findImportJob,
  finishImportJob,
  type ImportJob,
  importSheet,
  insertImportJob,
  updateImportProgress,
} from '../../db/repositories/import-jobs';
import { findIncident } from '../../db/repositories/incidents';
import { mappingProblems, type NeedSheetField, proposeSheet, type SheetColumn } from '../../interop/need-sheet-mapping';
import { readGrid } from '../../interop/spreadsheet';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { ServiceCategory } from '../../model/taxonomy';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { canCoordinateIncident } from '../policy';
import { importNeeds, type NeedImportReport, type SheetRows } from './import-needs';

const MAX_ROWS = 20_000;
const DEFAULT_CATEGORY: ServiceCategory = 'search_rescue';

export interface NeedImportMapping {
  columns: SheetColumn[];
}
export interface NeedImportOptions {
  defaultCategory: ServiceCategory;
}
export type NeedImportJob = ImportJob<NeedImportReport, NeedImportMapping, NeedImportOptions>;

/** Who may import needs into an incident: its coordinators (an area sharing ground with it) and platform admins. */
function assertCanImportNeeds(actor: Actor, jurisdictions: readonly string[]): void {
  if (canCoordinateIncident(actor, jurisdictions)) return;
  throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
}

/** Reads the file, proposes the mapping and records the job; with `auto`, accepts the proposal and starts at once. */
export async function startNeedImport(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  file: { content: Buffer; name: string | null },
  options: { auto: boolean; defaultCategory?: ServiceCategory },
): Promise<{ job: NeedImportJob; done: Promise<void> }> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found');
  assertCanImportNeeds(actor, incident.jurisdictions);
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
  const sheet = proposeSheet(await readGrid(file.content));
  if (!sheet || sheet.rows.length === 0) {
    throw new AppError('invalid_input', { field: 'file', detail: 'the file has no header row with data rows below it' });
  }
  if (sheet.rows.length > MAX_ROWS) {
    throw new AppError('invalid_input', { field: 'file', detail: `at most ${MAX_ROWS} rows per file; split the sheet` });
  }
  const job: NeedImportJob = {
    id: newId(),
    kind: 'needs',
    actorId: actorId(actor),
    fileName: file.name,
    status: 'awaiting_mapping',
    total: sheet.rows.length,
    processed: 0,
    report: null,
    error: null,
    createdAt: nowIso(deps),
    finishedAt: null,
    incidentId,
    options: { defaultCategory: options.defaultCategory ?? DEFAULT_CATEGORY },
    mapping: { columns: sheet.columns },
  };
  const rows: SheetRows = { rows: sheet.rows };
  await insertImportJob(deps.db, job, rows);
  if (!options.auto) return { job, done: Promise.resolve() };
  return confirmNeedMapping(
    deps,
    actor,
    job.id,
    sheet.columns.map(({ index, field }) => ({ index, field })),
    options.defaultCategory,
  );
}

/**
 * Confirms (or corrects) the mapping of a job awaiting it, by column position; columns not
 * named are ignored. Starts the import in the background and answers the running job.
 */
export async function confirmNeedMapping(
  deps: Deps,
  actor: Actor,
  jobId: string,
  chosen: { index: number; field: NeedSheetField }[],
  defaultCategory?: ServiceCategory,
): Promise<{ job: NeedImportJob; done: Promise<void> }> {
  const job = await getNeedImportJob(deps, actor, jobId);
  const incident = job.incidentId ? await findIncident(deps.db, job.incidentId) : undefined;
  if (!incident) throw new AppError('not_found');
  assertCanImportNeeds(actor, incident.jurisdictions);
  if (job.status !== 'awaiting_mapping') throw new AppError('import_not_awaiting_mapping');
  const proposed = job.mapping?.columns ?? [];
  const problems = mappingProblems(proposed.length, chosen);
  if (problems.length) throw new AppError('invalid_input', { field: 'columns', detail: problems.join('; ') });
  const fields = new Map(chosen.map((c) => [c.index, c.field]));
  const columns = proposed.map((c) => ({ ...c, field: fields.get(c.index) ?? 'ignore' }));
  const options: NeedImportOptions = { defaultCategory: defaultCategory ?? job.options?.defaultCategory ?? DEFAULT_CATEGORY };
  if (!(await confirmImportMapping(deps.db, job.id, { columns }, options))) throw new AppError('import_not_awaiting_mapping');
  const running: NeedImportJob = { ...job, status: 'running', mapping: { columns }, options };
  const done = (async () => {
    try {
      const sheet = (await importSheet<SheetRows>(deps.db, job.id)) ?? { rows: [] };
      let written = 0;
      const report = await importNeeds(
        deps,
        actor,
        { id: job.id, incidentId: incident.id, columns, defaultCategory: options.defaultCategory },
        sheet,
        async (processed, total) => {
          if (processed - written >= 10 || processed === total) {
            written = processed;
            await updateImportProgress(deps.db, job.id, processed);
          }
        },
      );
      await finishImportJob(deps.db, job.id, { status: 'done', report, error: null, at: nowIso(deps) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishImportJob(deps.db, job.id, { status: 'failed', report: null, error: message, at: nowIso(deps) });
    }
  })();
  return { job: running, done };
}

/** An import of needs, for the one who started it or a platform admin (it holds the sheet's own data). */
export async function getNeedImportJob(deps: Deps, actor: Actor, id: string): Promise<NeedImportJob> {
  const job = await findImportJob<NeedImportReport, NeedImportMapping, NeedImportOptions>(deps.db, id);
  if (!job || job.kind !== 'needs') throw new AppError('not_found');
  const mayRead = actor.kind === 'system' || actor.role === 'platform_admin' || actorId(actor) === job.actorId;
  if (!mayRead) throw new AppError('forbidden');
  return job;
}
