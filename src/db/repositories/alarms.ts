/** Alarms raised by the sweep: missed check-ins and stale needs, until resolved. */
import type { Alarm, AlarmKind } from '../../model/alarm';
import { ACCOUNTABLE_STATUSES, type DeploymentStatus } from '../../model/deployment';
import type { NeedStatus } from '../../model/need';
import type { AlarmsTable, Executor } from '../schema';

const toAlarm = (r: AlarmsTable): Alarm => ({
  id: r.id,
  incidentId: r.incident_id,
  kind: r.kind as AlarmKind,
  subjectId: r.subject_id,
  organizationId: r.organization_id,
  dueAt: r.due_at,
  raisedAt: r.raised_at,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at,
  resolvedAt: r.resolved_at,
});

/** Inserts an alarm unless the same lapse was already raised (by this node or another); true when this call raised it. */
export async function raiseAlarmOnce(db: Executor, a: Alarm): Promise<boolean> {
  const result = await db
    .insertInto('alarms')
    .values({
      id: a.id,
      incident_id: a.incidentId,
      kind: a.kind,
      subject_id: a.subjectId,
      organization_id: a.organizationId,
      due_at: a.dueAt,
      raised_at: a.raisedAt,
      acknowledged_by: null,
      acknowledged_at: null,
      resolved_at: null,
    })
    .onConflict((oc) => oc.columns(['kind', 'subject_id', 'due_at']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findAlarm(db: Executor, id: string): Promise<Alarm | undefined> {
  const row = await db.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAlarm(row) : undefined;
}

/** Alarms not yet resolved, oldest first. */
export async function unresolvedAlarms(db: Executor, limit: number): Promise<Alarm[]> {
  const rows = await db
    .selectFrom('alarms')
    .selectAll()
    .where('resolved_at', 'is', null)
    .orderBy('raised_at')
    .limit(limit)
    .execute();
  return rows.map(toAlarm);
}

/** Marks an alarm resolved; false when another node did first. */
export async function resolveAlarm(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('alarms')
    .set({ resolved_at: at })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records who acknowledged an alarm; false when it already was. */
export async function acknowledgeAlarmRow(db: Executor, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('alarms')
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An incident's alarms, unresolved first then newest; only one organization's when asked. */
export async function alarmsOfIncident(
  db: Executor,
  incidentId: string,
  options: { unresolvedOnly: boolean; organizationId?: string; limit: number },
): Promise<Alarm[]> {
  let q = db.selectFrom('alarms').selectAll().where('incident_id', '=', incidentId);
  if (options.unresolvedOnly) q = q.where('resolved_at', 'is', null);
  if (options.organizationId) q = q.where('organization_id', '=', options.organizationId);
  const rows = await q.orderBy('raised_at', 'desc').orderBy('id').limit(options.limit).execute();
  return rows.map(toAlarm).sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null));
}

/** An incident's alarms of one kind (of one organization when asked), oldest first. */
export async function alarmsOfKind(db: Executor, incidentId: string, kind: AlarmKind, organizationId?: string): Promise<Alarm[]> {
  let q = db.selectFrom('alarms').selectAll().where('incident_id', '=', incidentId).where('kind', '=', kind);
  if (organizationId) q = q.where('organization_id', '=', organizationId);
  const rows = await q.orderBy('raised_at').orderBy('id').limit(1000).execute();
  return rows.map(toAlarm);
}

/** Teams on the way or on the ground in incidents not closed, with the policy of their incident. */
export async function accountableDeployments(db: Executor): Promise<
  {
    id: string;
    incidentId: string;
    organizationId: string;
    status: DeploymentStatus;
    lastCheckInAt: string | null;
    updatedAt: string;
    policy: string;
  }[]
> {
  const rows = await db
    .selectFrom('deployments')
    .innerJoin('incidents', 'incidents.id', 'deployments.incident_id')
    .select([
      'deployments.id',
      'deployments.incident_id',
      'deployments.organization_id',
      'deployments.status',
      'deployments.last_check_in_at',
      'deployments.updated_at',
      'incidents.policy',
    ])
    .where('deployments.status', 'in', [...ACCOUNTABLE_STATUSES])
    .where('incidents.stage', '!=', 'closed')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    organizationId: r.organization_id,
    status: r.status as DeploymentStatus,
    lastCheckInAt: r.last_check_in_at,
    updatedAt: r.updated_at,
    policy: r.policy,
  }));
}

/** Needs still to be acted on in incidents not closed whose last update is before `cutoff`, oldest first. */
export async function staleNeeds(
  db: Executor,
  statuses: readonly NeedStatus[],
  cutoff: string,
  limit: number,
): Promise<{ id: string; incidentId: string; updatedAt: string }[]> {
  const rows = await db
    .selectFrom('needs')
    .innerJoin('incidents', 'incidents.id', 'needs.incident_id')
    .select(['needs.id', 'needs.incident_id', 'needs.updated_at'])
    .where('needs.status', 'in', [...statuses])
    .where('needs.updated_at', '<', cutoff)
    .where('incidents.stage', '!=', 'closed')
    // Those already raised and not resolved are not looked at again, so older ones never crowd out newer ones.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('alarms')
            .select('alarms.id')
            .whereRef('alarms.subject_id', '=', 'needs.id')
            .where('alarms.kind', '=', 'stale_need')
            .where('alarms.resolved_at', 'is', null),
        ),
      ),
    )
    .orderBy('needs.updated_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, incidentId: r.incident_id, updatedAt: r.updated_at }));
}
