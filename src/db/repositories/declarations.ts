/** The verification columns every self-declared record carries. */
import type { Verification } from '../../model/embedding';
import type { Executor } from '../schema';

/** Tables of self-declared records that a coordinator can verify. */
export type DeclarationTable = 'filings' | 'agreements' | 'seats' | 'capacities' | 'specialties' | 'volunteers';

export function verificationOf(row: { verified_by: string | null; verified_at: string | null }): Verification | null {
  return row.verified_by && row.verified_at ? { by: row.verified_by, at: row.verified_at } : null;
}

export function verifiedColumns(v: Verification | null): { verified_by: string | null; verified_at: string | null } {
  return { verified_by: v?.by ?? null, verified_at: v?.at ?? null };
}

/** Marks one record verified. */
export async function markVerified(db: Executor, table: DeclarationTable, id: string, v: Verification): Promise<void> {
  await db.updateTable(table).set(verifiedColumns(v)).where('id', '=', id).execute();
}
