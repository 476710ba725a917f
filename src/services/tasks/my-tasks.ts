/**
 * "My tasks": what is an organization's to do now, for its admin and members (and an agency's
 * staff) — dispatches awaiting an answer, the needs it holds with their expiry, its teams with
 * the next check-in due, and the open needs in its areas (and those of the incidents its approved
 * teams are in) and its categories that nobody has claimed.
 * Every need and team goes through the privacy policy like anywhere else.
 */
import { holdingClaimsOfOrganization } from '../../db/repositories/claims';
import { findIncident } from '../../db/repositories/incidents';
import { findOrganization } from '../../db/repositories/organizations';
import { needsByIds, ongoingDeploymentsOf, unclaimedNeedsFor } from '../../db/repositories/tasks';
import { checkInDueAt } from '../../model/alarm';
import { AppError } from '../../model/errors';
import type { Incident } from '../../model/incident';
import { mayAct } from '../../model/membership';
import type { Actor, Deps } from '../context';
import { type DeploymentView, view as deploymentView } from '../deployments/read-deployments';
import { type NeedView, viewsOf } from '../needs/read-needs';
import { fieldOrganizationOf } from '../policy';

const UNCLAIMED_LIMIT = 30;

export interface ClaimTask {
  claimId: string;
  status: string;
  quantity: number;
  expiresAt: string;
  claimedAt: string;
  incidentId: string;
  incidentName: string;
  need: NeedView;
}

export interface DeploymentTask {
  incidentName: string;
  /** When the next check-in is due (teams on the way or on the ground), else null. */
  nextCheckInDue: string | null;
  deployment: DeploymentView;
}

export interface MyTasks {
  organizationId: string;
  /** Whether the organization may act now (claim, accept, deploy): its membership is active or under cultivation. */
  mayAct: boolean;
  dispatches: ClaimTask[];
  claims: ClaimTask[];
  deployments: DeploymentTask[];
  unclaimed: (NeedView & { incidentName: string })[];
}

/** The tasks of the organization the reader acts for; 403 for readers who act for none. */
export async function myTasks(deps: Deps, actor: Actor): Promise<MyTasks> {
  const organizationId = fieldOrganizationOf(actor);
  if (!organizationId) {
    throw new AppError('forbidden', { detail: 'tasks belong to an organization: sign in as one of its people to see them' });
  }
  const org = await findOrganization(deps.db, organizationId);
  if (!org) throw new AppError('not_found');
  const incidents = new Map<string, Incident | undefined>();
  const incidentOf = async (id: string) => {
    if (!incidents.has(id)) incidents.set(id, await findIncident(deps.db, id));
    return incidents.get(id);
  };

  const held = await holdingClaimsOfOrganization(deps.db, organizationId);
  const needs = new Map(
    (
      await viewsOf(
        deps.db,
        actor,
        await needsByIds(
          deps.db,
          held.map((c) => c.needId),
        ),
      )
    ).map((n) => [n.id, n]),
  );
  const claimTasks: ClaimTask[] = [];
  for (const claim of held) {
    const need = needs.get(claim.needId);
    const incident = need ? await incidentOf(need.incidentId) : undefined;
    if (!need || !incident || incident.stage === 'closed') continue;
    claimTasks.push({
      claimId: claim.id,
      status: claim.status,
      quantity: claim.quantity,
      expiresAt: claim.expiresAt,
      claimedAt: claim.claimedAt,
      incidentId: incident.id,
      incidentName: incident.name,
      need,
    });
  }
  claimTasks.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));

  const deployments: DeploymentTask[] = [];
  // Its areas, and the areas of the incidents its approved teams are working in.
  const areas = new Set(org.jurisdictions);
  for (const d of await ongoingDeploymentsOf(deps.db, organizationId)) {
    const incident = await incidentOf(d.incidentId);
    if (!incident) continue;
    if (!['filed', 'standby'].includes(d.status)) for (const area of incident.jurisdictions) areas.add(area);
    deployments.push({
      incidentName: incident.name,
      nextCheckInDue: checkInDueAt(d, incident.policy.checkInIntervalMinutes),
      deployment: deploymentView(deps, actor, incident, d),
    });
  }

  const open = await unclaimedNeedsFor(deps.db, {
    areas: [...areas],
    categories: org.capabilities.serviceCategories,
    limit: UNCLAIMED_LIMIT,
  });
  const unclaimed = [];
  for (const need of await viewsOf(deps.db, actor, open)) {
    unclaimed.push({ ...need, incidentName: (await incidentOf(need.incidentId))?.name ?? need.incidentId });
  }

  return {
    organizationId,
    mayAct: mayAct(org.membership.status) && !org.archived,
    dispatches: claimTasks.filter((c) => c.status === 'offered'),
    claims: claimTasks.filter((c) => c.status !== 'offered'),
    deployments,
    unclaimed,
  };
}
