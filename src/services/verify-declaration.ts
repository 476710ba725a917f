/** A coordinator confirms what an organization declared about itself, or its own fields. */
import { findCapacity, findSpecialty, findVolunteer } from '../db/repositories/capacity';
import { type DeclarationTable, markVerified } from '../db/repositories/declarations';
import { findAgreement, findFiling, findSeat, saveFieldVerification } from '../db/repositories/embedding';
import { findOrganization } from '../db/repositories/organizations';
import type { CapacityItem, Specialty, Volunteer } from '../model/capacity';
import type { Agreement, Filing, Seat, VerifiableField } from '../model/embedding';
import { AppError } from '../model/errors';
import { recordChange } from './audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from './context';
import { assertCanDecideMembership } from './policy';

export type { DeclarationTable };

const FINDERS = {
  filings: findFiling,
  agreements: findAgreement,
  seats: findSeat,
  capacities: findCapacity,
  specialties: findSpecialty,
  volunteers: findVolunteer,
} as const;
const ENTITY: Record<DeclarationTable, string> = {
  filings: 'filing',
  agreements: 'agreement',
  seats: 'seat',
  capacities: 'capacity',
  specialties: 'specialty',
  volunteers: 'volunteer',
};

interface DeclaredIn {
  filings: Filing;
  agreements: Agreement;
  seats: Seat;
  capacities: CapacityItem;
  specialties: Specialty;
  volunteers: Volunteer;
}

/** Verifies one self-declared record; verifying it again changes nothing. */
export async function verifyDeclaration<K extends DeclarationTable>(
  deps: Deps,
  actor: Actor,
  kind: K,
  id: string,
): Promise<DeclaredIn[K]> {
  return deps.db.transaction().execute(async (trx) => {
    const item = (await FINDERS[kind](trx, id)) as DeclaredIn[K] | undefined;
    if (!item) throw new AppError('not_found');
    const org = await findOrganization(trx, item.organizationId);
    if (!org) throw new AppError('not_found');
    assertCanDecideMembership(actor, org);
    if (item.verification) return item;
    const verification = { by: actorId(actor), at: nowIso(deps) };
    await markVerified(trx, kind, id, verification);
    await recordChange(trx, deps, actor, {
      action: `${ENTITY[kind]}.verify`,
      entityType: ENTITY[kind],
      entityId: id,
      after: verification,
    });
    return { ...item, verification };
  });
}

/** Confirms the current values of an organization's own fields (its credit code, say). */
export async function verifyOrganizationFields(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  fields: VerifiableField[],
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const org = await findOrganization(trx, organizationId);
    if (!org) throw new AppError('not_found');
    if (org.archived) throw new AppError('archived');
    assertCanDecideMembership(actor, org);
    const at = nowIso(deps);
    const by = actorId(actor);
    for (const [i, field] of [...new Set(fields)].entries()) {
      const value = org[field];
      if (value === null || (Array.isArray(value) && value.length === 0)) {
        throw new AppError('invalid_input', { field: `fields/${i}`, detail: `${field} has no value to verify` });
      }
      await saveFieldVerification(trx, organizationId, { field, value: JSON.stringify(value), by, at });
    }
    await recordChange(trx, deps, actor, {
      action: 'organization.verify',
      entityType: 'organization',
      entityId: organizationId,
      after: { fields, by, at },
    });
  });
}
