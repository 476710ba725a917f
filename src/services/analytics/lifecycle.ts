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
import { assertCanReadDirectory } from '../policy';
import { type AnalyticsScope, checkedScope } from './scope';

export async function lifecycleOf(
  deps: Deps,
  actor: Actor,
  scope: AnalyticsScope,
): Promise<
  Omit<Fragmentation, 'organizations'> & {
    from: string;
    to: string;
    organizations: (Fragmentation['organizations'][number] & { name: string })[];
  }
> {
  assertCanReadDirectory(actor);
  const { jurisdiction, from, to } = checkedScope(deps, scope);
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
