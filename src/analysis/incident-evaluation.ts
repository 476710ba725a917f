/**
 * The evaluation of one incident (SPEC §3 I): its timeline of stages and levels, needs by
 * category with time to claim and to fulfil, vulnerable people's needs against the others,
 * deployments and their missed check-ins, each organization's contribution and the lessons
 * recorded — figures only, over plain data. Pure; src/reports/incident-evaluation.ts
 * writes the text of each section from them.
 */
import { type CheckInDiscipline, checkInIntervals, type DeploymentFacts } from './performance';
import { type GroupCoverage, median, specialNeedsCoverage } from './special-needs';

/** One change in the incident's life: a stage move, or a change of level, warning colour, areas or policy. */
export interface TimelineEntry {
  at: string;
  kind: string;
  from: string | null;
  to: string;
  reason: string | null;
}

export interface EvaluatedNeed {
  category: string;
  vulnerable: boolean;
  reportedAt: string;
  /** The first claim or dispatch on it. */
  firstClaimAt: string | null;
  servedAt: string | null;
  withdrawn: boolean;
}

export interface CategoryFigures {
  category: string;
  needs: number;
  served: number;
  withdrawn: number;
  open: number;
  medianMinutesToClaim: number | null;
  medianMinutesToFulfil: number | null;
}

export interface EvaluatedDeployment extends DeploymentFacts {
  organizationId: string;
  status: string;
  headcount: number;
  /** Whether the team ever got on its way or to the ground. */
  deployed: boolean;
}

export interface DeploymentFigures {
  filed: number;
  deployed: number;
  people: number;
  organizations: number;
  byStatus: Record<string, number>;
  checkIns: CheckInDiscipline;
  /** Missed check-ins: stretches longer than the incident's interval while a team was accountable. */
  alarms: number;
}

export interface ContributionFacts {
  organizationId: string;
  claims: number;
  fulfilledClaims: number;
  quantityFulfilled: number;
}

export interface Contribution extends ContributionFacts {
  deployments: number;
  people: number;
  /** Mean rating the incident's after-action reviews gave it, 1–5. */
  rating: number | null;
}

const minutesBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 60_000);
const rounded = (x: number | null) => (x === null ? null : Math.round(x));

/** The incident's changes in time order (stage moves and whatever other history is recorded). */
export function timelineOf(...lists: readonly TimelineEntry[][]): TimelineEntry[] {
  return lists.flat().sort((a, b) => a.at.localeCompare(b.at));
}

/** Needs per service category, the largest first, with median minutes to first claim and to fulfilment. */
export function needsByCategory(needs: readonly EvaluatedNeed[]): CategoryFigures[] {
  const groups = new Map<string, EvaluatedNeed[]>();
  for (const n of needs) groups.set(n.category, [...(groups.get(n.category) ?? []), n]);
  return [...groups]
    .map(([category, list]) => {
      const served = list.filter((n) => n.servedAt !== null);
      const withdrawn = list.filter((n) => n.servedAt === null && n.withdrawn).length;
      return {
        category,
        needs: list.length,
        served: served.length,
        withdrawn,
        open: list.length - served.length - withdrawn,
        medianMinutesToClaim: rounded(
          median(list.filter((n) => n.firstClaimAt !== null).map((n) => minutesBetween(n.reportedAt, n.firstClaimAt as string))),
        ),
        medianMinutesToFulfil: rounded(median(served.map((n) => minutesBetween(n.reportedAt, n.servedAt as string)))),
      };
    })
    .sort((a, b) => b.needs - a.needs || a.category.localeCompare(b.category));
}

/** Vulnerable people's needs against the others, as counts and shares only (never which needs). */
export function vulnerableAgainstOthers(needs: readonly EvaluatedNeed[]): { vulnerable: GroupCoverage; others: GroupCoverage } {
  const { vulnerable, others } = specialNeedsCoverage(
    needs.map((n, i) => ({
      id: String(i),
      vulnerable: n.vulnerable,
      reportedAt: n.reportedAt,
      servedAt: n.servedAt,
      withdrawn: n.withdrawn,
    })),
  );
  return { vulnerable, others };
}

/** The incident's deployments: how many, how many people went, check-in intervals kept and missed. */
export function deploymentFigures(deployments: readonly EvaluatedDeployment[], now: Date): DeploymentFigures {
  const byStatus: Record<string, number> = {};
  let kept = 0;
  let missed = 0;
  for (const d of deployments) {
    byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    const one = checkInIntervals(d, now);
    kept += one.kept;
    missed += one.missed;
  }
  const deployed = deployments.filter((d) => d.deployed);
  return {
    filed: deployments.length,
    deployed: deployed.length,
    people: deployed.reduce((sum, d) => sum + d.headcount, 0),
    organizations: new Set(deployed.map((d) => d.organizationId)).size,
    byStatus,
    checkIns: { kept, missed, share: kept + missed === 0 ? null : Math.round((kept / (kept + missed)) * 10_000) / 10_000 },
    alarms: missed,
  };
}

/** Each organization's part: claims, what it delivered, teams and people it sent, how the reviews rated it. */
export function contributions(
  claims: readonly ContributionFacts[],
  deployments: readonly EvaluatedDeployment[],
  ratings: readonly { organizationId: string; rating: number }[],
): Contribution[] {
  const out = new Map<string, Contribution>();
  const of = (id: string) => {
    let c = out.get(id);
    if (!c) {
      c = { organizationId: id, claims: 0, fulfilledClaims: 0, quantityFulfilled: 0, deployments: 0, people: 0, rating: null };
      out.set(id, c);
    }
    return c;
  };
  for (const c of claims) Object.assign(of(c.organizationId), c);
  for (const d of deployments) {
    if (!d.deployed) continue;
    const c = of(d.organizationId);
    c.deployments++;
    c.people += d.headcount;
  }
  const given = new Map<string, number[]>();
  for (const r of ratings) given.set(r.organizationId, [...(given.get(r.organizationId) ?? []), r.rating]);
  for (const [id, list] of given) of(id).rating = Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 100) / 100;
  return [...out.values()].sort(
    (a, b) =>
      b.quantityFulfilled - a.quantityFulfilled ||
      b.people - a.people ||
      b.claims - a.claims ||
      a.organizationId.localeCompare(b.organizationId),
  );
}
