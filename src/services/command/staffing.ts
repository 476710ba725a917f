/**
 * Who may staff a seat of an incident's coordination centre: an organization that may act
 * (active or under cultivation, not archived) and holds, in force today, a seat in a
 * coordination structure while serving one of the incident's areas, or an agreement of which
 * either side serves one of them. A seat qualifies for its own subsystem; an agreement for any.
 */
import { staffingBasesIn } from '../../db/repositories/embedding';
import { findOrganizations } from '../../db/repositories/organizations';
import type { Executor } from '../../db/schema';
import type { Subsystem } from '../../model/embedding';
import { AppError } from '../../model/errors';
import type { StaffingBasis } from '../../model/incident-command';
import { mayAct } from '../../model/membership';
import type { Organization } from '../../model/organization';

export interface EligibleOrganization {
  organization: Organization;
  bases: StaffingBasis[];
}

/** The organizations that may staff an incident's centre on a day, with what entitles each. */
export async function eligibleStaff(
  db: Executor,
  incident: { jurisdictions: readonly string[] },
  day: string,
): Promise<EligibleOrganization[]> {
  const { seats, agreements } = await staffingBasesIn(db, incident.jurisdictions, day);
  const bases = new Map<string, StaffingBasis[]>();
  const add = (organizationId: string, basis: StaffingBasis) =>
    bases.set(organizationId, [...(bases.get(organizationId) ?? []), basis]);
  for (const s of seats) {
    add(s.organizationId, {
      kind: 'seat',
      id: s.id,
      structure: s.structure,
      subsystem: s.subsystem,
      verified: s.verification !== null,
    });
  }
  for (const a of agreements) {
    const basis = (counterpartId: string): StaffingBasis => ({
      kind: 'agreement',
      id: a.id,
      type: a.type,
      counterpartId,
      verified: a.verification !== null,
    });
    add(a.organizationId, basis(a.counterpartId));
    add(a.counterpartId, basis(a.organizationId));
  }
  const orgs = await findOrganizations(db, [...bases.keys()]);
  return [...bases.entries()]
    .map(([id, list]) => ({ organization: orgs.get(id), bases: list }))
    .filter((e): e is EligibleOrganization => e.organization !== undefined)
    .filter((e) => !e.organization.archived && mayAct(e.organization.membership.status))
    .sort(
      (a, b) =>
        a.organization.name.localeCompare(b.organization.name, 'zh-Hans-CN') ||
        a.organization.id.localeCompare(b.organization.id),
    );
}

/** The basis on which an organization staffs a subsystem: a seat in that subsystem first, else an agreement. */
export function basisFor(bases: readonly StaffingBasis[], subsystem: Subsystem): StaffingBasis | undefined {
  return bases.find((b) => b.kind === 'seat' && b.subsystem === subsystem) ?? bases.find((b) => b.kind === 'agreement');
}

/** Checks one requested seat against the eligible organizations; 422 naming what is missing otherwise. */
export function staffingOf(
  eligible: readonly EligibleOrganization[],
  seat: { subsystem: Subsystem; organizationId: string },
  prefix: string,
): StaffingBasis {
  const field = prefix ? `${prefix}/organizationId` : 'organizationId';
  const entry = eligible.find((e) => e.organization.id === seat.organizationId);
  const basis = entry ? basisFor(entry.bases, seat.subsystem) : undefined;
  if (basis) return basis;
  throw new AppError('not_eligible_to_staff', {
    field,
    detail: entry
      ? `${field}: the organization's seats are in other subsystems and it has no agreement in force, so it cannot staff ${seat.subsystem}`
      : `${field}: the organization is not an active member holding a seat or agreement in force for the incident's areas`,
  });
}
