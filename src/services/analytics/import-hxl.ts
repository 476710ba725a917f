/**
 * Imports a partner's HXL-tagged 3W table (CSV or XLSX): each data row below the hashtag row
 * becomes an activity of an organization — one on the platform when its credit code, else its
 * name, matches one; an external organization's otherwise. Each row is imported or refused on
 * its own, with its row number, the offending column's hashtag and the reason, like the roster
 * import; the same row imported again changes nothing. Coordinators import for their area,
 * platform admins anywhere.
 */
import { createHash } from 'node:crypto';
import {
  existingActivityKeys,
  insertExternalActivities,
  organizationsForMatching,
} from '../../db/repositories/external-activities';
import {
  findHashtagRow,
  type HxlActivity,
  hxlColumns,
  hxlRowToActivity,
  missingHxlColumns,
  type RowProblem,
} from '../../interop/hxl';
import { readGrid, sniffFormat } from '../../interop/spreadsheet';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { isWithin } from '../../model/jurisdictions';
import { recordChanges } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { placeStewarded } from '../disclosure';

export const HXL_IMPORT_ROW_LIMIT = 20_000;

export type HxlRowOutcome = 'created' | 'unchanged' | 'refused';
/** How a row's organization was found: by credit code, by name, or kept as external. */
export type HxlMatch = 'credit_code' | 'name' | 'external';

export interface HxlRowReport {
  row: number;
  outcome: HxlRowOutcome;
  name: string | null;
  match: HxlMatch | null;
  organizationId: string | null;
  problems: RowProblem[];
}

export interface HxlImportReport {
  /** The sheet row holding the hashtags. */
  hashtagRow: number;
  total: number;
  counts: Record<HxlRowOutcome, number>;
  rows: HxlRowReport[];
}

function assertCanImport(actor: Actor): string {
  const area = placeStewarded(actor);
  if (area === null)
    throw new AppError('forbidden', { detail: 'only coordinators (for their area) and platform admins import 3W tables' });
  return area;
}

function activityKey(organizationKey: string, a: HxlActivity): string {
  return createHash('sha256')
    .update([organizationKey, a.what, a.activity ?? '', a.jurisdiction, a.startsOn, a.endsOn ?? ''].join('\u001f'))
    .digest('hex');
}

export async function importHxl(deps: Deps, actor: Actor, content: Buffer): Promise<HxlImportReport> {
  const area = assertCanImport(actor);
  if (content.length === 0) throw new AppError('invalid_input', { field: 'file', detail: 'the file is empty' });
  const grid = await readGrid(content, sniffFormat(content));
  const cells = grid.rows.map((r) => r.cells);
  const at = findHashtagRow(cells);
  if (at < 0) {
    throw new AppError('invalid_input', {
      field: 'file',
      detail: 'no HXL hashtag row: no row has only hashtags such as #org+name, #sector, #adm1+code, #date+start',
    });
  }
  const columns = hxlColumns(cells[at] as string[]);
  const missing = missingHxlColumns(columns);
  if (missing.length) {
    throw new AppError('invalid_input', { field: 'file', detail: `the hashtag row lacks ${missing.join(', ')}` });
  }
  const data = grid.rows.slice(at + 1).filter((r) => r.cells.some((c) => c.trim()));
  if (data.length > HXL_IMPORT_ROW_LIMIT) {
    throw new AppError('invalid_input', {
      field: 'file',
      detail: `at most ${HXL_IMPORT_ROW_LIMIT} rows at a time (the file has ${data.length})`,
    });
  }

  const parsed = data.map((r) => ({ row: r.row, ...hxlRowToActivity(r.cells, columns) }));
  const wanted = parsed.flatMap((p) => (p.activity ? [p.activity] : []));
  const { byCode, byName } = await organizationsForMatching(
    deps.db,
    [...new Set(wanted.flatMap((a) => (a.creditCode ? [a.creditCode] : [])))],
    [...new Set(wanted.map((a) => a.organizationName))],
  );

  const now = nowIso(deps);
  const reports: HxlRowReport[] = [];
  const inserts: Parameters<typeof insertExternalActivities>[1][number][] = [];
  const keys = new Map<string, number>();
  for (const p of parsed) {
    const a = p.activity;
    if (!a) {
      reports.push({ row: p.row, outcome: 'refused', name: null, match: null, organizationId: null, problems: p.problems });
      continue;
    }
    if (area !== 'everywhere' && !isWithin(a.jurisdiction, area)) {
      reports.push({
        row: p.row,
        outcome: 'refused',
        name: a.organizationName,
        match: null,
        organizationId: null,
        problems: [{ field: '#adm1+code', message: `${a.jurisdiction} 不在您负责的区域 ${area} 之内` }],
      });
      continue;
    }
    const named = byName.get(a.organizationName) ?? [];
    const byCredit = a.creditCode ? byCode.get(a.creditCode) : undefined;
    // A name shared by several organizations on the platform matches none of them.
    const found = byCredit ?? (named.length === 1 ? named[0] : undefined);
    const match: HxlMatch = byCredit ? 'credit_code' : found ? 'name' : 'external';
    const organizationKey = found ? found.id : `external:${a.creditCode ?? a.organizationName}`;
    const key = activityKey(organizationKey, a);
    reports.push({
      row: p.row,
      outcome: 'created',
      name: a.organizationName,
      match,
      organizationId: found?.id ?? null,
      problems: [],
    });
    if (keys.has(key)) {
      // The same activity twice in one file: counted once.
      (reports[reports.length - 1] as HxlRowReport).outcome = 'unchanged';
      continue;
    }
    keys.set(key, reports.length - 1);
    inserts.push({
      id: newId(),
      key,
      organization_id: found?.id ?? null,
      organization_name: found?.name ?? a.organizationName,
      credit_code: a.creditCode,
      what: a.what,
      activity: a.activity,
      jurisdiction: a.jurisdiction,
      starts_on: a.startsOn,
      ends_on: a.endsOn,
      count: a.count,
      reached: a.reached,
      lat: a.lat,
      lon: a.lon,
      imported_by: actor.kind === 'user' ? actor.userId : actor.label,
      imported_at: now,
    });
  }

  await deps.db.transaction().execute(async (trx) => {
    const existing = await existingActivityKeys(
      trx,
      inserts.map((i) => i.key),
    );
    const fresh = inserts.filter((i) => !existing.has(i.key));
    for (const i of inserts) {
      if (existing.has(i.key)) (reports[keys.get(i.key) as number] as HxlRowReport).outcome = 'unchanged';
    }
    await insertExternalActivities(trx, fresh);
    await recordChanges(
      trx,
      deps,
      fresh.map((i) => ({
        actor,
        change: {
          action: 'activity.imported',
          entityType: 'externalActivity',
          entityId: i.id,
          after: {
            organizationId: i.organization_id,
            organizationName: i.organization_name,
            creditCode: i.credit_code,
            what: i.what,
            activity: i.activity,
            jurisdiction: i.jurisdiction,
            startsOn: i.starts_on,
            endsOn: i.ends_on,
            count: i.count,
            reached: i.reached,
          },
        },
      })),
    );
  });

  const counts: Record<HxlRowOutcome, number> = { created: 0, unchanged: 0, refused: 0 };
  for (const r of reports) counts[r.outcome]++;
  return { hashtagRow: (grid.rows[at] as { row: number }).row, total: reports.length, counts, rows: reports };
}
