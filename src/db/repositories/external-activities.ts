/** Activities read from partners' HXL 3W tables (migration 0029). */
import type { Insertable } from 'kysely';
import type { Executor, ExternalActivitiesTable } from '../schema';

export type ExternalActivityRow = Insertable<ExternalActivitiesTable>;

/** The keys among these that are already stored. */
export async function existingActivityKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('external_activities')
      .select('key')
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.key);
  }
  return out;
}

export async function insertExternalActivities(db: Executor, rows: readonly ExternalActivityRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('external_activities')
      .values(rows.slice(i, i + 200) as ExternalActivityRow[])
      .execute();
  }
}

/** Platform organizations (not archived) by credit code and by name, for matching a partner's rows. */
export async function organizationsForMatching(
  db: Executor,
  codes: readonly string[],
  names: readonly string[],
): Promise<{ byCode: Map<string, { id: string; name: string }>; byName: Map<string, { id: string; name: string }[]> }> {
  const byCode = new Map<string, { id: string; name: string }>();
  const byName = new Map<string, { id: string; name: string }[]>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'name', 'credit_code'])
      .where('credit_code', 'in', codes.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.credit_code) byCode.set(r.credit_code, { id: r.id, name: r.name });
  }
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('name', 'in', names.slice(i, i + 500))
      .where('archived_at', 'is', null)
      .execute();
    for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), { id: r.id, name: r.name }]);
  }
  return { byCode, byName };
}
