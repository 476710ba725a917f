/**
 * Allocation plans (调配方案): the platform proposes how an incident's supplies serve its open
 * needs for goods (the most important first, transport kept short), the coordinator reviews
 * and changes it, then commits it (commit-allocation.ts) or discards it.
 */
import {
  type AllocationLine,
  type AllocationPlanRecord,
  decidePlan,
  findPlan,
  insertPlan,
  replaceLines,
} from '../../db/repositories/allocation-plans';
import { findIncident } from '../../db/repositories/incidents';
import type { Executor } from '../../db/schema';
import { type Allocation, checkPlan, scorePlan, solveAllocation } from '../../matching/allocate';
import { allocationKm } from '../../matching/allocate-problem';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Incident } from '../../model/incident';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { canCoordinateIncident, coordinatesIncidents } from '../policy';
import { type IncidentAllocation, incidentAllocationProblem } from './allocation-problem';

export const DEFAULT_MAX_DISTANCE_KM = 300;

/** The incident, for one of its coordinators (or an admin). */
export async function coordinatedIncident(db: Executor, actor: Actor, incidentId: string): Promise<Incident> {
  const incident = await findIncident(db, incidentId);
  if (!incident) throw new AppError('not_found');
  if (!canCoordinateIncident(actor, incident.jurisdictions)) {
    throw new AppError(coordinatesIncidents(actor) ? 'out_of_scope' : 'forbidden');
  }
  return incident;
}

/** A plan and its incident, for one of the incident's coordinators. */
export async function coordinatedPlan(db: Executor, actor: Actor, planId: string): Promise<AllocationPlanRecord> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('not_found');
  await coordinatedIncident(db, actor, plan.incidentId);
  return plan;
}

/**
 * A plan about to change or be committed, for one of its incident's coordinators: a closed
 * incident allocates nothing more (409 archived, as other writes to it); it may still be discarded.
 */
export async function changeablePlan(db: Executor, actor: Actor, planId: string): Promise<AllocationPlanRecord> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('not_found');
  const incident = await coordinatedIncident(db, actor, plan.incidentId);
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
  return plan;
}

function linesOf(allocations: readonly Allocation[], current: IncidentAllocation): AllocationLine[] {
  const needs = new Map(current.problem.needs.map((n) => [n.id, n]));
  return allocations.map((a) => {
    const need = needs.get(a.needId);
    const supply = current.supplies.get(a.supplyId);
    if (!need || !supply) throw new Error('a checked allocation names a known need and supply');
    return {
      needId: a.needId,
      supplyKey: a.supplyId,
      item: supply.item,
      quantity: a.quantity,
      distanceKm: Number(
        allocationKm(need, {
          id: supply.key,
          item: supply.item,
          quantity: supply.quantity,
          lat: supply.lat,
          lon: supply.lon,
        }).toFixed(3),
      ),
    };
  });
}

/** Proposes a plan for the incident's open needs for goods from the supplies held now. */
export async function proposeAllocation(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: { maxDistanceKm?: number },
): Promise<AllocationPlanRecord> {
  const incident = await coordinatedIncident(deps.db, actor, incidentId);
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
  const maxDistanceKm = input.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM;
  const current = await incidentAllocationProblem(deps.db, incidentId, maxDistanceKm);
  const solved = solveAllocation(current.problem);
  const at = nowIso(deps);
  const plan: AllocationPlanRecord = {
    id: newId(),
    incidentId,
    status: 'proposed',
    maxDistanceKm,
    score: solved.plan.score,
    upperBound: solved.upperBound,
    createdBy: actorId(actor),
    createdAt: at,
    updatedAt: at,
    decidedBy: null,
    decidedAt: null,
    lines: linesOf(solved.plan.allocations, current),
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertPlan(trx, plan);
    await recordChange(trx, deps, actor, {
      action: 'allocation.propose',
      entityType: 'allocationPlan',
      entityId: plan.id,
      after: { maxDistanceKm, score: plan.score, lines: plan.lines.length },
      live: { incidentId, kind: 'allocation' },
    });
  });
  return plan;
}

/** The coordinator's change to a proposed plan: its allocations, held to the supplies and needs as they are now. */
export async function editAllocation(
  deps: Deps,
  actor: Actor,
  planId: string,
  allocations: readonly Allocation[],
): Promise<AllocationPlanRecord> {
  return deps.db.transaction().execute(async (trx) => {
    const plan = await changeablePlan(trx, actor, planId);
    if (plan.status !== 'proposed') {
      throw new AppError('invalid_transition', { detail: `the plan is ${plan.status}: only a proposed plan changes` });
    }
    const current = await incidentAllocationProblem(trx, plan.incidentId, plan.maxDistanceKm);
    const score = scorePlan(current.problem, allocations);
    const check = checkPlan(current.problem, { allocations: [...allocations], score });
    if (!check.feasible) {
      // How far apart a pair is would locate a need the coordinator may see only on the grid: say only that it is out of range.
      const problems = check.problems.map((p) => p.replace(/ [\d.]+ km apart, over ([\d.]+) km/, ' farther apart than $1 km'));
      throw new AppError('invalid_input', {
        field: 'allocations',
        detail: `allocations: ${problems.slice(0, 5).join('; ')}`,
        extra: { problems: problems.slice(0, 20) },
      });
    }
    const at = nowIso(deps);
    const lines = linesOf(allocations, current);
    await replaceLines(trx, planId, lines, { score, upperBound: plan.upperBound, at });
    await recordChange(trx, deps, actor, {
      action: 'allocation.edit',
      entityType: 'allocationPlan',
      entityId: planId,
      before: { score: plan.score, lines: plan.lines.length },
      after: { score, lines: lines.length },
      live: { incidentId: plan.incidentId, kind: 'allocation' },
    });
    return { ...plan, score, lines, updatedAt: at };
  });
}

/** The coordinator sets a proposed plan aside. */
export async function discardAllocation(deps: Deps, actor: Actor, planId: string): Promise<AllocationPlanRecord> {
  return deps.db.transaction().execute(async (trx) => {
    const plan = await coordinatedPlan(trx, actor, planId);
    const at = nowIso(deps);
    if (!(await decidePlan(trx, planId, 'discarded', actorId(actor), at))) {
      throw new AppError('invalid_transition', { detail: `the plan is ${plan.status}: only a proposed plan is discarded` });
    }
    await recordChange(trx, deps, actor, {
      action: 'allocation.discard',
      entityType: 'allocationPlan',
      entityId: planId,
      before: { status: plan.status },
      after: { status: 'discarded' },
      live: { incidentId: plan.incidentId, kind: 'allocation' },
    });
    return { ...plan, status: 'discarded', decidedBy: actorId(actor), decidedAt: at, updatedAt: at };
  });
}
