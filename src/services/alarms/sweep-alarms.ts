/**
 * The alarm sweep: every minute each server looks for teams that missed their check-in and
 * needs nobody has updated for too long, raises an alarm for each lapse (recorded in the audit
 * log and pushed live to the board) and resolves alarms whose subject has moved on. Safe on
 * several nodes: a lapse is one row (unique by kind, subject and due time), and only the node
 * whose insert or update took effect records it.
 */
import { accountableDeployments, raiseAlarmOnce, resolveAlarm, staleNeeds, unresolvedAlarms } from '../../db/repositories/alarms';
import { findDeployment } from '../../db/repositories/deployments';
import { findIncident } from '../../db/repositories/incidents';
import { findNeed } from '../../db/repositories/needs';
import type { Executor } from '../../db/schema';
import { type Alarm, type AlarmKind, checkInDueAt, STALE_NEED_STATUSES, staleAt, staleCutoff } from '../../model/alarm';
import { newId } from '../../model/ids';
import type { IncidentPolicy } from '../../model/incident';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';

const SWEEP: Actor = { kind: 'system', label: 'alarm-sweep' };
/** At most this many alarms are raised or resolved per sweep; the rest wait a minute. */
const BATCH = 500;

export interface SweepOptions {
  staleNeedHours: number;
}

async function raise(
  deps: Deps,
  lapse: { incidentId: string; kind: AlarmKind; subjectId: string; organizationId: string | null; dueAt: string },
): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const alarm: Alarm = {
      id: newId(),
      ...lapse,
      raisedAt: nowIso(deps),
      acknowledgedBy: null,
      acknowledgedAt: null,
      resolvedAt: null,
    };
    if (!(await raiseAlarmOnce(trx, alarm))) return false;
    await recordChange(trx, deps, SWEEP, {
      action: 'alarm.raise',
      entityType: 'alarm',
      entityId: alarm.id,
      after: alarm,
      live: { incidentId: alarm.incidentId, kind: 'alarm' },
      // A missed check-in is also an event (about the alarm) for the team's organization and the area's coordinators.
      ...(alarm.kind === 'missed_check_in'
        ? { event: { type: 'checkin.missed' as const, incidentId: alarm.incidentId, organizationId: alarm.organizationId } }
        : {}),
    });
    return true;
  });
}

/** The due time a subject would have now, or null when it no longer lapses. */
async function currentDue(trx: Executor, alarm: Alarm, options: SweepOptions, now: Date): Promise<string | null> {
  switch (alarm.kind) {
    case 'missed_check_in': {
      const deployment = await findDeployment(trx, alarm.subjectId);
      const incident = deployment ? await findIncident(trx, deployment.incidentId) : undefined;
      if (!deployment || !incident || incident.stage === 'closed') return null;
      const due = checkInDueAt(deployment, incident.policy.checkInIntervalMinutes);
      return due !== null && due <= now.toISOString() ? due : null;
    }
    case 'stale_need': {
      const need = await findNeed(trx, alarm.subjectId);
      if (!need || !STALE_NEED_STATUSES.includes(need.status)) return null;
      const due = staleAt(need.updatedAt, options.staleNeedHours);
      return due <= now.toISOString() ? due : null;
    }
    case 'unqualified_fundraising':
      // The money was raised: it stays flagged until acknowledged, never resolved by time.
      return alarm.dueAt;
  }
}

/** Raises the alarms now due and resolves those whose subject checked in, was updated or ended. */
export async function sweepAlarms(deps: Deps, options: SweepOptions): Promise<{ raised: number; resolved: number }> {
  const now = deps.now();
  const nowText = now.toISOString();
  let raised = 0;
  let resolved = 0;

  // Resolve first, so a team that checked in and lapsed again gets its new alarm below.
  for (const alarm of await unresolvedAlarms(deps.db, BATCH)) {
    const done = await deps.db.transaction().execute(async (trx) => {
      if ((await currentDue(trx, alarm, options, now)) === alarm.dueAt) return false;
      if (!(await resolveAlarm(trx, alarm.id, nowText))) return false;
      await recordChange(trx, deps, SWEEP, {
        action: 'alarm.resolve',
        entityType: 'alarm',
        entityId: alarm.id,
        after: { resolvedAt: nowText },
        live: { incidentId: alarm.incidentId, kind: 'alarm' },
      });
      return true;
    });
    if (done) resolved++;
  }

  for (const d of await accountableDeployments(deps.db)) {
    if (raised >= BATCH) break;
    const policy = JSON.parse(d.policy) as IncidentPolicy;
    const dueAt = checkInDueAt(d, policy.checkInIntervalMinutes);
    if (dueAt === null || dueAt > nowText) continue;
    const lapse = {
      incidentId: d.incidentId,
      kind: 'missed_check_in' as const,
      subjectId: d.id,
      organizationId: d.organizationId,
      dueAt,
    };
    if (await raise(deps, lapse)) raised++;
  }

  const cutoff = staleCutoff(now, options.staleNeedHours);
  for (const need of await staleNeeds(deps.db, STALE_NEED_STATUSES, cutoff, BATCH)) {
    const dueAt = staleAt(need.updatedAt, options.staleNeedHours);
    if (await raise(deps, { incidentId: need.incidentId, kind: 'stale_need', subjectId: need.id, organizationId: null, dueAt }))
      raised++;
  }
  return { raised, resolved };
}
