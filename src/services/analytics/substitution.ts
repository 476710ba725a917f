/**
 * Substitution over one incident (src/analysis/substitution.ts): social organizations' share
 * of the work, day by day and by stage, the drop after the response peak, who left and when.
 */
import { type Substitution, substitutionTimeline } from '../../analysis/substitution';
import { incidentWork } from '../../db/repositories/analytics';
import { findIncident } from '../../db/repositories/incidents';
import { findOrganizations } from '../../db/repositories/organizations';
import { AppError } from '../../model/errors';
import type { IncidentStage } from '../../model/incident';
import { type Actor, type Deps, nowIso } from '../context';
import { readFigure } from './figures';

const day = (at: string) => at.slice(0, 10);

type SubstitutionFigure = Substitution & {
  incidentId: string;
  departures: (Substitution['departures'][number] & { name: string })[];
};

export async function substitutionOf(deps: Deps, _actor: Actor, incidentId: string): Promise<SubstitutionFigure> {
  if (!(await findIncident(deps.db, incidentId))) {
    throw new AppError('not_found', { field: 'incidentId', detail: 'no incident has this id' });
  }
  return readFigure(deps, 'substitution', { incidentId, today: day(nowIso(deps)) }, computeSubstitution);
}

/** The incident's timeline up to its closing, or up to `today` while it is open. */
export async function computeSubstitution(
  deps: Deps,
  { incidentId, today }: { incidentId: string; today: string },
): Promise<SubstitutionFigure> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found', { field: 'incidentId', detail: 'no incident has this id' });
  const work = await incidentWork(deps.db, incidentId);
  const changes = work.stages.filter((s) => s.stage !== 'closed');
  const closed = work.stages.find((s) => s.stage === 'closed');
  const stages = (
    changes.length ? changes : [{ stage: incident.stage === 'closed' ? 'response' : incident.stage, at: incident.createdAt }]
  ).map((s) => ({ stage: s.stage as IncidentStage, from: day(s.at) }));
  const until = closed ? day(closed.at) : today;
  const result = substitutionTimeline({
    stages,
    until,
    fulfilments: work.fulfilled
      .filter((f) => f.at !== null)
      .map((f) => ({ day: day(f.at as string), organizationId: f.organizationId, government: f.kind === 'government_agency' })),
    presences: work.deployments.map((d) => ({
      organizationId: d.organizationId,
      government: d.kind === 'government_agency',
      people: d.people,
      from: day(d.from),
      to: d.to === null ? null : day(d.to),
    })),
  });
  const names = await findOrganizations(
    deps.db,
    result.departures.map((d) => d.organizationId),
  );
  const departures = result.departures.map((d) => ({ ...d, name: names.get(d.organizationId)?.name ?? '' }));
  return { ...result, incidentId, departures };
}
