import { saveOrganization } from '../../db/repositories/organizations';
import type { Organization } from '../../model/organization';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { revokeOrganizationPasses } from '../passes/revoke-passes';
import { assertCanArchiveOrganization } from '../policy';
import { lockOrganization } from './load-organization';

/** Takes an organization out of the directory. Nothing is deleted: the record stays, marked archived. */
export async function archiveOrganization(deps: Deps, actor: Actor, id: string): Promise<Organization> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockOrganization(trx, deps.dialect, id);
    assertCanArchiveOrganization(actor, before);
    if (before.archived) return before;
    const after: Organization = { ...before, archived: true, updatedAt: nowIso(deps) };
    await saveOrganization(trx, after);
    await revokeOrganizationPasses(trx, deps, actor, id, 'organization archived');
    await recordChange(trx, deps, actor, {
      action: 'organization.archive',
      entityType: 'organization',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
