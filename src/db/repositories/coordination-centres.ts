/** Coordination centres (现场协调中心) of incidents, their seats, and what entitles an organization to staff one. */
import type { Subsystem } from '../../model/embedding';
import type { CentreSeat, CoordinationCentre, StaffingBasis } from '../../model/incident-command';
import { icsSectionOf } from '../../model/incident-command';
import type { CentreSeatsTable, CoordinationCentresTable, Executor } from '../schema';

const toSeat = (r: CentreSeatsTable): CentreSeat => ({
  id: r.id,
  centreId: r.centre_id,
  subsystem: r.subsystem as Subsystem,
  icsSection: icsSectionOf(r.subsystem as Subsystem),
  organizationId: r.organization_id,
  basisKind: r.basis_kind as StaffingBasis['kind'],
  basisId: r.basis_id,
  liaisonName: r.liaison_name,
  liaisonPhone: r.liaison_phone,
  addedBy: r.added_by,
  addedAt: r.added_at,
});

const toCentre = (r: CoordinationCentresTable, seats: CentreSeat[]): CoordinationCentre => ({
  id: r.id,
  incidentId: r.incident_id,
  location: r.location,
  activatedAt: r.activated_at,
  activatedBy: r.activated_by,
  activationReason: r.activation_reason,
  stoodDownAt: r.stood_down_at,
  stoodDownBy: r.stood_down_by,
  standDownReason: r.stand_down_reason,
  seats,
});

export async function insertCentre(db: Executor, c: Omit<CoordinationCentre, 'seats'>): Promise<void> {
  await db
    .insertInto('coordination_centres')
    .values({
      id: c.id,
      incident_id: c.incidentId,
      location: c.location,
      activated_at: c.activatedAt,
      activated_by: c.activatedBy,
      activation_reason: c.activationReason,
      stood_down_at: c.stoodDownAt,
      stood_down_by: c.stoodDownBy,
      stand_down_reason: c.standDownReason,
    })
    .execute();
}

export async function insertCentreSeats(db: Executor, seats: readonly CentreSeat[]): Promise<void> {
  if (seats.length === 0) return;
  await db
    .insertInto('centre_seats')
    .values(
      seats.map((s) => ({
        id: s.id,
        centre_id: s.centreId,
        subsystem: s.subsystem,
        organization_id: s.organizationId,
        basis_kind: s.basisKind,
        basis_id: s.basisId,
        liaison_name: s.liaisonName,
        liaison_phone: s.liaisonPhone,
        added_by: s.addedBy,
        added_at: s.addedAt,
      })),
    )
    .execute();
}

/** Stands a running centre down; false when it was no longer running (someone else stood it down first). */
export async function standDownCentre(
  db: Executor,
  id: string,
  stand: { at: string; by: string; reason: string },
): Promise<boolean> {
  const result = await db
    .updateTable('coordination_centres')
    .set({ stood_down_at: stand.at, stood_down_by: stand.by, stand_down_reason: stand.reason })
    .where('id', '=', id)
    .where('stood_down_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every centre period of an incident with its seats, oldest first. */
export async function centresOf(db: Executor, incidentId: string): Promise<CoordinationCentre[]> {
  const rows = await db
    .selectFrom('coordination_centres')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('activated_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const seats = await db
    .selectFrom('centre_seats')
    .selectAll()
    .where(
      'centre_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('added_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => toCentre(r, seats.filter((s) => s.centre_id === r.id).map(toSeat)));
}

/** The running centre of an incident, if any. */
export async function activeCentre(db: Executor, incidentId: string): Promise<CoordinationCentre | undefined> {
  return (await centresOf(db, incidentId)).find((c) => c.stoodDownAt === null);
}
