import { capacityOf, volunteersOf } from '../../db/repositories/capacity';
import { findOrganization } from '../../db/repositories/organizations';
import {
  type CapacityItem,
  type ExpiryState,
  type ExpiryWarning,
  expiryState,
  type Specialty,
  type Volunteer,
  volunteerWarnings,
} from '../../model/capacity';
import { AppError } from '../../model/errors';
import type { Organization } from '../../model/organization';
import type { Actor, Deps } from '../context';
import { audienceOf, disclose, organizationSubject } from '../disclosure';
import { canDecideMembership, canDeclareFor } from '../policy';

async function organizationFor(deps: Deps, id: string): Promise<Organization> {
  const org = await findOrganization(deps.db, id);
  if (!org) throw new AppError('not_found');
  return org;
}

const today = (deps: Deps) => deps.now().toISOString().slice(0, 10);

/** Typed capacity and graded specialties, with whether each specialty is still valid. */
export async function getCapacity(
  deps: Deps,
  actor: Actor,
  organizationId: string,
): Promise<{
  capacity: CapacityItem[];
  specialties: (Specialty & { validity: ExpiryState })[];
  viewerCanDeclare: boolean;
  viewerCanVerify: boolean;
}> {
  const org = await organizationFor(deps, organizationId);
  const { capacity, specialties } = await capacityOf(deps.db, org.id);
  return {
    capacity,
    specialties: specialties.map((s) => ({ ...s, validity: expiryState(s.validUntil, today(deps)) })),
    viewerCanDeclare: !org.archived && canDeclareFor(actor, org),
    viewerCanVerify: !org.archived && canDecideMembership(actor, org),
  };
}

export type VolunteerView = Omit<Volunteer, 'name' | 'phone'> & {
  name: string | null;
  phone: string | null;
  warnings: ExpiryWarning[];
  personalDataVisible: boolean;
};

/** An organization's volunteers with expiry warnings; names and phones only for those who need them. */
export async function listVolunteers(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  includeInactive = false,
): Promise<{
  items: VolunteerView[];
  summary: { total: number; available: number; withWarnings: number };
  viewerCanDeclare: boolean;
  viewerCanVerify: boolean;
}> {
  const org = await organizationFor(deps, organizationId);
  const audience = audienceOf(actor, organizationSubject(org));
  const volunteers = await volunteersOf(deps.db, org.id, includeInactive);
  const items = volunteers.map(
    (v) => disclose('volunteer', { ...v, warnings: volunteerWarnings(v, today(deps)) }, audience) as VolunteerView,
  );
  const current = items.filter((v) => v.active);
  return {
    items,
    summary: {
      total: current.length,
      available: current.filter((v) => v.availability === 'available').length,
      withWarnings: current.filter((v) => v.warnings.length > 0).length,
    },
    viewerCanDeclare: !org.archived && canDeclareFor(actor, org),
    viewerCanVerify: !org.archived && canDecideMembership(actor, org),
  };
}
