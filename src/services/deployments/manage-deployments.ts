/**
 * Deployments (报备): an organization files a team; a coordinator approves, declines or puts
 * it on standby; the team reports its way to the zone, checks in, works and returns.
 */

import { appendDeploymentEvent, findDeployment, insertDeployment, saveDeployment } from '../../db/repositories/deployments';
import { findIncident } from '../../db/repositories/incidents';
import type { Executor } from '../../db/schema';
import type { RescueSpecialty } from '../../model/capacity';
import { COORDINATOR_STATUSES, canMoveDeployment, type Deployment, type DeploymentStatus } from '../../model/deployment';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Incident } from '../../model/incident';
import { findJurisdiction, isWithin } from '../../model/jurisdictions';
import { hasPass } from '../../model/pass';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { createOnce, type IdempotentRequest } from '../idempotency';
import { actingOrganization } from '../organizations/load-organization';
import { revokeDeploymentPasses } from '../passes/revoke-passes';
import { actsFor, assertCanFileFor, canCoordinateIncident } from '../policy';

export interface DeploymentInput {
  organizationId: string;
  teamName: string;
  leaderName: string;
  leaderPhone: string;
  headcount: number;
  specialties?: RescueSpecialty[];
  equipment?: string[];
  vehicles?: number;
  origin: string;
  eta?: string | null;
  invitationReference?: string | null;
}

async function openIncident(trx: Executor, id: string): Promise<Incident> {
  const incident = await findIncident(trx, id);
  if (!incident) throw new AppError('not_found');
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
  return incident;
}

export async function fileDeployment(deps: Deps, actor: Actor, incidentId: string, input: DeploymentInput): Promise<Deployment> {
  assertCanFileFor(actor, input.organizationId);
  const teamName = requiredText(input.teamName, 'teamName');
  const leaderName = requiredText(input.leaderName, 'leaderName');
  const leaderPhone = requiredText(input.leaderPhone, 'leaderPhone');
  if (!findJurisdiction(input.origin)) {
    throw new AppError('unknown_jurisdiction', {
      field: 'origin',
      detail: `origin: no GB/T 2260 division has the code ${input.origin}`,
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const incident = await openIncident(trx, incidentId);
    const org = await actingOrganization(trx, input.organizationId);
    const local = org.jurisdictions.some((j) => incident.jurisdictions.some((area) => isWithin(j, area)));
    const invitation = input.invitationReference?.trim() || null;
    if (incident.policy.invitationRequired && !local && !invitation) {
      throw new AppError('invalid_input', {
        field: 'invitationReference',
        detail: 'teams from outside the affected areas need an invitation for this incident',
      });
    }
    const at = nowIso(deps);
    const deployment: Deployment = {
      id: newId(),
      incidentId,
      organizationId: org.id,
      teamName,
      leaderName,
      leaderPhone,
      headcount: input.headcount,
      specialties: [...new Set(input.specialties ?? [])],
      equipment: [...new Set((input.equipment ?? []).map((e) => e.trim()).filter(Boolean))],
      vehicles: input.vehicles ?? 0,
      origin: input.origin,
      eta: input.eta ?? null,
      invitationReference: invitation,
      status: 'filed',
      zone: null,
      reason: null,
      lastCheckInAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await insertDeployment(trx, deployment);
    await appendDeploymentEvent(trx, deployment.id, {
      kind: 'status',
      from: null,
      to: 'filed',
      note: null,
      lat: null,
      lon: null,
      actor: actorId(actor),
      at,
    });
    await recordChange(trx, deps, actor, {
      action: 'deployment.file',
      entityType: 'deployment',
      entityId: deployment.id,
      live: { incidentId, kind: 'deployment' },
      after: deployment,
    });
    return deployment;
  });
}

/** Moves a deployment: coordinators approve, decline (with a reason) or hold on standby; the team reports the rest. */
export async function moveDeployment(
  deps: Deps,
  actor: Actor,
  id: string,
  change: { to: DeploymentStatus; reason?: string | null; zone?: string | null },
): Promise<Deployment> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findDeployment(trx, id);
    if (!before) throw new AppError('not_found');
    const incident = await openIncident(trx, before.incidentId);
    const coordinates = canCoordinateIncident(actor, incident.jurisdictions);
    const mayMove = COORDINATOR_STATUSES.includes(change.to) ? coordinates : coordinates || actsFor(actor, before.organizationId);
    if (!mayMove) throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
    if (!canMoveDeployment(before.status, change.to)) {
      throw new AppError('invalid_transition', {
        field: 'to',
        detail: `a deployment cannot move from ${before.status} to ${change.to}`,
      });
    }
    const reason = change.reason?.trim() || null;
    if (change.to === 'declined' && !reason)
      throw new AppError('invalid_input', { field: 'reason', detail: 'a declined deployment needs a reason' });
    const at = nowIso(deps);
    const after: Deployment = {
      ...before,
      status: change.to,
      reason: reason ?? before.reason,
      zone: change.zone?.trim() || before.zone,
      lastCheckInAt: change.to === 'checked_in' ? at : before.lastCheckInAt,
      updatedAt: at,
    };
    await saveDeployment(trx, after);
    await appendDeploymentEvent(trx, id, {
      kind: 'status',
      from: before.status,
      to: change.to,
      note: reason,
      lat: null,
      lon: null,
      actor: actorId(actor),
      at,
    });
    // A team withdrawn, returned or declined no longer has a pass.
    if (!hasPass(change.to)) await revokeDeploymentPasses(trx, deps, actor, [id], `deployment ${change.to}`);
    await recordChange(trx, deps, actor, {
      action: 'deployment.move',
      entityType: 'deployment',
      entityId: id,
      live: { incidentId: before.incidentId, kind: 'deployment' },
      before: { status: before.status, zone: before.zone },
      after: { status: after.status, zone: after.zone, reason },
      // A coordinator's decision (approved, declined, standby) is an event the deploying organization follows.
      ...(COORDINATOR_STATUSES.includes(change.to)
        ? { event: { type: 'deployment.decided' as const, incidentId: before.incidentId, organizationId: before.organizationId } }
        : {}),
    });
    return after;
  });
}

