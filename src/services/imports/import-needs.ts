/**
 * Imports the rows of a needs spreadsheet into an incident, a few dozen rows per transaction.
 * Each row is read through the confirmed mapping and then: refused (field and reason); or,
 * when a row of the same identity was imported before, left unchanged or — newly marked done —
 * its need closed (`resolved_before_import`); or made a need: closed at once when marked done,
 * flagged when the duplicate check finds it repeats an existing need or an earlier row, and
 * waiting to be located when it has an address but no coordinates. A row's identity is the
 * sheet's own number when a column holds it, else its phone, place and words.
 */

import { createHash } from 'node:crypto';
import { findIncident } from '../../db/repositories/incidents';
import { importedRows, rememberImportedRows } from '../../db/repositories/need-import-rows';
import { findNeed, flagDuplicates, insertFirstNeedEvents, insertNeeds } from '../../db/repositories/needs';
import type { Executor } from '../../db/schema';
import { type RowProblem, readSheetNeed, type SheetNeed } from '../../interop/need-sheet';
import { NEED_ROW_OUTCOMES, type NeedRowOutcome, type SheetColumn } from '../../interop/need-sheet-mapping';
import { addressKey } from '../../matching/duplicates';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Incident } from '../../model/incident';
import { areaPrefix, findJurisdiction, jurisdictionNamedIn, overlaps } from '../../model/jurisdictions';
import { SERVICE_CATEGORY_LABELS } from '../../model/labels';
import type { Need } from '../../model/need';
import { searchKey } from '../../model/search-text';
import type { ServiceCategory } from '../../model/taxonomy';
import { recordChanges } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { duplicatesOf, noteReported } from '../needs/duplicate-check';
import { closeBeforeImport } from '../needs/manage-needs';
import { needCreated } from '../notifications/event-facts';

export interface NeedRowReport {
  row: number;
  outcome: NeedRowOutcome;
  needId: string | null;
  problems: RowProblem[];
}

export interface NeedImportReport {
  total: number;
  counts: Record<NeedRowOutcome, number>;
  rows: NeedRowReport[];
}

/** The rows kept with a job until they are imported. */
export interface SheetRows {
  rows: { row: number; cells: string[]; struck: boolean }[];
}

const CHUNK = 50;

/** The area of a row: its area column (a code or a name), else place names in its address and words, else the incident's. */
function areaOf(need: SheetNeed, incident: Incident): { code?: string; problem?: RowProblem } {
  const areas = incident.jurisdictions;
  if (need.area) {
    const code = /^\d{6}$/.test(need.area) ? need.area : jurisdictionNamedIn(need.area, areas);
    if (code && findJurisdiction(code) && areas.some((a) => overlaps(code, a))) return { code };
    return { problem: { field: 'jurisdiction', message: `不在本事件的受灾区域内：${need.area}` } };
  }
  const named = jurisdictionNamedIn(`${need.address ?? ''} ${need.text}`, areas);
  if (named) return { code: named };
  return { code: areas.length === 1 ? areas[0] : commonArea(areas) };
}

/** The smallest area holding all of an incident's areas (their province when they span cities). */
function commonArea(areas: readonly string[]): string {
  for (const candidate of [areas[0], `${areas[0].slice(0, 4)}00`, `${areas[0].slice(0, 2)}0000`]) {
    if (findJurisdiction(candidate) && areas.every((a) => a.startsWith(areaPrefix(candidate)))) return candidate;
  }
  return areas[0];
}

/** A row's identity within its incident, as a digest (it is made of a phone, a place and words). */
function identityOf(need: SheetNeed): string {
  const basis = need.number
    ? `number:${searchKey(need.number)}`
    : `row:${need.contactPhone ?? ''}|${addressKey(need.address)}|${need.place ? `${need.place.lat},${need.place.lon}` : ''}|${searchKey(need.text)}`;
  return createHash('sha256').update(basis).digest('hex');
}

