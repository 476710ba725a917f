import { appendMembershipEvent } from '../../db/repositories/membership';
import { findOrganizationByCreditCode, insertOrganization } from '../../db/repositories/organizations';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { MembershipStatus } from '../../model/membership';
import { NO_PUBLIC_FUNDRAISING, type Organization } from '../../model/organization';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { assertCanCreateOrganizations, assertCanPlaceOrganization } from '../policy';
import { normalizeOrganizationFields, type OrganizationFields, type OrganizationInput } from './organization-input';

/**
 * Adds an organization in the given membership status, with the first entry of its
 * membership history, inside the caller's transaction.
 */
export async function registerOrganization(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  fields: OrganizationFields,
  entry: { status: MembershipStatus; reason: string },
): Promise<Organization> {
  if (fields.creditCode && (await findOrganizationByCreditCode(trx, fields.creditCode))) {
    throw new AppError('credit_code_taken', { field: 'creditCode' });
  }
  const at = nowIso(deps);
  const org: Organization = {
    id: newId(),
    ...fields,
    archived: false,
    membership: { status: entry.status, tier: 'standard', plan: null },
    ...NO_PUBLIC_FUNDRAISING,
    createdAt: at,
    updatedAt: at,
  };
  await insertOrganization(trx, org);
  await appendMembershipEvent(trx, org.id, {
    from: null,
    to: entry.status,
    tier: 'standard',
    actor: actorId(actor),
    reason: entry.reason,
    plan: null,
    at,
  });
  await recordChange(trx, deps, actor, {
    action: 'organization.create',
    entityType: 'organization',
    entityId: org.id,
    after: org,
  });
  return org;
}

/** Registers an organization directly as a member (coordinators keeping their roster). */
export async function createOrganization(deps: Deps, actor: Actor, input: OrganizationInput): Promise<Organization> {
  assertCanCreateOrganizations(actor);
  const fields = normalizeOrganizationFields(input);
  assertCanPlaceOrganization(actor, fields.jurisdictions);
  return deps.db
    .transaction()
    .execute((trx) => registerOrganization(trx, deps, actor, fields, { status: 'active', reason: 'registered' }));
}
