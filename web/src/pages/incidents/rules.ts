/**
 * The moves the UI offers, computed from the same rules the server applies
 * (src/model/incident.ts, deployment.ts), so that only buttons that can work are shown.
 */
import { canMoveDeployment, DEPLOYMENT_STATUSES } from '../../../../src/model/deployment';
import { canMoveStage, INCIDENT_STAGES } from '../../../../src/model/incident';
import type { DeploymentStatus, IncidentStage, NeedStatus } from '../../types';

function movesTable<K extends string>(states: readonly K[], allowed: (from: K, to: K) => boolean): Record<K, readonly K[]> {
  const table = {} as Record<K, readonly K[]>;
  for (const from of states) table[from] = states.filter((to) => allowed(from, to));
  return table;
}

/** The stages an incident may move to from each stage, by the server's own rule. */
export const NEXT_STAGES = movesTable<IncidentStage>(INCIDENT_STAGES, canMoveStage);

/** The statuses a deployment may move to from each status, by the server's own rule. */
export const DEPLOYMENT_MOVES = movesTable<DeploymentStatus>(DEPLOYMENT_STATUSES, canMoveDeployment);

/** Statuses in which a team reports in (POST /deployments/{id}/check-ins). */
export const CHECK_IN_STATUSES: readonly DeploymentStatus[] = ['approved', 'en_route', 'checked_in', 'working'];

/** Teams on the ground. */
export const ON_SITE_STATUSES: readonly DeploymentStatus[] = ['checked_in', 'working'];

/** Needs still being worked on: the board's default view. */
export const ACTIVE_NEED_STATUSES: NeedStatus[] = ['open', 'claimed', 'in_progress'];

/** Whether a need can still be claimed, dispatched or closed. */
export function needIsOpen(status: NeedStatus): boolean {
  return status !== 'fulfilled' && status !== 'closed';
}

/** What is left for others to take on. */
export function remainingOf(need: { quantity: number; claimedQuantity: number; fulfilledQuantity: number }): number {
  return Math.max(0, need.quantity - need.claimedQuantity - need.fulfilledQuantity);
}
