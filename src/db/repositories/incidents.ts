/** Incidents, the history of their stages and the changes of their level, colour, areas and policy. */

import type {
  Incident,
  IncidentCategory,
  IncidentLevel,
  IncidentPolicy,
  IncidentStage,
  StageChange,
  WarningColor,
} from '../../model/incident';
import type { ChangeKind, ChangeValue, IncidentChange } from '../../model/incident-command';
import { mergeTimeline } from '../../model/incident-command';
import type { Executor, IncidentsTable } from '../schema';

type IncidentRow = Omit<Incident, 'stages'>;

const toIncident = (r: IncidentsTable): IncidentRow => ({
  id: r.id,
  name: r.name,
  category: r.category as IncidentCategory,
  type: r.type,
  level: Number(r.level) as IncidentLevel,
  warningColor: r.warning_color as WarningColor | null,
  jurisdictions: JSON.parse(r.jurisdictions) as string[],
  stage: r.stage as IncidentStage,
  policy: JSON.parse(r.policy) as IncidentPolicy,
  description: r.description,
  declaredBy: r.declared_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (i: IncidentRow): IncidentsTable => ({
  id: i.id,
  name: i.name,
  category: i.category,
  type: i.type,
  level: i.level,
  warning_color: i.warningColor,
  jurisdictions: JSON.stringify(i.jurisdictions),
  stage: i.stage,
  policy: JSON.stringify(i.policy),
  description: i.description,
  declared_by: i.declaredBy,
  created_at: i.createdAt,
  updated_at: i.updatedAt,
});

export async function insertIncident(db: Executor, incident: IncidentRow): Promise<void> {
  await db.insertInto('incidents').values(toRow(incident)).execute();
}

export async function saveIncident(db: Executor, incident: IncidentRow): Promise<void> {
  const { id, ...rest } = toRow(incident);
  await db.updateTable('incidents').set(rest).where('id', '=', id).execute();
}

export async function appendStageChange(db: Executor, incidentId: string, change: StageChange): Promise<void> {
  const last = await db
    .selectFrom('incident_stages')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  await db
    .insertInto('incident_stages')
    .values({
      incident_id: incidentId,
      seq: Number(last?.seq ?? 0) + 1,
      from_stage: change.from,
      to_stage: change.to,
      actor_id: change.actor,
      reason: change.reason,
      at: change.at,
    })
    .execute();
}

/** Appends command changes (level, colour, areas, policy) to an incident's timeline, in order. */
export async function appendIncidentChanges(db: Executor, incidentId: string, changes: readonly IncidentChange[]): Promise<void> {
  if (changes.length === 0) return;
  const last = await db
    .selectFrom('incident_changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  const start = Number(last?.seq ?? 0);
  await db
    .insertInto('incident_changes')
    .values(
      changes.map((c, i) => ({
        incident_id: incidentId,
        seq: start + i + 1,
        kind: c.kind,
        from_value: JSON.stringify(c.from),
        to_value: JSON.stringify(c.to),
        actor_id: c.actor,
        reason: c.reason ?? '',
        at: c.at,
      })),
    )
    .execute();
}

/** An incident's whole timeline: stage moves and command changes, oldest first. */
export async function timelineOf(db: Executor, incidentId: string): Promise<IncidentChange[]> {
  const [stages, rows] = await Promise.all([
    stagesOf(db, incidentId),
    db.selectFrom('incident_changes').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute(),
  ]);
  const changes = rows.map((r) => ({
    kind: r.kind as ChangeKind,
    from: JSON.parse(r.from_value) as ChangeValue,
    to: JSON.parse(r.to_value) as ChangeValue,
    at: r.at,
    actor: r.actor_id,
    reason: r.reason,
  }));
  return mergeTimeline(stages, changes);
}

async function stagesOf(db: Executor, incidentId: string): Promise<StageChange[]> {
  const rows = await db.selectFrom('incident_stages').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute();
  return rows.map((r) => ({
    from: r.from_stage as IncidentStage | null,
    to: r.to_stage as IncidentStage,
    at: r.at,
    actor: r.actor_id,
    reason: r.reason,
  }));
}

export async function findIncident(db: Executor, id: string): Promise<Incident | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...toIncident(row), stages: await stagesOf(db, id) } : undefined;
}

/** Incidents, newest first, optionally of some stages. */
export async function listIncidentRows(db: Executor, stages?: readonly IncidentStage[]): Promise<IncidentRow[]> {
  let q = db.selectFrom('incidents').selectAll();
  if (stages?.length) q = q.where('stage', 'in', stages);
  return (await q.orderBy('created_at', 'desc').orderBy('id').execute()).map(toIncident);
}