function makeNeed(
  deps: Deps,
  actor: Actor,
  incident: Incident,
  read: SheetNeed,
  jurisdiction: string,
  defaultCategory: ServiceCategory,
): Need {
  const at = nowIso(deps);
  const category = read.category ?? defaultCategory;
  // The title is public: made from the category and the area only, never from the row's words.
  const title = `${SERVICE_CATEGORY_LABELS[category].zh}求助 · ${findJurisdiction(jurisdiction)?.name ?? jurisdiction}`;
  const need: Need = {
    id: newId(),
    incidentId: incident.id,
    title,
    description: read.description,
    kind: 'agent_generated',
    category,
    quantity: 1,
    unit: '项',
    item: null,
    jurisdiction,
    lat: read.place?.lat ?? null,
    lon: read.place?.lon ?? null,
    locationNeeded: read.place === null,
    urgency: read.urgency,
    vulnerableGroups: [],
    peopleAffected: read.peopleAffected,
    contactName: read.contactName,
    contactPhone: read.contactPhone,
    address: read.address,
    source: 'coordinator',
    // A sheet's rows were not checked by the coordinator who imports them.
    verification: { level: 'unverified', by: null, at: null },
    status: 'open',
    claimedQuantity: 0,
    fulfilledQuantity: 0,
    closeReason: null,
    closeNote: null,
    duplicateOf: null,
    receiptCode: null,
    createdBy: actorId(actor),
    createdAt: at,
    updatedAt: at,
  };
  return read.done ? closedBeforeImport(need, read.status) : need;
}

/** A new need of a row marked done: closed as it is made. */
function closedBeforeImport(need: Need, status: string | null): Need {
  return { ...need, status: 'closed', closeReason: 'resolved_before_import', closeNote: status ?? '表格中已标记为完成' };
}

interface Fresh {
  row: number;
  key: string;
  need: Need;
  reportedAt: string | null;
  report: NeedRowReport;
}

/** One transaction's worth of rows. */
async function importChunk(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  job: { id: string; incident: Incident; columns: SheetColumn[]; defaultCategory: ServiceCategory; year: number },
  rows: SheetRows['rows'],
  seen: Map<string, string>,
): Promise<NeedRowReport[]> {
  const reports: NeedRowReport[] = [];
  const reads = rows.map((r) => ({ r, ...readSheetNeed(r.cells, job.columns, { year: job.year, struck: r.struck }) }));
  const keys = reads.flatMap((x) => (x.need ? [identityOf(x.need)] : []));
  const earlier = await importedRows(trx, job.incident.id, keys);
  const fresh: Fresh[] = [];
  for (const { r, need: read, problems } of reads) {
    if (!read) {
      reports.push({ row: r.row, outcome: 'refused', needId: null, problems });
      continue;
    }
    const key = identityOf(read);
    const pending = fresh.find((f) => f.key === key);
    if (pending) {
      // The same row twice in one chunk: its need is not written yet.
      const closes = read.done && !pending.need.closeReason;
      if (closes) pending.need = closedBeforeImport(pending.need, read.status);
      reports.push({ row: r.row, outcome: closes ? 'closed' : 'unchanged', needId: pending.need.id, problems: [] });
      continue;
    }
    const known = earlier.get(key) ?? seen.get(key);
    if (known) {
      const need = await findNeed(trx, known);
      if (need && read.done && !need.closeReason) {
        await closeBeforeImport(trx, deps, actor, need, read.status);
        reports.push({ row: r.row, outcome: 'closed', needId: known, problems: [] });
      } else reports.push({ row: r.row, outcome: 'unchanged', needId: known, problems: [] });
      continue;
    }
    const area = areaOf(read, job.incident);
    if (!area.code) {
      reports.push({ row: r.row, outcome: 'refused', needId: null, problems: area.problem ? [area.problem] : [] });
      continue;
    }
    const need = makeNeed(deps, actor, job.incident, read, area.code, job.defaultCategory);
    seen.set(key, need.id);
    const report: NeedRowReport = { row: r.row, outcome: 'created', needId: need.id, problems: [] };
    fresh.push({ row: r.row, key, need, reportedAt: read.reportedAt, report });
    reports.push(report);
  }
  await writeFresh(trx, deps, actor, job.id, fresh);
  return reports;
}

