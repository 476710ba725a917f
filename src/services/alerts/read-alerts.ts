/**
 * Reading alerts: signed-in accounts list them (by incident, attached or not) and read each;
 * anyone reads a public one (CAP scope Public) as JSON or as its CAP document, the Atom feed of
 * current ones, and their areas as GeoJSON.
 */
import { findAlert, listAlertRows } from '../../db/repositories/alerts';
import { findIncident } from '../../db/repositories/incidents';
import type { AlertOrigin } from '../../model/alert';
import { isCurrent } from '../../model/alert';
import { AppError } from '../../model/errors';
import type { Actor, Deps } from '../context';
import { canPublishAlerts } from '../policy';
import { type AlertView, type PublicAlertView, presentAlerts, publicAlertView } from './present-alerts';

export interface AlertListFilter {
  incidentId?: string;
  attached?: boolean;
  origin?: AlertOrigin;
  /** Only alerts in force (not updated, cancelled or expired). */
  current?: boolean;
  limit?: number;
}

export async function listAlerts(
  deps: Deps,
  actor: Actor,
  filter: AlertListFilter,
): Promise<{ items: AlertView[]; viewerCanPublish: boolean }> {
  if (filter.incidentId !== undefined && !(await findIncident(deps.db, filter.incidentId))) throw new AppError('not_found');
  const now = deps.now();
  let rows = await listAlertRows(
    deps.db,
    {
      incidentId: filter.incidentId,
      attached: filter.attached,
      origin: filter.origin,
      states: filter.current ? ['current'] : undefined,
    },
    filter.limit ?? 100,
  );
  if (filter.current) rows = rows.filter((a) => isCurrent(a, now));
  return { items: await presentAlerts(deps.db, actor, rows, now), viewerCanPublish: canPublishAlerts(actor) };
}

export async function getAlert(deps: Deps, actor: Actor, id: string): Promise<AlertView> {
  const alert = await findAlert(deps.db, id);
  if (!alert) throw new AppError('not_found');
  return (await presentAlerts(deps.db, actor, [alert], deps.now()))[0];
}

/** A public alert (scope Public) with its document; restricted and private ones are not found. */
export async function publicAlert(deps: Deps, id: string): Promise<{ view: PublicAlertView; xml: string }> {
  const alert = await findAlert(deps.db, id);
  if (alert?.scope !== 'Public') throw new AppError('not_found');
  return { view: publicAlertView(alert, deps.now()), xml: alert.xml };
}

/** The public alerts in force now (not updated, cancelled or expired), newest first. */
export async function currentPublicAlerts(deps: Deps, limit = 200): Promise<PublicAlertView[]> {
  const now = deps.now();
  const rows = await listAlertRows(deps.db, { publicOnly: true, states: ['current'] }, limit);
  return rows.filter((a) => isCurrent(a, now)).map((a) => publicAlertView(a, now));
}
