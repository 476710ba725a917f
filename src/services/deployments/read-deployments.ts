import { type DeploymentEvent, deploymentLog, deploymentsOf, findDeployment } from '../../db/repositories/deployments';
import { findIncident } from '../../db/repositories/incidents';
import { checkInOverdue, type Deployment, type DeploymentStatus } from '../../model/deployment';
import { AppError } from '../../model/errors';
import type { Incident } from '../../model/incident';
import type { Actor, Deps } from '../context';
import { actsFor, assertCanReadDirectory, canCoordinateIncident } from '../policy';

export type DeploymentView = Omit<Deployment, 'leaderName' | 'leaderPhone'> & {
  leaderName: string | null;
  leaderPhone: string | null;
  overdue: boolean;
};

async function incidentFor(deps: Deps, actor: Actor, id: string): Promise<Incident> {
  assertCanReadDirectory(actor);
  const incident = await findIncident(deps.db, id);
  if (!incident) throw new AppError('not_found');
  return incident;
}

/** The leader's name and phone are personal: coordinators of the incident and the team's own people see them. */
function view(deps: Deps, actor: Actor, incident: Incident, d: Deployment): DeploymentView {
  const personal = canCoordinateIncident(actor, incident.jurisdictions) || actsFor(actor, d.organizationId);
  return {
    ...d,
    leaderName: personal ? d.leaderName : null,
    leaderPhone: personal ? d.leaderPhone : null,
    overdue: incident.stage !== 'closed' && checkInOverdue(d, incident.policy.checkInIntervalMinutes, deps.now()),
  };
}

export async function listDeployments(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  status?: DeploymentStatus,
): Promise<DeploymentView[]> {
  const incident = await incidentFor(deps, actor, incidentId);
  return (await deploymentsOf(deps.db, incidentId, status)).map((d) => view(deps, actor, incident, d));
}

export async function getDeployment(deps: Deps, actor: Actor, id: string): Promise<DeploymentView & { log: DeploymentEvent[] }> {
  assertCanReadDirectory(actor);
  const deployment = await findDeployment(deps.db, id);
  if (!deployment) throw new AppError('not_found');
  const incident = await incidentFor(deps, actor, deployment.incidentId);
  return { ...view(deps, actor, incident, deployment), log: await deploymentLog(deps.db, id) };
}

/** Teams on the way or on the ground that have missed their check-in: every responder accounted for. */
export async function deploymentAlarms(deps: Deps, actor: Actor, incidentId: string): Promise<DeploymentView[]> {
  return (await listDeployments(deps, actor, incidentId)).filter((d) => d.overdue);
}