/** Writes the new needs of a chunk with their duplicate flags, history, identities and audit records. */
async function writeFresh(trx: Executor, deps: Deps, actor: Actor, importId: string, fresh: Fresh[]): Promise<void> {
  if (fresh.length === 0) return;
  const needs = fresh.map((f) => f.need);
  const duplicates = await duplicatesOf(trx, deps, needs);
  const at = nowIso(deps);
  await insertNeeds(trx, needs);
  await flagDuplicates(
    trx,
    fresh.flatMap((f, i) =>
      duplicates[i].map((d) => ({ needId: f.need.id, candidateId: d.id, score: d.score, reasons: d.reasons })),
    ),
    at,
  );
  await insertFirstNeedEvents(
    trx,
    fresh.map((f, i) => ({
      needId: f.need.id,
      kind: 'reported',
      detail: {
        source: 'import',
        importId,
        row: f.row,
        reportedAt: f.reportedAt,
        possibleDuplicates: duplicates[i].map((d) => d.id),
      },
      actor: actorId(actor),
      at,
    })),
  );
  await rememberImportedRows(
    trx,
    fresh.map((f) => ({ incidentId: f.need.incidentId, key: f.key, needId: f.need.id, importId, at })),
  );
  const seqs = await recordChanges(
    trx,
    deps,
    fresh.map((f) => ({
      actor,
      change: {
        action: 'need.import',
        entityType: 'need',
        entityId: f.need.id,
        after: f.need,
        live: { incidentId: f.need.incidentId, kind: 'need' },
        event: needCreated(f.need),
      },
    })),
  );
  // Closed ones are read back from the log by the duplicate check, which then leaves them out.
  noteReported(
    deps,
    fresh.flatMap((f, i) => (f.need.closeReason ? [] : [{ seq: seqs[i], need: f.need }])),
  );
  fresh.forEach((f, i) => {
    if (f.need.closeReason) f.report.outcome = 'closed';
    else if (duplicates[i].length) f.report.outcome = 'duplicate';
    else if (f.need.locationNeeded) f.report.outcome = 'needs_location';
  });
}

/** Imports every row of a sheet through its confirmed mapping; reports progress after each chunk. */
export async function importNeeds(
  deps: Deps,
  actor: Actor,
  job: { id: string; incidentId: string; columns: SheetColumn[]; defaultCategory: ServiceCategory },
  sheet: SheetRows,
  onProgress: (done: number, total: number) => void | Promise<void> = () => {},
): Promise<NeedImportReport> {
  const incident = await findIncident(deps.db, job.incidentId);
  if (!incident) throw new AppError('not_found', { field: 'incidentId' });
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
  // A time written without its year (7月20日) is in the year the incident was declared.
  const year = Number(incident.createdAt.slice(0, 4));
  const counts = Object.fromEntries(NEED_ROW_OUTCOMES.map((o) => [o, 0])) as Record<NeedRowOutcome, number>;
  const report: NeedImportReport = { total: sheet.rows.length, counts, rows: [] };
  const seen = new Map<string, string>();
  for (let start = 0; start < sheet.rows.length; start += CHUNK) {
    const chunk = sheet.rows.slice(start, start + CHUNK);
    const rows = await deps.db
      .transaction()
      .execute((trx) => importChunk(trx, deps, actor, { ...job, incident, year }, chunk, seen));
    for (const row of rows) {
      report.rows.push(row);
      counts[row.outcome]++;
    }
    await onProgress(report.rows.length, report.total);
  }
  return report;
}
