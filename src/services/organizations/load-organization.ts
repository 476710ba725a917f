import { findOrganization } from '../../db/repositories/organizations';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import type { Organization } from '../../model/organization';

/** Loads an organization that is about to change, refusing missing and archived ones. */
export async function organizationForChange(trx: Executor, id: string): Promise<Organization> {
  const org = await findOrganization(trx, id);
  if (!org) throw new AppError('not_found');
  if (org.archived) throw new AppError('archived');
  return org;
}
