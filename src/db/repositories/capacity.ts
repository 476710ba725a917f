/** Capacity, rescue specialties and volunteers of organizations. */
import type {
  Availability,
  CapacityItem,
  CapacityKind,
  Certification,
  RescueSpecialty,
  Specialty,
  Volunteer,
} from '../../model/capacity';
import type { CapacitiesTable, Executor, SpecialtiesTable, VolunteersTable } from '../schema';
import { verificationOf, verifiedColumns } from './declarations';

const toCapacity = (r: CapacitiesTable): CapacityItem => ({
  id: r.id,
  organizationId: r.organization_id,
  kind: r.kind as CapacityKind,
  type: r.type,
  typeLevel: Number(r.type_level),
  quantity: Number(r.quantity),
  description: r.description,
  declaredBy: r.declared_by,
  verification: verificationOf(r),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const capacityRow = (c: CapacityItem): CapacitiesTable => ({
  id: c.id,
  organization_id: c.organizationId,
  kind: c.kind,
  type: c.type,
  type_level: c.typeLevel,
  quantity: c.quantity,
  description: c.description,
  declared_by: c.declaredBy,
  ...verifiedColumns(c.verification),
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

const toSpecialty = (r: SpecialtiesTable): Specialty => ({
  id: r.id,
  organizationId: r.organization_id,
  specialty: r.specialty as RescueSpecialty,
  grade: Number(r.grade),
  assessedBy: r.assessed_by,
  validUntil: r.valid_until,
  declaredBy: r.declared_by,
  verification: verificationOf(r),
  createdAt: r.created_at,
});

const toVolunteer = (r: VolunteersTable): Volunteer => ({
  id: r.id,
  organizationId: r.organization_id,
  name: r.name,
  phone: r.phone,
  skills: JSON.parse(r.skills) as string[],
  certifications: JSON.parse(r.certifications) as Certification[],
  insuranceExpiresOn: r.insurance_expires_on,
  availability: r.availability as Availability,
  active: Number(r.active) === 1,
  declaredBy: r.declared_by,
  verification: verificationOf(r),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const volunteerRow = (v: Volunteer): VolunteersTable => ({
  id: v.id,
  organization_id: v.organizationId,
  name: v.name,
  phone: v.phone,
  skills: JSON.stringify(v.skills),
  certifications: JSON.stringify(v.certifications),
  insurance_expires_on: v.insuranceExpiresOn,
  availability: v.availability,
  active: v.active ? 1 : 0,
  declared_by: v.declaredBy,
  ...verifiedColumns(v.verification),
  created_at: v.createdAt,
  updated_at: v.updatedAt,
});

export async function insertCapacity(db: Executor, c: CapacityItem): Promise<void> {
  await db.insertInto('capacities').values(capacityRow(c)).execute();
}

export async function saveCapacity(db: Executor, c: CapacityItem): Promise<void> {
  const { id, ...rest } = capacityRow(c);
  await db.updateTable('capacities').set(rest).where('id', '=', id).execute();
}

export async function findCapacity(db: Executor, id: string): Promise<CapacityItem | undefined> {
  const row = await db.selectFrom('capacities').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCapacity(row) : undefined;
}

export async function insertSpecialty(db: Executor, s: Specialty): Promise<void> {
  await db
    .insertInto('specialties')
    .values({
      id: s.id,
      organization_id: s.organizationId,
      specialty: s.specialty,
      grade: s.grade,
      assessed_by: s.assessedBy,
      valid_until: s.validUntil,
      declared_by: s.declaredBy,
      ...verifiedColumns(s.verification),
      created_at: s.createdAt,
    })
    .execute();
}

export async function findSpecialty(db: Executor, id: string): Promise<Specialty | undefined> {
  const row = await db.selectFrom('specialties').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSpecialty(row) : undefined;
}

export async function insertVolunteer(db: Executor, v: Volunteer): Promise<void> {
  await db.insertInto('volunteers').values(volunteerRow(v)).execute();
}

export async function saveVolunteer(db: Executor, v: Volunteer): Promise<void> {
  const { id, ...rest } = volunteerRow(v);
  await db.updateTable('volunteers').set(rest).where('id', '=', id).execute();
}

export async function findVolunteer(db: Executor, id: string): Promise<Volunteer | undefined> {
  const row = await db.selectFrom('volunteers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toVolunteer(row) : undefined;
}

export async function capacityOf(db: Executor, organizationId: string) {
  const [capacity, specialties] = await Promise.all([
    db
      .selectFrom('capacities')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('kind')
      .orderBy('type_level')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('specialties')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('specialty')
      .orderBy('id')
      .execute(),
  ]);
  return { capacity: capacity.map(toCapacity), specialties: specialties.map(toSpecialty) };
}

export async function volunteersOf(db: Executor, organizationId: string, includeInactive: boolean): Promise<Volunteer[]> {
  let q = db.selectFrom('volunteers').selectAll().where('organization_id', '=', organizationId);
  if (!includeInactive) q = q.where('active', '=', 1);
  return (await q.orderBy('name').orderBy('id').execute()).map(toVolunteer);
}
