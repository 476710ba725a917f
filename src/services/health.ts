/** The liveness check's one use case: the database answers a trivial read. */
import { readAuditHead } from '../db/repositories/audit';
import type { Deps } from './context';

/** Throws when the database does not answer. */
export async function checkDatabase(deps: Deps): Promise<void> {
  await readAuditHead(deps.db);
}
