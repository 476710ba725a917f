/**
 * Whether vulnerable people's special needs are served (src/analysis/special-needs.ts): for an
 * area and period, their needs against the others. Coordinators of the area also get the list
 * of vulnerable people's needs still unserved; everyone else sees the numbers only.
 */
import { type GroupCoverage, specialNeedsCoverage } from '../../analysis/special-needs';
import { needOutcomes } from '../../db/repositories/analytics';
import type { Actor, Deps } from '../context';
import { audienceOf, sees } from '../disclosure';
import { sliceOf } from '../pagination';
import { canCoordinateIncident } from '../policy';
import { readFigure } from './figures';
import { type AnalyticsScope, checkedScope } from './scope';

export interface UnservedNeed {
  id: string;
  title: string;
  category: string;
  urgency: string;
  jurisdiction: string;
  reportedAt: string;
}

interface SpecialNeedsFigure {
  from: string;
  to: string;
  vulnerable: GroupCoverage;
  others: GroupCoverage;
  unserved: UnservedNeed[];
}

/** The coverage with every unserved need of vulnerable people, oldest first (whoever asks). */
export async function computeSpecialNeeds(
  deps: Deps,
  { jurisdiction, from, to }: Required<AnalyticsScope>,
): Promise<SpecialNeedsFigure> {
  const outcomes = await needOutcomes(deps.db, jurisdiction, from, to);
  const result = specialNeedsCoverage(outcomes);
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  return {
    from,
    to,
    vulnerable: result.vulnerable,
    others: result.others,
    unserved: result.unserved.map((id) => {
      const o = byId.get(id) as (typeof outcomes)[number];
      return {
        id,
        title: o.title,
        category: o.category,
        urgency: o.urgency,
        jurisdiction: o.jurisdiction,
        reportedAt: o.reportedAt,
      };
    }),
  };
}

/**
 * The numbers for everyone who reads the directory; the unserved list, a page at a time, for
 * coordinators — each need only to a coordinator whose area it lies in (a county's coordinator
 * asking about the province sees the county's).
 */
export async function specialNeeds(
  deps: Deps,
  actor: Actor,
  query: AnalyticsScope & { limit?: number; cursor?: string },
): Promise<
  Omit<SpecialNeedsFigure, 'unserved'> & {
    unservedCount: number;
    /** How many of the unserved the asker may list (null: none). */
    unservedListed: number | null;
    unserved: UnservedNeed[] | null;
    unservedNextCursor: string | null;
  }
> {
  const scope = checkedScope(deps, query);
  const { unserved, ...figure } = await readFigure(deps, 'special-needs', scope, computeSpecialNeeds);
  // Each unserved need is listed to those the privacy policy shows its vulnerable groups to: the
  // coordinator of the whole area lists them all, one of part of it those of that part; the rest see the numbers.
  const shown = unserved.filter((n) =>
    sees(audienceOf(actor, { kind: 'need', jurisdiction: n.jurisdiction, holderIds: [] }), 'need', 'vulnerableGroups'),
  );
  const listed = shown.length > 0 || canCoordinateIncident(actor, [scope.jurisdiction]) ? shown : null;
  const page = listed && sliceOf(listed, { limit: query.limit ?? 200, cursor: query.cursor });
  return {
    ...figure,
    unservedCount: unserved.length,
    unservedListed: page?.total ?? null,
    unserved: page?.items ?? null,
    unservedNextCursor: page?.nextCursor ?? null,
  };
}
