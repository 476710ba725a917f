/**
 * Whether vulnerable people's special needs are served (src/analysis/special-needs.ts): for an
 * area and period, their needs against the others. Coordinators of the area also get the list
 * of vulnerable people's needs still unserved; everyone else sees the numbers only.
 */
import { type GroupCoverage, specialNeedsCoverage } from '../../analysis/special-needs';
import { needOutcomes } from '../../db/repositories/analytics';
import type { Actor, Deps } from '../context';
import { assertCanReadDirectory, canCoordinateIncident } from '../policy';
import { type AnalyticsScope, checkedScope } from './scope';

export interface UnservedNeed {
  id: string;
  title: string;
  category: string;
  urgency: string;
  jurisdiction: string;
  reportedAt: string;
}

export async function specialNeeds(
  deps: Deps,
  actor: Actor,
  scope: AnalyticsScope,
): Promise<{
  from: string;
  to: string;
  vulnerable: GroupCoverage;
  others: GroupCoverage;
  unservedCount: number;
  unserved: UnservedNeed[] | null;
}> {
  assertCanReadDirectory(actor);
  const { jurisdiction, from, to } = checkedScope(deps, scope);
  const outcomes = await needOutcomes(deps.db, jurisdiction, from, to);
  const result = specialNeedsCoverage(outcomes);
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const mayList = canCoordinateIncident(actor, [jurisdiction]);
  return {
    from,
    to,
    vulnerable: result.vulnerable,
    others: result.others,
    unservedCount: result.unserved.length,
    unserved: mayList
      ? result.unserved.map((id) => {
          const o = byId.get(id) as (typeof outcomes)[number];
          return {
            id,
            title: o.title,
            category: o.category,
            urgency: o.urgency,
            jurisdiction: o.jurisdiction,
            reportedAt: o.reportedAt,
          };
        })
      : null,
  };
}
