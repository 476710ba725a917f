/**
 * Declaring an incident, changing its particulars and policy, and moving it through its stages.
 * A change of level, warning colour, areas or policy needs a reason and joins the incident's
 * timeline with the stage moves.
 */

import {
  appendIncidentChanges,
  appendStageChange,
  findIncident,
  insertIncident,
  saveIncident,
  timelineOf,
} from '../../db/repositories/incidents';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import {
  canMoveStage,
  DEFAULT_POLICY,
  type Incident,
  type IncidentCategory,
  type IncidentLevel,
  type IncidentPolicy,
  type IncidentStage,
  type WarningColor,
} from '../../model/incident';
import { commandChanges, type IncidentChange, stageEntry } from '../../model/incident-command';
import { findJurisdiction } from '../../model/jurisdictions';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { revokeIncidentPasses } from '../passes/revoke-passes';
import { assertCanManageIncident } from '../policy';

export interface IncidentInput {
  name: string;
  category: IncidentCategory;
  type: string;
  level: IncidentLevel;
  warningColor?: WarningColor | null;
  jurisdictions: string[];
  stage?: 'preparedness' | 'response';
  policy?: Partial<IncidentPolicy>;
  description?: string | null;
}

function checkJurisdictions(codes: string[]): string[] {
  const unique = [...new Set(codes)];
  unique.forEach((code, i) => {
    if (!findJurisdiction(code)) {
      throw new AppError('unknown_jurisdiction', {
        field: `jurisdictions/${i}`,
        detail: `jurisdictions/${i}: no GB/T 2260 division has the code ${code}`,
      });
    }
  });
  return unique;
}

/** An incident with its timeline: stage moves and command changes, oldest first. */
export type CommandedIncident = Incident & { timeline: IncidentChange[] };

export async function declareIncident(deps: Deps, actor: Actor, input: IncidentInput): Promise<CommandedIncident> {
  const jurisdictions = checkJurisdictions(input.jurisdictions);
  assertCanManageIncident(actor, jurisdictions);
  const name = requiredText(input.name, 'name');
  const type = requiredText(input.type, 'type');
  return deps.db.transaction().execute(async (trx) => {
    const at = nowIso(deps);
    const stage = input.stage ?? 'response';
    const incident: Incident = {
      id: newId(),
      name,
      category: input.category,
      type,
      level: input.level,
      warningColor: input.warningColor ?? null,
      jurisdictions,
      stage,
      stages: [{ from: null, to: stage, at, actor: actorId(actor), reason: null }],
      policy: { ...DEFAULT_POLICY, ...input.policy },
      description: input.description?.trim() || null,
      declaredBy: actorId(actor),
      createdAt: at,
      updatedAt: at,
    };
    const { stages, ...row } = incident;
    await insertIncident(trx, row);
    await appendStageChange(trx, incident.id, stages[0]);
    await recordChange(trx, deps, actor, {
      action: 'incident.declare',
      entityType: 'incident',
      entityId: incident.id,
      live: { incidentId: incident.id, kind: 'incident' },
      after: row,
    });
    return { ...incident, timeline: stages.map(stageEntry) };
  });
}

export type IncidentPatch = Partial<Omit<IncidentInput, 'stage' | 'policy'>> & {
  policy?: Partial<IncidentPolicy>;
  /** Why the level, warning colour, areas or policy change; required when any of them does. */
  reason?: string | null;
};

/**
 * Changes an incident's particulars. Its name, type, category and description change freely;
 * a change of level, warning colour, areas or policy needs a reason (400 `reason_required`)
 * and is recorded in the timeline, one entry per thing changed.
 */
export async function updateIncident(deps: Deps, actor: Actor, id: string, patch: IncidentPatch): Promise<CommandedIncident> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findIncident(trx, id);
    if (!before) throw new AppError('not_found');
    assertCanManageIncident(actor, before.jurisdictions);
    if (before.stage === 'closed') throw new AppError('archived', { detail: 'a closed incident no longer changes' });
    const jurisdictions = patch.jurisdictions ? checkJurisdictions(patch.jurisdictions) : before.jurisdictions;
    assertCanManageIncident(actor, jurisdictions);
    const after: Incident = {
      ...before,
      name: patch.name !== undefined ? requiredText(patch.name, 'name') : before.name,
      category: patch.category ?? before.category,
      type: patch.type !== undefined ? requiredText(patch.type, 'type') : before.type,
      level: patch.level ?? before.level,
      warningColor: patch.warningColor !== undefined ? patch.warningColor : before.warningColor,
      jurisdictions,
      policy: { ...before.policy, ...patch.policy },
      description: patch.description !== undefined ? patch.description?.trim() || null : before.description,
      updatedAt: nowIso(deps),
    };
    const reason = patch.reason?.trim() || null;
    const changes = commandChanges(before, after, { at: after.updatedAt, actor: actorId(actor), reason });
    if (changes.length > 0 && reason === null) {
      throw new AppError('reason_required', {
        field: 'reason',
        detail: `reason: changing ${changes.map((c) => c.kind).join(', ')} needs a reason`,
      });
    }
    const { stages: _before, ...beforeRow } = before;
    const { stages: _after, ...afterRow } = after;
    await saveIncident(trx, afterRow);
    await appendIncidentChanges(trx, id, changes);
    await recordChange(trx, deps, actor, {
      action: 'incident.update',
      entityType: 'incident',
      entityId: id,
      live: { incidentId: id, kind: 'incident' },
      before: beforeRow,
      after: { ...afterRow, changes },
    });
    return { ...after, timeline: await timelineOf(trx, id) };
  });
}

/** Moves an incident to its next stage, recording when and by whom. */
export async function moveIncidentStage(
  deps: Deps,
  actor: Actor,
  id: string,
  change: { to: IncidentStage; reason?: string | null },
): Promise<CommandedIncident> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findIncident(trx, id);
    if (!before) throw new AppError('not_found');
    assertCanManageIncident(actor, before.jurisdictions);
    if (!canMoveStage(before.stage, change.to)) {
      throw new AppError('invalid_transition', {
        field: 'to',
        detail: `an incident cannot move from ${before.stage} to ${change.to}`,
      });
    }
    const at = nowIso(deps);
    const step = { from: before.stage, to: change.to, at, actor: actorId(actor), reason: change.reason?.trim() || null };
    const { stages, ...row } = before;
    await saveIncident(trx, { ...row, stage: change.to, updatedAt: at });
    await appendStageChange(trx, id, step);
    // A closed incident sends nobody on: its teams' passes are revoked.
    if (change.to === 'closed') await revokeIncidentPasses(trx, deps, actor, id);
    await recordChange(trx, deps, actor, {
      action: 'incident.stage',
      entityType: 'incident',
      entityId: id,
      live: { incidentId: id, kind: 'incident' },
      before: { stage: before.stage },
      after: step,
    });
    return { ...before, stage: change.to, stages: [...stages, step], updatedAt: at, timeline: await timelineOf(trx, id) };
  });
}
