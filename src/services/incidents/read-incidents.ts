import { findIncident, listIncidentRows, timelineOf } from '../../db/repositories/incidents';
import { AppError } from '../../model/errors';
import type { Incident, IncidentStage } from '../../model/incident';
import type { IncidentChange } from '../../model/incident-command';
import { overlaps } from '../../model/jurisdictions';
import type { Actor, Deps } from '../context';
import { canFilterVulnerable } from '../needs/need-filters';
import { canCoordinateIncident, canManageIncident, canReportNeed } from '../policy';

export type IncidentView = Incident & {
  timeline: IncidentChange[];
  viewerCanManage: boolean;
  viewerCanCoordinate: boolean;
  viewerCanReportNeeds: boolean;
  viewerCanFilterVulnerable: boolean;
};

/** One incident with its stage history, its timeline of changes and what the viewer may do with it. */
export async function getIncident(deps: Deps, actor: Actor, id: string): Promise<IncidentView> {
  const incident = await findIncident(deps.db, id);
  if (!incident) throw new AppError('not_found');
  return {
    ...incident,
    timeline: await timelineOf(deps.db, id),
    viewerCanManage: incident.stage !== 'closed' && canManageIncident(actor, incident.jurisdictions),
    viewerCanCoordinate: canCoordinateIncident(actor, incident.jurisdictions),
    viewerCanReportNeeds: incident.stage !== 'closed' && canReportNeed(actor, incident.jurisdictions),
    viewerCanFilterVulnerable: canFilterVulnerable(actor, incident),
  };
}

/** Incidents, newest first: open ones by default, optionally only those touching an area. */
export async function listIncidents(
  deps: Deps,
  _actor: Actor,
  filter: { stages?: IncidentStage[]; jurisdiction?: string },
): Promise<Omit<Incident, 'stages'>[]> {
  const rows = await listIncidentRows(deps.db, filter.stages);
  const area = filter.jurisdiction;
  return area ? rows.filter((i) => i.jurisdictions.some((j) => overlaps(j, area))) : rows;
}
