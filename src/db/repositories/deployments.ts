/** Deployments of teams to incidents and the log of their moves and check-ins. */
import type { RescueSpecialty } from '../../model/capacity';
import type { Deployment, DeploymentStatus } from '../../model/deployment';
import type { DeploymentsTable, Executor } from '../schema';

export const toDeployment = (r: DeploymentsTable): Deployment => ({
  id: r.id,
  incidentId: r.incident_id,
  organizationId: r.organization_id,
  teamName: r.team_name,
  leaderName: r.leader_name,
  leaderPhone: r.leader_phone,
  headcount: Number(r.headcount),
  specialties: JSON.parse(r.specialties) as RescueSpecialty[],
  equipment: JSON.parse(r.equipment) as string[],
  vehicles: Number(r.vehicles),
  origin: r.origin,
  eta: r.eta,
  invitationReference: r.invitation_reference,
  status: r.status as DeploymentStatus,
  zone: r.zone,
  reason: r.reason,
  lastCheckInAt: r.last_check_in_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (d: Deployment): DeploymentsTable => ({
  id: d.id,
  incident_id: d.incidentId,
  organization_id: d.organizationId,
  team_name: d.teamName,
  leader_name: d.leaderName,
  leader_phone: d.leaderPhone,
  headcount: d.headcount,
  specialties: JSON.stringify(d.specialties),
  equipment: JSON.stringify(d.equipment),
  vehicles: d.vehicles,
  origin: d.origin,
  eta: d.eta,
  invitation_reference: d.invitationReference,
  status: d.status,
  zone: d.zone,
  reason: d.reason,
  last_check_in_at: d.lastCheckInAt,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

export async function insertDeployment(db: Executor, d: Deployment): Promise<void> {
  await db.insertInto('deployments').values(toRow(d)).execute();
}

export async function saveDeployment(db: Executor, d: Deployment): Promise<void> {
  const { id, ...rest } = toRow(d);
  await db.updateTable('deployments').set(rest).where('id', '=', id).execute();
}

export async function findDeployment(db: Executor, id: string): Promise<Deployment | undefined> {
  const row = await db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDeployment(row) : undefined;
}

export async function deploymentsOf(db: Executor, incidentId: string, status?: DeploymentStatus): Promise<Deployment[]> {
  let q = db.selectFrom('deployments').selectAll().where('incident_id', '=', incidentId);
  if (status) q = q.where('status', '=', status);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(toDeployment);
}

export interface DeploymentEvent {
  kind: 'status' | 'check_in';
  from: DeploymentStatus | null;
  to: DeploymentStatus | null;
  note: string | null;
  lat: number | null;
  lon: number | null;
  actor: string;
  at: string;
}

export async function appendDeploymentEvent(db: Executor, deploymentId: string, e: DeploymentEvent): Promise<void> {
  const last = await db
    .selectFrom('deployment_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('deployment_id', '=', deploymentId)
    .executeTakeFirst();
  await db
    .insertInto('deployment_events')
    .values({
      deployment_id: deploymentId,
      seq: Number(last?.seq ?? 0) + 1,
      kind: e.kind,
      from_status: e.from,
      to_status: e.to,
      note: e.note,
      lat: e.lat,
      lon: e.lon,
      actor_id: e.actor,
      at: e.at,
    })
    .execute();
}

export async function deploymentLog(db: Executor, deploymentId: string): Promise<DeploymentEvent[]> {
  const rows = await db
    .selectFrom('deployment_events')
    .selectAll()
    .where('deployment_id', '=', deploymentId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    kind: r.kind as DeploymentEvent['kind'],
    from: r.from_status as DeploymentStatus | null,
    to: r.to_status as DeploymentStatus | null,
    note: r.note,
    lat: r.lat,
    lon: r.lon,
    actor: r.actor_id,
    at: r.at,
  }));
}
