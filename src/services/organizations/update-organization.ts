import { findOrganizationByCreditCode, saveOrganization } from '../../db/repositories/organizations';
import { AppError } from '../../model/errors';
import type { Organization, PublicFundraising } from '../../model/organization';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { assertCanChangeOrganizationTo, assertCanEditOrganization } from '../policy';
import { lockOrganization } from './load-organization';
import { normalizeOrganizationFields, type OrganizationInput } from './organization-input';

export type OrganizationPatch = Partial<OrganizationInput> & Partial<PublicFundraising>;

/**
 * The public-fundraising qualification after a patch: its date only while qualified (losing
 * it clears the date), and not a day still to come.
 */
function publicFundraisingAfter(before: PublicFundraising, patch: Partial<PublicFundraising>, today: string): PublicFundraising {
  const qualified = patch.publicFundraisingQualified ?? before.publicFundraisingQualified;
  const since = patch.publicFundraisingSince !== undefined ? patch.publicFundraisingSince : before.publicFundraisingSince;
  if (!qualified) {
    if (patch.publicFundraisingSince) {
      throw new AppError('invalid_input', {
        field: 'publicFundraisingSince',
        detail: 'publicFundraisingSince: only an organization holding the qualification has a date for it',
      });
    }
    return { publicFundraisingQualified: false, publicFundraisingSince: null };
  }
  if (since && since > today) {
    throw new AppError('invalid_input', {
      field: 'publicFundraisingSince',
      detail: 'publicFundraisingSince is a day still to come',
    });
  }
  return { publicFundraisingQualified: true, publicFundraisingSince: since ?? null };
}

/** Changes an organization's profile; the whole new state is checked as on creation. */
export async function updateOrganization(deps: Deps, actor: Actor, id: string, patch: OrganizationPatch): Promise<Organization> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockOrganization(trx, deps.dialect, id);
    assertCanEditOrganization(actor, before);
    if (before.archived) throw new AppError('archived');
    const { publicFundraisingQualified, publicFundraisingSince, ...profile } = patch;
    const fields = normalizeOrganizationFields({ ...before, ...profile });
    const at = nowIso(deps);
    // Today in China (UTC+8), where the qualification is granted.
    const today = new Date(deps.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const fundraising = publicFundraisingAfter(before, { publicFundraisingQualified, publicFundraisingSince }, today);
    const after: Organization = { ...before, ...fields, ...fundraising, updatedAt: at };
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
