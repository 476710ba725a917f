/**
 * Lifecycle fragmentation of an area's non-government organizations over a period
 * (src/analysis/lifecycle.ts): the phases each was active in — programs by their cell's
 * phase, deployments and claims by the stage of the incident at the time.
 */
import { type Fragmentation, lifecycleFragmentation } from '../../analysis/lifecycle';
import { activityOf, organizationsOfArea } from '../../db/repositories/analytics';
import { type IncidentStage, phaseOfIncidentStage } from '../../model/incident';
import type { Phase } from '../../model/taxonomy';
import type { Actor, Deps } from '../context';
import { sliceOf } from '../pagination';
import { readFigure } from './figures';
import { type AnalyticsScope, checkedScope } from './scope';

type LifecycleFigure = Omit<Fragmentation, 'organizations'> & {
  from: string;
  to: string;
  organizations: (Fragmentation['organizations'][number] & { name: string })[];
};

/** The phases of every non-government organization serving the area (whoever asks). */
export async function computeLifecycle(
  deps: Deps,
  { jurisdiction, from, to }: Required<AnalyticsScope>,
): Promise<LifecycleFigure> {
  const organizations = (await organizationsOfArea(deps.db, jurisdiction)).filter((o) => o.kind !== 'government_agency');
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  const activity = await activityOf(
    deps.db,
    organizations.map((o) => o.id),
    from,
    to,
  );
  const result = lifecycleFragmentation(
    activity.map((a) => ({
      organizationId: a.organizationId,
      phase: (a.phase as Phase | null) ?? phaseOfIncidentStage(a.stage as IncidentStage | null),
    })),
    organizations.map((o) => o.id),
  );
  return {
    ...result,
    organizations: result.organizations.map((o) => ({ ...o, name: names.get(o.organizationId) ?? '' })),
    from,
    to,
  };
}

/** The shares, and the organizations with their phases a page at a time. */
export async function lifecycleOf(
  deps: Deps,
  _actor: Actor,
  query: AnalyticsScope & { limit?: number; cursor?: string },
): Promise<LifecycleFigure & { total: number; nextCursor: string | null }> {
  const { organizations, ...figure } = await readFigure(deps, 'lifecycle', checkedScope(deps, query), computeLifecycle);
  const page = sliceOf(organizations, { limit: query.limit ?? 500, cursor: query.cursor });
  return { ...figure, organizations: page.items, total: page.total, nextCursor: page.nextCursor };
}
