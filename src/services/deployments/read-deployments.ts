import { type DeploymentEvent, deploymentLog, deploymentsOf, findDeployment } from '../../db/repositories/deployments';
import { findIncident } from '../../db/repositories/incidents';
import { checkInOverdue, type Deployment, type DeploymentStatus } from '../../model/deployment';
import { AppError } from '../../model/errors';
import type { Incident } from '../../model/incident';
import type { Actor, Deps } from '../context';
import { audienceOf, disclose } from '../disclosure';

export type DeploymentView = Omit<Deployment, 'leaderName' | 'leaderPhone'> & {
  leaderName: string | null;
  leaderPhone: string | null;
  overdue: boolean;
  personalDataVisible: boolean;
};

async function incidentFor(deps: Deps, id: string): Promise<Incident> {
  const incident = await findIncident(deps.db, id);
  if (!incident) throw new AppError('not_found');
  return incident;
}

/** A deployment through the privacy policy: the leader's name and phone for the incident's coordinators and the team's own people. */
export function view(deps: Deps, actor: Actor, incident: Incident, d: Deployment): DeploymentView {
  const audience = audienceOf(actor, {
    kind: 'deployment',
    organizationId: d.organizationId,
    incidentAreas: incident.jurisdictions,
  });
  const overdue = incident.stage !== 'closed' && checkInOverdue(d, incident.policy.checkInIntervalMinutes, deps.now());
  return disclose('deployment', { ...d, overdue }, audience) as DeploymentView;
}

export async function listDeployments(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  status?: DeploymentStatus,
): Promise<DeploymentView[]> {
  const incident = await incidentFor(deps, incidentId);
  return (await deploymentsOf(deps.db, incidentId, status)).map((d) => view(deps, actor, incident, d));
}

export async function getDeployment(deps: Deps, actor: Actor, id: string): Promise<DeploymentView & { log: DeploymentEvent[] }> {
  const deployment = await findDeployment(deps.db, id);
  if (!deployment) throw new AppError('not_found');
  const incident = await incidentFor(deps, deployment.incidentId);
  return { ...view(deps, actor, incident, deployment), log: await deploymentLog(deps.db, id) };
}

/** Teams on the way or on the ground that have missed their check-in: every responder accounted for. */
export async function deploymentAlarms(deps: Deps, actor: Actor, incidentId: string): Promise<DeploymentView[]> {
  return (await listDeployments(deps, actor, incidentId)).filter((d) => d.overdue);
}
