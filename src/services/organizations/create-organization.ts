import { randomUUID } from 'node:crypto';
import { findOrganizationByCreditCode, insertOrganization } from '../../db/repositories/organizations';
import { AppError } from '../../model/errors';
import type { Organization } from '../../model/organization';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { assertCanCreateOrganizations, assertCanPlaceOrganization } from '../policy';
import { normalizeOrganizationFields, type OrganizationInput } from './organization-input';

/** Registers an organization in the network directory. */
export async function createOrganization(deps: Deps, actor: Actor, input: OrganizationInput): Promise<Organization> {
  assertCanCreateOrganizations(actor);
  const fields = normalizeOrganizationFields(input);
  assertCanPlaceOrganization(actor, fields.jurisdictions);
  return deps.db.transaction().execute(async (trx) => {
    if (fields.creditCode && (await findOrganizationByCreditCode(trx, fields.creditCode))) {
      throw new AppError('credit_code_taken', { field: 'creditCode' });
    }
    const at = nowIso(deps);
    const org: Organization = { id: randomUUID(), ...fields, archived: false, createdAt: at, updatedAt: at };
    await insertOrganization(trx, org);
    await recordChange(trx, deps, actor, {
      action: 'organization.create',
      entityType: 'organization',
      entityId: org.id,
      after: org,
    });
    return org;
  });
}
