/**
 * Imports a roster of organizations. Each row is imported or refused on its own, with row
 * number, field and reason; importing the same file again updates rather than duplicates
 * (match on credit code, else on name and home jurisdiction).
 */
import { findOrganizationByCreditCode, findOrganizationsByName } from '../../db/repositories/organizations';
import { ROSTER_COLUMNS, type RowProblem, rosterRowToInput, sameRosterContent } from '../../interop/roster';
import type { Table } from '../../interop/spreadsheet';
import { AppError } from '../../model/errors';
import type { Organization, OrganizationFields } from '../../model/organization';
import type { Actor, Deps } from '../context';
import { createOrganization } from '../organizations/create-organization';
import { normalizeOrganizationFields } from '../organizations/organization-input';
import { updateOrganization } from '../organizations/update-organization';
import { assertCanCreateOrganizations } from '../policy';

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'refused';

export interface RowReport {
  row: number;
  outcome: RowOutcome;
  name: string | null;
  organizationId: string | null;
  problems: RowProblem[];
}

export interface ImportReport {
  total: number;
  counts: Record<RowOutcome, number>;
  rows: RowReport[];
}

async function existingMatch(deps: Deps, fields: OrganizationFields): Promise<Organization | undefined> {
  if (fields.creditCode) {
    const byCode = await findOrganizationByCreditCode(deps.db, fields.creditCode);
    if (byCode) return byCode;
  }
  const home = fields.jurisdictions[0];
  return (await findOrganizationsByName(deps.db, fields.name)).find((o) => o.jurisdictions[0] === home);
}

async function importRow(deps: Deps, actor: Actor, values: Record<string, string>): Promise<Omit<RowReport, 'row'>> {
  const { input, problems } = rosterRowToInput(values);
  const name = values[ROSTER_COLUMNS.name] || null;
  if (!input) return { outcome: 'refused', name, organizationId: null, problems };
  try {
    const fields = normalizeOrganizationFields(input);
    const match = await existingMatch(deps, fields);
    if (match && sameRosterContent(match, fields)) return { outcome: 'unchanged', name, organizationId: match.id, problems: [] };
    if (match) {
      const updated = await updateOrganization(deps, actor, match.id, fields);
      return { outcome: 'updated', name, organizationId: updated.id, problems: [] };
    }
    const created = await createOrganization(deps, actor, fields);
    return { outcome: 'created', name, organizationId: created.id, problems: [] };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      outcome: 'refused',
      name,
      organizationId: null,
      problems: [{ field: error.field ?? 'row', message: error.detail ?? error.message }],
    };
  }
}

/** Imports every row of a roster table; reports progress after each row. */
export async function importOrganizations(
  deps: Deps,
  actor: Actor,
  table: Table,
  onProgress: (done: number, total: number) => void | Promise<void> = () => {},
): Promise<ImportReport> {
  assertCanCreateOrganizations(actor);
  const report: ImportReport = {
    total: table.rows.length,
    counts: { created: 0, updated: 0, unchanged: 0, refused: 0 },
    rows: [],
  };
  for (const { row, values } of table.rows) {
    const result = { row, ...(await importRow(deps, actor, values)) };
    report.rows.push(result);
    report.counts[result.outcome]++;
    await onProgress(report.rows.length, report.total);
  }
  return report;
}
