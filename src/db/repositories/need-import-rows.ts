/** Rows of spreadsheets already imported as needs, by their identity within an incident. */
import { selectInChunks } from '../bulk';
import type { Executor } from '../schema';

/** The needs that rows with these identities became, by identity. */
export async function importedRows(db: Executor, incidentId: string, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await selectInChunks(keys, (chunk) =>
    db
      .selectFrom('need_import_rows')
      .select(['row_key', 'need_id'])
      .where('incident_id', '=', incidentId)
      .where('row_key', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [r.row_key, r.need_id]));
}

export async function rememberImportedRows(
  db: Executor,
  rows: readonly { incidentId: string; key: string; needId: string; importId: string; at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('need_import_rows')
    .values(
      rows.map((r) => ({
        incident_id: r.incidentId,
        row_key: r.key,
        need_id: r.needId,
        import_id: r.importId,
        created_at: r.at,
      })),
    )
    .execute();
}
