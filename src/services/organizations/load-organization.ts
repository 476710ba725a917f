import type { DialectName } from '../../db/database';
import { findOrganization, findOrganizationForUpdate } from '../../db/repositories/organizations';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { mayAct } from '../../model/membership';
import type { Organization } from '../../model/organization';

/**
 * Loads an organization whose own row this transaction will write (its profile, its
 * membership, its archiving), refusing missing ones. The row stays locked until the
 * transaction ends, so two such changes run one after the other and the second starts from
 * the first one's result: an edit begun before a suspension commits cannot save the
 * organization back as active. Every read-then-save of an organization row goes through here.
 */
export async function lockOrganization(trx: Executor, dialect: DialectName, id: string): Promise<Organization> {
  const org = await findOrganizationForUpdate(trx, dialect, id);
  if (!org) throw new AppError('not_found');
  return org;
}

/** Loads and locks (lockOrganization) an organization whose membership is about to change, refusing archived ones. */
export async function organizationForWrite(trx: Executor, dialect: DialectName, id: string): Promise<Organization> {
  const org = await lockOrganization(trx, dialect, id);
  if (org.archived) throw new AppError('archived');
  return org;
}

/**
 * Loads an organization about to act in a response (claim a need, accept a dispatch, file a
 * deployment): archived ones are refused as before (409), and only active members and those
 * under cultivation may act; suspended, exited, declined and under-review ones get 403
 * `membership_inactive` naming their status.
 */
export async function actingOrganization(trx: Executor, id: string): Promise<Organization> {
  const org = await organizationForChange(trx, id);
  if (!mayAct(org.membership.status)) {
    throw new AppError('membership_inactive', {
      field: 'organizationId',
      detail: `the organization is ${org.membership.status}: only active members and those under cultivation may act`,
      extra: { membershipStatus: org.membership.status },
    });
  }
  return org;
}

/**
 * Loads an organization that a change refers to without writing its row (a claim, a
 * declaration, a deployment), refusing missing and archived ones. Not locked: such changes
 * need not wait for one another, and locking two organizations in either order could deadlock.
 */
export async function organizationForChange(trx: Executor, id: string): Promise<Organization> {
  const org = await findOrganization(trx, id);
  if (!org) throw new AppError('not_found');
  if (org.archived) throw new AppError('archived');
  return org;
}
