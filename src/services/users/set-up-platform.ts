/** First start: the very first account is a platform admin, created once. */
import { lockAuditHead } from '../../db/repositories/audit';
import { countUsers, type User } from '../../db/repositories/users';
import { AppError } from '../../model/errors';
import type { Deps } from '../context';
import { insertNewUser } from './manage-users';

export async function setupNeeded(deps: Deps): Promise<boolean> {
  return (await countUsers(deps.db)) === 0;
}

export async function createFirstAdmin(
  deps: Deps,
  input: { email: string; password: string; displayName?: string | null },
  via: string,
): Promise<User> {
  return deps.db.transaction().execute(async (trx) => {
    // Serializes concurrent set-ups so only one can see an empty platform.
    await lockAuditHead(trx);
    if ((await countUsers(trx)) > 0) throw new AppError('setup_done');
    return insertNewUser(trx, deps, { kind: 'system', label: via }, { ...input, role: 'platform_admin' });
  });
}