/** A team reports in: it is accounted for until the incident's check-in interval runs out again. */
export async function checkInDeployment(
  deps: Deps,
  actor: Actor,
  id: string,
  report: { note?: string | null; lat?: number | null; lon?: number | null },
  idempotency?: IdempotentRequest,
): Promise<{ replayed: boolean }> {
  // A retry with the same key (a phone's outbox resending) is the same check-in, not a second one.
  const { replayed } = await createOnce(
    deps.db,
    idempotency,
    () => nowIso(deps),
    async (trx) => {
      const before = await findDeployment(trx, id);
      if (!before) throw new AppError('not_found');
      const incident = await openIncident(trx, before.incidentId);
      if (!actsFor(actor, before.organizationId) && !canCoordinateIncident(actor, incident.jurisdictions))
        throw new AppError('forbidden');
      if (!['approved', 'en_route', 'checked_in', 'working'].includes(before.status)) {
        throw new AppError('invalid_transition', { field: 'status', detail: `a ${before.status} deployment does not check in` });
      }
      const at = nowIso(deps);
      await saveDeployment(trx, { ...before, lastCheckInAt: at, updatedAt: at });
      await appendDeploymentEvent(trx, id, {
        kind: 'check_in',
        from: null,
        to: null,
        note: report.note?.trim() || null,
        lat: report.lat ?? null,
        lon: report.lon ?? null,
        actor: actorId(actor),
        at,
      });
      await recordChange(trx, deps, actor, {
        action: 'deployment.check_in',
        entityType: 'deployment',
        entityId: id,
        live: { incidentId: before.incidentId, kind: 'deployment' },
        after: { at },
      });
      return id;
    },
  );
  return { replayed };
}
