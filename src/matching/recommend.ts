/**
 * Recommendations by function, not status: organizations ranked for a need by capability
 * fit, distance and service area, free capacity and track record on the platform, each
 * score explained. Membership status is reported, never used as a hidden penalty. Pure.
 */
import { isWithin } from '../model/jurisdictions';
import type { MembershipStatus } from '../model/membership';
import { distanceMetres } from '../model/need';
import type { GeoPoint, OrganizationKind } from '../model/organization';
import type { FunctionCell, ServiceCategory } from '../model/taxonomy';

export interface Candidate {
  id: string;
  name: string;
  kind: OrganizationKind;
  membershipStatus: MembershipStatus;
  jurisdictions: string[];
  base: GeoPoint | null;
  categories: readonly ServiceCategory[];
  cells: readonly FunctionCell[];
  /** People on the roster (typed capacity of kind people). */
  people: number;
  /** People currently deployed to incidents. */
  deployed: number;
  fulfilled: number;
  dropped: number;
}

export interface NeedToMatch {
  category: ServiceCategory;
  cell: FunctionCell | null;
  jurisdiction: string;
  lat: number;
  lon: number;
}

export const WEIGHTS = { capability: 0.4, distance: 0.2, area: 0.1, capacity: 0.15, record: 0.15 };
/** Beyond this distance the distance factor is zero. */
const FAR_KM = 300;

export interface Recommendation {
  organizationId: string;
  name: string;
  kind: OrganizationKind;
  membershipStatus: MembershipStatus;
  score: number;
  factors: { capability: number; distance: number | null; area: number; capacity: number | null; record: number };
  distanceKm: number | null;
  explanation: string;
}

/** Scores one organization for a need, with the reasons a coordinator can read. */
export function scoreCandidate(need: NeedToMatch, c: Candidate): Recommendation {
  const covers = c.categories.includes(need.category);
  const cellFit = need.cell !== null && c.cells.some((x) => x.strategy === need.cell?.strategy && x.phase === need.cell?.phase);
  const capability = (covers ? 0.8 : 0) + (cellFit ? 0.2 : 0);
  const distanceKm = c.base ? distanceMetres(c.base, need) / 1000 : null;
  const distance = distanceKm === null ? null : Math.max(0, 1 - distanceKm / FAR_KM);
  const inArea = c.jurisdictions.some((area) => isWithin(need.jurisdiction, area));
  const area = inArea ? 1 : 0;
  const free = c.people > 0 ? Math.max(0, c.people - c.deployed) : null;
  const capacity = c.people > 0 && free !== null ? free / c.people : null;
  // Laplace-smoothed share of claims carried through; an organization new to the platform starts at one half.
  const record = (c.fulfilled + 1) / (c.fulfilled + c.dropped + 2);
  const score =
    WEIGHTS.capability * capability +
    WEIGHTS.distance * (distance ?? (inArea ? 0.5 : 0)) +
    WEIGHTS.area * area +
    WEIGHTS.capacity * (capacity ?? 0.5) +
    WEIGHTS.record * record;
  const reasons = [
    covers ? `covers ${need.category}` : `does not list ${need.category}`,
    ...(cellFit && need.cell ? [`works in ${need.cell.strategy}:${need.cell.phase}`] : []),
    distanceKm === null ? 'no base location' : `${Math.round(distanceKm)} km`,
    inArea ? 'serves this area' : 'outside its service area',
    c.people > 0 ? `${free} of ${c.people} people free` : 'no people capacity on record',
    `${c.fulfilled} needs fulfilled${c.dropped ? `, ${c.dropped} dropped` : ''}`,
    `status ${c.membershipStatus}`,
  ];
  return {
    organizationId: c.id,
    name: c.name,
    kind: c.kind,
    membershipStatus: c.membershipStatus,
    score: Number(score.toFixed(4)),
    factors: { capability, distance, area, capacity, record: Number(record.toFixed(4)) },
    distanceKm: distanceKm === null ? null : Number(distanceKm.toFixed(1)),
    explanation: reasons.join('; '),
  };
}

/** The best `limit` organizations for a need, highest score first (ties by name). */
export function recommend(need: NeedToMatch, candidates: readonly Candidate[], limit = 10): Recommendation[] {
  return candidates
    .map((c) => scoreCandidate(need, c))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit);
}
