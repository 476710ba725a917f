/** Declaring and amending capacity, rescue specialties and volunteers. */

import {
  findCapacity,
  findVolunteer,
  insertCapacity,
  insertSpecialty,
  insertVolunteer,
  saveCapacity,
  saveVolunteer,
} from '../../db/repositories/capacity';
import type {
  Availability,
  CapacityItem,
  CapacityKind,
  Certification,
  RescueSpecialty,
  Specialty,
  Volunteer,
} from '../../model/capacity';
import { newId } from '../../model/ids';
import type { Actor, Deps } from '../context';
import { amend, declareFor, requiredText } from '../declarations';
import { organizationForChange } from '../organizations/load-organization';

export interface CapacityInput {
  kind: CapacityKind;
  type: string;
  typeLevel: number;
  quantity: number;
  description?: string | null;
}

export async function declareCapacity(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  input: CapacityInput,
): Promise<CapacityItem> {
  const type = requiredText(input.type, 'type');
  return declareFor(
    deps,
    actor,
    organizationId,
    (declaredBy, at) => ({
      id: newId(),
      organizationId,
      kind: input.kind,
      type,
      typeLevel: input.typeLevel,
      quantity: input.quantity,
      description: input.description?.trim() || null,
      declaredBy,
      verification: null,
      createdAt: at,
      updatedAt: at,
    }),
    insertCapacity,
    'capacity',
  );
}

/** Changes the quantity, type or description of a capacity item (nothing is deleted: quantity 0 retires it). */
export async function amendCapacity(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<Pick<CapacityInput, 'typeLevel' | 'quantity' | 'description'>>,
): Promise<CapacityItem> {
  return amend(
    deps,
    actor,
    (trx) => findCapacity(trx, id),
    organizationForChange,
    (before, at) => ({
      ...before,
      typeLevel: patch.typeLevel ?? before.typeLevel,
      quantity: patch.quantity ?? before.quantity,
      description: patch.description !== undefined ? patch.description?.trim() || null : before.description,
      updatedAt: at,
    }),
    saveCapacity,
    'capacity',
  );
}

export async function declareSpecialty(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  input: { specialty: RescueSpecialty; grade: number; assessedBy: string; validUntil: string },
): Promise<Specialty> {
  const assessedBy = requiredText(input.assessedBy, 'assessedBy');
  return declareFor(
    deps,
    actor,
    organizationId,
    (declaredBy, at) => ({
      id: newId(),
      organizationId,
      specialty: input.specialty,
      grade: input.grade,
      assessedBy,
      validUntil: input.validUntil,
      declaredBy,
      verification: null,
      createdAt: at,
    }),
    insertSpecialty,
    'specialty',
  );
}

export interface VolunteerInput {
  name: string;
  phone?: string | null;
  skills?: string[];
  certifications?: Certification[];
  insuranceExpiresOn?: string | null;
  availability?: Availability;
}

function cleanList(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
}

function cleanCertifications(values: Certification[] | undefined): Certification[] {
  return (values ?? []).map((c, i) => ({
    type: requiredText(c.type, `certifications/${i}/type`),
    issuer: requiredText(c.issuer, `certifications/${i}/issuer`),
    expiresOn: c.expiresOn ?? null,
  }));
}

export async function addVolunteer(deps: Deps, actor: Actor, organizationId: string, input: VolunteerInput): Promise<Volunteer> {
  const name = requiredText(input.name, 'name');
  const certifications = cleanCertifications(input.certifications);
  return declareFor(
    deps,
    actor,
    organizationId,
    (declaredBy, at) => ({
      id: newId(),
      organizationId,
      name,
      phone: input.phone?.trim() || null,
      skills: cleanList(input.skills),
      certifications,
      insuranceExpiresOn: input.insuranceExpiresOn ?? null,
      availability: input.availability ?? 'available',
      active: true,
      declaredBy,
      verification: null,
      createdAt: at,
      updatedAt: at,
    }),
    insertVolunteer,
    'volunteer',
  );
}

/** Changes a volunteer's record; `active: false` records that they left (nothing is deleted). */
export async function amendVolunteer(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<VolunteerInput> & { active?: boolean },
): Promise<Volunteer> {
  const name = patch.name !== undefined ? requiredText(patch.name, 'name') : undefined;
  const certifications = patch.certifications !== undefined ? cleanCertifications(patch.certifications) : undefined;
  return amend(
    deps,
    actor,
    (trx) => findVolunteer(trx, id),
    organizationForChange,
    (before, at) => ({
      ...before,
      name: name ?? before.name,
      phone: patch.phone !== undefined ? patch.phone?.trim() || null : before.phone,
      skills: patch.skills !== undefined ? cleanList(patch.skills) : before.skills,
      certifications: certifications ?? before.certifications,
      insuranceExpiresOn: patch.insuranceExpiresOn !== undefined ? patch.insuranceExpiresOn : before.insuranceExpiresOn,
      availability: patch.availability ?? before.availability,
      active: patch.active ?? before.active,
      updatedAt: at,
    }),
    saveVolunteer,
    'volunteer',
  );
}
