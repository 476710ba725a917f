/**
 * Reading and acknowledging the alarms of an incident. Coordinators of the incident see them
 * all and acknowledge them (recorded, and the board is told); an organization's people see the
 * alarms about their own teams. Alarms carry no personal data: a kind, a subject named by a
 * team's name or a need's title, and times.
 */
import { acknowledgeAlarmRow, alarmsOfIncident, findAlarm } from '../../db/repositories/alarms';
import { findDeployment } from '../../db/repositories/deployments';
import { findIncident } from '../../db/repositories/incidents';
import { findMoneyMovement } from '../../db/repositories/money';
import { findNeed } from '../../db/repositories/needs';
import { findOffer } from '../../db/repositories/offers';
import type { Executor } from '../../db/schema';
import type { Alarm } from '../../model/alarm';
import { AppError } from '../../model/errors';
import type { Incident } from '../../model/incident';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { disclose } from '../disclosure';
import { canCoordinateIncident, fieldOrganizationOf } from '../policy';

export type AlarmView = Alarm & { subjectLabel: string };

/** What the board names an alarm's subject by: a team's name, a need's title, the amount raised (¥). */
async function subjectLabelOf(db: Executor, alarm: Alarm): Promise<string> {
  switch (alarm.kind) {
    case 'missed_check_in':
      return (await findDeployment(db, alarm.subjectId))?.teamName ?? alarm.subjectId;
    case 'stale_need':
      return (await findNeed(db, alarm.subjectId))?.title ?? alarm.subjectId;
    case 'unqualified_fundraising': {
      const fen = (await findMoneyMovement(db, alarm.subjectId))?.amountFen ?? (await findOffer(db, alarm.subjectId))?.amountFen;
      return fen ? `¥${(fen / 100).toFixed(2)}` : alarm.subjectId;
    }
  }
}

async function labelled(db: Executor, alarm: Alarm): Promise<AlarmView> {
  const subjectLabel = await subjectLabelOf(db, alarm);
  // Every field is internal: any reader allowed here is at least a member.
  return disclose('alarm', { ...alarm, subjectLabel }, 'member') as AlarmView;
}

async function incidentFor(db: Executor, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident) throw new AppError('not_found');
  return incident;
}

/** Which alarms of an incident a reader may see: all of them, only its organization's, or none (403). */
function scopeOf(actor: Actor, incident: Incident): { organizationId?: string } {
  if (canCoordinateIncident(actor, incident.jurisdictions)) return {};
  const own = fieldOrganizationOf(actor);
  if (own) return { organizationId: own };
  throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
}

/** An incident's alarms, unresolved first (only those unless `all`), newest first within each. */
export async function listAlarms(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  options: { all?: boolean; limit?: number } = {},
): Promise<AlarmView[]> {
  const incident = await incidentFor(deps.db, incidentId);
  const scope = scopeOf(actor, incident);
  const alarms = await alarmsOfIncident(deps.db, incidentId, {
    unresolvedOnly: !options.all,
    limit: options.limit ?? 200,
    ...scope,
  });
  return Promise.all(alarms.map((a) => labelled(deps.db, a)));
}

/** A coordinator of the incident says they have seen an alarm and are on it; recorded once. */
export async function acknowledgeAlarm(deps: Deps, actor: Actor, alarmId: string): Promise<AlarmView> {
  return deps.db.transaction().execute(async (trx) => {
    const alarm = await findAlarm(trx, alarmId);
    if (!alarm) throw new AppError('not_found');
    const incident = await incidentFor(trx, alarm.incidentId);
    if (!canCoordinateIncident(actor, incident.jurisdictions)) {
      throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
    }
    const at = nowIso(deps);
    if (!(await acknowledgeAlarmRow(trx, alarmId, actorId(actor), at))) {
      throw new AppError('invalid_transition', { detail: 'the alarm was already acknowledged' });
    }
    const after = { ...alarm, acknowledgedBy: actorId(actor), acknowledgedAt: at };
    await recordChange(trx, deps, actor, {
      action: 'alarm.acknowledge',
      entityType: 'alarm',
      entityId: alarmId,
      after: { acknowledgedBy: after.acknowledgedBy, acknowledgedAt: at },
      live: { incidentId: alarm.incidentId, kind: 'alarm' },
    });
    return labelled(trx, after);
  });
}
