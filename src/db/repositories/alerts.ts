/** Early warnings (CAP alerts) and the incidents they concern. */
import type {
  Alert,
  AlertOrigin,
  AlertState,
  CapCategory,
  CapCertainty,
  CapMsgType,
  CapScope,
  CapSeverity,
  CapStatus,
  CapUrgency,
  Polygon,
} from '../../model/alert';
import type { WarningColor } from '../../model/incident';
import type { DialectName } from '../database';
import { lockedForChange } from '../row-lock';
import type { AlertsTable, Executor } from '../schema';

const toAlert = (r: AlertsTable): Alert => ({
  id: r.id,
  identifier: r.identifier,
  sender: r.sender,
  sent: r.sent,
  status: r.status as CapStatus,
  msgType: r.msg_type as CapMsgType,
  scope: r.scope as CapScope,
  references: r.refs,
  note: r.note,
  origin: r.origin as AlertOrigin,
  state: r.state as AlertState,
  event: r.event,
  headline: r.headline,
  description: r.description,
  instruction: r.instruction,
  warningColor: r.warning_color as WarningColor | null,
  category: r.category as CapCategory,
  urgency: r.urgency as CapUrgency,
  severity: r.severity as CapSeverity,
  certainty: r.certainty as CapCertainty,
  jurisdictions: JSON.parse(r.jurisdictions) as string[],
  areaDesc: r.area_desc,
  polygon: r.polygon === null ? null : (JSON.parse(r.polygon) as Polygon),
  effective: r.effective,
  expires: r.expires,
  xml: r.xml,
  createdAt: r.created_at,
});

export async function insertAlert(db: Executor, a: Alert, createdBy: string): Promise<void> {
  await db
    .insertInto('alerts')
    .values({
      id: a.id,
      identifier: a.identifier,
      sender: a.sender,
      sent: a.sent,
      status: a.status,
      msg_type: a.msgType,
      scope: a.scope,
      refs: a.references,
      note: a.note,
      origin: a.origin,
      state: a.state,
      event: a.event,
      headline: a.headline,
      description: a.description,
      instruction: a.instruction,
      warning_color: a.warningColor,
      category: a.category,
      urgency: a.urgency,
      severity: a.severity,
      certainty: a.certainty,
      jurisdictions: JSON.stringify(a.jurisdictions),
      area_desc: a.areaDesc,
      polygon: a.polygon === null ? null : JSON.stringify(a.polygon),
      effective: a.effective,
      expires: a.expires,
      xml: a.xml,
      created_by: createdBy,
      created_at: a.createdAt,
    })
    .execute();
}

export async function setAlertState(db: Executor, ids: readonly string[], state: AlertState): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('alerts').set({ state }).where('id', 'in', ids).execute();
}

/** An alert read to be answered by a new message: locked until the transaction ends, so two updates of it cannot both go out. */
export async function findAlertForChange(db: Executor, id: string, dialect: DialectName): Promise<Alert | undefined> {
  const row = await lockedForChange(db.selectFrom('alerts').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  return row && toAlert(row);
}

export async function findAlert(db: Executor, id: string): Promise<Alert | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAlert(row);
}

export async function findAlertBySenderIdentifier(db: Executor, sender: string, identifier: string): Promise<Alert | undefined> {
  const row = await db
    .selectFrom('alerts')
    .selectAll()
    .where('sender', '=', sender)
    .where('identifier', '=', identifier)
    .executeTakeFirst();
  return row && toAlert(row);
}

/** How many alerts a sender has with identifiers starting so (the day's sequence of our own). */
export async function countIdentifiersLike(db: Executor, sender: string, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sender', '=', sender)
    .where('identifier', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function linkAlertIncidents(db: Executor, alertId: string, incidentIds: readonly string[]): Promise<void> {
  if (incidentIds.length === 0) return;
  await db
    .insertInto('alert_incidents')
    .values(incidentIds.map((incident_id) => ({ alert_id: alertId, incident_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The incidents each alert concerns. */
export async function incidentsOfAlerts(db: Executor, alertIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(alertIds.map((id) => [id, []]));
  if (alertIds.length === 0) return out;
  const rows = await db
    .selectFrom('alert_incidents')
    .select(['alert_id', 'incident_id'])
    .where('alert_id', 'in', alertIds)
    .orderBy('incident_id')
    .execute();
  for (const r of rows) out.get(r.alert_id)?.push(r.incident_id);
  return out;
}

export interface AlertFilter {
  incidentId?: string;
  /** true: alerts linked to some incident; false: linked to none. */
  attached?: boolean;
  origin?: AlertOrigin;
  /** Only public alerts (CAP scope Public), for anonymous readers. */
  publicOnly?: boolean;
  states?: readonly AlertState[];
}

/** Alerts, newest first. */
export async function listAlertRows(db: Executor, filter: AlertFilter, limit: number): Promise<Alert[]> {
  let q = db.selectFrom('alerts').selectAll('alerts');
  if (filter.incidentId !== undefined) {
    const incidentId = filter.incidentId;
    q = q.where('id', 'in', (eb) => eb.selectFrom('alert_incidents').select('alert_id').where('incident_id', '=', incidentId));
  }
  if (filter.attached !== undefined) {
    const attached = filter.attached;
    q = q.where((eb) => {
      const linked = eb.exists(
        eb.selectFrom('alert_incidents').select('alert_id').whereRef('alert_incidents.alert_id', '=', 'alerts.id'),
      );
      return attached ? linked : eb.not(linked);
    });
  }
  if (filter.origin) q = q.where('origin', '=', filter.origin);
  if (filter.publicOnly) q = q.where('scope', '=', 'Public');
  if (filter.states?.length) q = q.where('state', 'in', filter.states);
  const rows = await q.orderBy('sent', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toAlert);
}
