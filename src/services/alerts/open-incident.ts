/**
 * Opening an incident from an unattached alert: the incident is declared (in stage
 * `preparedness`) by the declare-incident service over the alert's areas, and the alert is
 * attached to it.
 */
import { findAlert, linkAlertIncidents } from '../../db/repositories/alerts';
import type { Alert, CapCategory } from '../../model/alert';
import { AppError } from '../../model/errors';
import type { IncidentCategory, IncidentLevel } from '../../model/incident';
import { recordChange } from '../audit/record-change';
import type { Actor, Deps } from '../context';
import { type CommandedIncident, declareIncident } from '../incidents/manage-incidents';

/** The incident category a CAP category falls under (natural disasters, public health, social security, accidents). */
const INCIDENT_CATEGORY: Record<CapCategory, IncidentCategory> = {
  Geo: 'natural_disaster',
  Met: 'natural_disaster',
  Env: 'natural_disaster',
  Fire: 'natural_disaster',
  Health: 'public_health',
  Security: 'social_security',
  Safety: 'accident_disaster',
  Rescue: 'accident_disaster',
  Transport: 'accident_disaster',
  Infra: 'accident_disaster',
  CBRNE: 'accident_disaster',
  Other: 'accident_disaster',
};

/** Response level I–IV from CAP severity (Extreme → I). */
const LEVEL: Record<Alert['severity'], IncidentLevel> = { Extreme: 1, Severe: 2, Moderate: 3, Minor: 4, Unknown: 4 };

export interface OpenIncidentInput {
  name?: string;
  category?: IncidentCategory;
  level?: IncidentLevel;
}

export async function openIncidentFromAlert(
  deps: Deps,
  actor: Actor,
  alertId: string,
  input: OpenIncidentInput,
): Promise<CommandedIncident> {
  const alert = await findAlert(deps.db, alertId);
  if (!alert) throw new AppError('not_found');
  if (alert.jurisdictions.length === 0) {
    throw new AppError('invalid_input', {
      detail: 'the alert names no GB/T 2260 area, so an incident cannot be placed from it; declare one by hand',
    });
  }
  const incident = await declareIncident(deps, actor, {
    name: input.name ?? alert.headline ?? alert.event,
    category: input.category ?? INCIDENT_CATEGORY[alert.category],
    type: alert.event || alert.category,
    level: input.level ?? LEVEL[alert.severity],
    warningColor: alert.warningColor,
    jurisdictions: alert.jurisdictions,
    stage: 'preparedness',
    description: alert.description,
  });
  await deps.db.transaction().execute(async (trx) => {
    await linkAlertIncidents(trx, alert.id, [incident.id]);
    await recordChange(trx, deps, actor, {
      action: 'alert.attach',
      entityType: 'alert',
      entityId: alert.id,
      after: { incidentIds: [incident.id] },
      live: { incidentId: incident.id, kind: 'incident' },
    });
  });
  return incident;
}
