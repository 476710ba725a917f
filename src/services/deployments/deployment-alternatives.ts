/**
 * "Who else could do this": while reviewing a filed deployment, the coordinators of the incident
 * see which other organizations could do the same work there, ranked by function like the
 * recommendations for a need — the filing organization's service, in the incident's area,
 * measured from where the incident's needs are.
 */
import { findDeployment } from '../../db/repositories/deployments';
import { findIncident } from '../../db/repositories/incidents';
import { centreOfNeeds } from '../../db/repositories/needs';
import { findOrganization } from '../../db/repositories/organizations';
import type { Recommendation } from '../../matching/recommend';
import { AppError } from '../../model/errors';
import { phaseOfIncidentStage } from '../../model/incident';
import { strategyOfCategory } from '../../model/taxonomy';
import type { Actor, Deps } from '../context';
import { type RecommendationFilters, rankOrganizations } from '../needs/recommend-organizations';
import { canCoordinateIncident } from '../policy';

/** Other organizations ranked for a deployment's work; only the incident's coordinators ask. */
export async function deploymentAlternatives(
  deps: Deps,
  actor: Actor,
  deploymentId: string,
  filters: RecommendationFilters = {},
): Promise<Recommendation[]> {
  const deployment = await findDeployment(deps.db, deploymentId);
  if (!deployment) throw new AppError('not_found');
  const incident = await findIncident(deps.db, deployment.incidentId);
  if (!incident) throw new AppError('not_found');
  if (!canCoordinateIncident(actor, incident.jurisdictions)) {
    throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
  }
  const filer = await findOrganization(deps.db, deployment.organizationId);
  const category = filer?.capabilities.serviceCategories[0] ?? 'search_rescue';
  const centre = await centreOfNeeds(deps.db, incident.id);
  return rankOrganizations(
    deps,
    {
      category,
      cell: { strategy: strategyOfCategory(category), phase: phaseOfIncidentStage(incident.stage) },
      jurisdiction: incident.jurisdictions[0],
      lat: centre?.lat ?? null,
      lon: centre?.lon ?? null,
    },
    filters,
    deployment.organizationId,
  );
}
