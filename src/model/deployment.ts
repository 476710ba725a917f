/**
 * Deployments (报备): a team an organization sends to an incident, from filing through
 * approval, travel, check-in at a zone and work, to withdrawal or return — so every
 * responder is accounted for. Pure rules, no I/O.
 */
import type { RescueSpecialty } from './capacity';

export const DEPLOYMENT_STATUSES = [
  'filed',
  'approved',
  'declined',
  'standby',
  'en_route',
  'checked_in',
  'working',
  'withdrawn',
  'returned',
] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Who moves a deployment to each status: the coordinator decides, the team reports. */
export const COORDINATOR_STATUSES: readonly DeploymentStatus[] = ['approved', 'declined', 'standby'];

const MOVES: Record<DeploymentStatus, readonly DeploymentStatus[]> = {
  filed: ['approved', 'declined', 'standby', 'withdrawn'],
  standby: ['approved', 'declined', 'withdrawn'],
  // A coordinator may still turn a team back (declined, with a reason) until it is on the ground; its pass is revoked.
  approved: ['en_route', 'checked_in', 'withdrawn', 'declined'],
  en_route: ['checked_in', 'withdrawn', 'declined'],
  checked_in: ['working', 'withdrawn', 'returned'],
  working: ['checked_in', 'withdrawn', 'returned'],
  declined: [],
  withdrawn: [],
  returned: [],
};

/** Whether a deployment may move from one status to another. */
export function canMoveDeployment(from: DeploymentStatus, to: DeploymentStatus): boolean {
  return MOVES[from].includes(to);
}

/** Statuses in which a team is on its way or on the ground and must keep checking in. */
export const ACCOUNTABLE_STATUSES: readonly DeploymentStatus[] = ['en_route', 'checked_in', 'working'];

export interface Deployment {
  id: string;
  incidentId: string;
  organizationId: string;
  teamName: string;
  leaderName: string;
  leaderPhone: string;
  headcount: number;
  specialties: RescueSpecialty[];
  equipment: string[];
  vehicles: number;
  origin: string;
  eta: string | null;
  invitationReference: string | null;
  status: DeploymentStatus;
  zone: string | null;
  reason: string | null;
  lastCheckInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Whether an accountable team has gone quiet for longer than the incident allows. */
export function checkInOverdue(
  deployment: Pick<Deployment, 'status' | 'lastCheckInAt' | 'updatedAt'>,
  intervalMinutes: number,
  now: Date,
): boolean {
  if (!ACCOUNTABLE_STATUSES.includes(deployment.status)) return false;
  const last = new Date(deployment.lastCheckInAt ?? deployment.updatedAt).getTime();
  return now.getTime() - last > intervalMinutes * 60_000;
}
