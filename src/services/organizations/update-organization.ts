import { findOrganizationByCreditCode, saveOrganization } from '../../db/repositories/organizations';
import { AppError } from '../../model/errors';
import type { Organization } from '../../model/organization';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { assertCanChangeOrganizationTo, assertCanEditOrganization } from '../policy';
import { lockOrganization } from './load-organization';
import { normalizeOrganizationFields, type OrganizationInput } from './organization-input';

export type OrganizationPatch = Partial<OrganizationInput>;

/** Changes an organization's profile; the whole new state is checked as on creation. */
export async function updateOrganization(deps: Deps, actor: Actor, id: string, patch: OrganizationPatch): Promise<Organization> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockOrganization(trx, deps.dialect, id);
    assertCanEditOrganization(actor, before);
    if (before.archived) throw new AppError('archived');
    const fields = normalizeOrganizationFields({ ...before, ...patch });
    const after: Organization = { ...before, ...fields, updatedAt: nowIso(deps) };
    assertCanChangeOrganizationTo(actor, before, after);
    if (after.creditCode && after.creditCode !== before.creditCode) {
      const holder = await findOrganizationByCreditCode(trx, after.creditCode);
      if (holder && holder.id !== id) throw new AppError('credit_code_taken', { field: 'creditCode' });
    }
    await saveOrganization(trx, after);
    await recordChange(trx, deps, actor, {
      action: 'organization.update',
      entityType: 'organization',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
