/**
 * Recommendations by function, not status: organizations ranked for a need by capability
 * fit, distance and service area, free capacity and track record on the platform, each
 * score explained. Membership status is reported, never used as a hidden penalty. Pure.
 */
import { trackRecordScore } from '../analysis/performance';
import { containingCodes } from '../model/jurisdictions';
import type { MembershipStatus, MembershipTier } from '../model/membership';
import { distanceMetres } from '../model/need';
import type { GeoPoint, OrganizationKind } from '../model/organization';
import type { FunctionCell, ServiceCategory } from '../model/taxonomy';

export interface Candidate {
  id: string;
  name: string;
  kind: OrganizationKind;
  membershipStatus: MembershipStatus;
  /** Provisional-tier organizations may act, but their claims wait for a coordinator's confirmation. */
  membershipTier: MembershipTier;
  jurisdictions: string[];
  base: GeoPoint | null;
  categories: readonly ServiceCategory[];
  cells: readonly FunctionCell[];
  /** People on the roster (typed capacity of kind people). */
  people: number;
  /** People currently deployed to incidents. */
  deployed: number;
  /** Whether a coordinator has verified any of its declared capacities. */
  verifiedCapacity: boolean;
  fulfilled: number;
  /** Claims expired, released, or dispatches declined. */
  dropped: number;
  /** Check-in intervals kept and missed, after-action ratings (absent: nothing on record). */
  checkInsKept?: number;
  checkInsMissed?: number;
  ratingCount?: number;
  ratingTotal?: number;
}

export interface NeedToMatch {
  category: ServiceCategory;
  cell: FunctionCell | null;
  jurisdiction: string;
  /** Where the work is; null when not located yet (no distance is scored then). */
  lat: number | null;
  lon: number | null;
}

export const WEIGHTS = { capability: 0.4, distance: 0.2, area: 0.1, capacity: 0.15, record: 0.15 };
/** Beyond this distance the distance factor is zero. */
const FAR_KM = 300;

export interface Recommendation {
  organizationId: string;
  name: string;
  kind: OrganizationKind;
  membershipStatus: MembershipStatus;
  membershipTier: MembershipTier;
  verifiedCapacity: boolean;
  score: number;
  factors: { capability: number; distance: number | null; area: number; capacity: number | null; record: number };
  distanceKm: number | null;
  explanation: string;
}

interface Factors {
  covers: boolean;
  cellFit: boolean;
  capability: number;
  distanceKm: number | null;
  distance: number | null;
  inArea: boolean;
  free: number | null;
  capacity: number | null;
  record: number;
  score: number;
}

/** The areas a place lies within: its county, city and province codes. */
function areasHolding(code: string): ReadonlySet<string> {
  return new Set([code, ...containingCodes(code)]);
}

const blankFactors = (): Factors => ({
  covers: false,
  cellFit: false,
  capability: 0,
  distanceKm: null,
  distance: null,
  inArea: false,
  free: null,
  capacity: null,
  record: 0,
  score: 0,
});

/** Rounds a score to four decimals (what is shown, and what ties are judged on). */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The factors of one organization's fit for a need and their weighted score, written into `out`. */
function factorsOf(need: NeedToMatch, areas: ReadonlySet<string>, c: Candidate, out: Factors = blankFactors()): Factors {
  const covers = c.categories.includes(need.category);
  let cellFit = false;
  if (need.cell !== null) {
    for (const x of c.cells) if (x.strategy === need.cell.strategy && x.phase === need.cell.phase) cellFit = true;
  }
  const capability = (covers ? 0.8 : 0) + (cellFit ? 0.2 : 0);
  const distanceKm =
    c.base && need.lat !== null && need.lon !== null ? distanceMetres(c.base, { lat: need.lat, lon: need.lon }) / 1000 : null;
  const distance = distanceKm === null ? null : Math.max(0, 1 - distanceKm / FAR_KM);
  let inArea = false;
  for (const area of c.jurisdictions) if (areas.has(area)) inArea = true;
  const free = c.people > 0 ? Math.max(0, c.people - c.deployed) : null;
  const capacity = c.people > 0 && free !== null ? free / c.people : null;
  // The organization's record (src/analysis/performance.ts); one new to the platform starts at one half.
  const record = trackRecordScore({
    fulfilled: c.fulfilled,
    dropped: c.dropped,
    checkInsKept: c.checkInsKept ?? 0,
    checkInsMissed: c.checkInsMissed ?? 0,
    ratingCount: c.ratingCount ?? 0,
    ratingTotal: c.ratingTotal ?? 0,
  });
  const score =
    WEIGHTS.capability * capability +
    WEIGHTS.distance * (distance ?? (inArea ? 0.5 : 0)) +
    WEIGHTS.area * (inArea ? 1 : 0) +
    WEIGHTS.capacity * (capacity ?? 0.5) +
    WEIGHTS.record * record;
  out.covers = covers;
  out.cellFit = cellFit;
  out.capability = capability;
  out.distanceKm = distanceKm;
  out.distance = distance;
  out.inArea = inArea;
  out.free = free;
  out.capacity = capacity;
  out.record = record;
  out.score = round4(score);
  return out;
}

function explained(need: NeedToMatch, c: Candidate, f: Factors): Recommendation {
  const reasons = [
    f.covers ? `covers ${need.category}` : `does not list ${need.category}`,
    ...(f.cellFit && need.cell ? [`works in ${need.cell.strategy}:${need.cell.phase}`] : []),
    f.distanceKm !== null ? `${Math.round(f.distanceKm)} km` : need.lat === null ? 'need not yet located' : 'no base location',
    f.inArea ? 'serves this area' : 'outside its service area',
    c.people > 0 ? `${f.free} of ${c.people} people free` : 'no people capacity on record',
    `${c.fulfilled} needs fulfilled${c.dropped ? `, ${c.dropped} dropped` : ''}`,
    ...(c.checkInsMissed ? [`${c.checkInsMissed} check-ins missed`] : []),
    ...(c.ratingCount
      ? [`rated ${Math.round(((c.ratingTotal ?? 0) / c.ratingCount) * 10) / 10}/5 in ${c.ratingCount} reviews`]
      : []),
    `status ${c.membershipStatus}`,
    ...(c.membershipTier === 'provisional' ? ["provisional: its claims wait for a coordinator's confirmation"] : []),
  ];
  return {
    organizationId: c.id,
    name: c.name,
    kind: c.kind,
    membershipStatus: c.membershipStatus,
    membershipTier: c.membershipTier,
    verifiedCapacity: c.verifiedCapacity,
    score: f.score,
    factors: {
      capability: f.capability,
      distance: f.distance,
      area: f.inArea ? 1 : 0,
      capacity: f.capacity,
      record: round4(f.record),
    },
    distanceKm: f.distanceKm === null ? null : Math.round(f.distanceKm * 10) / 10,
    explanation: reasons.join('; '),
  };
}

/** Scores one organization for a need, with the reasons a coordinator can read. */
export function scoreCandidate(need: NeedToMatch, c: Candidate): Recommendation {
  return explained(need, c, factorsOf(need, areasHolding(need.jurisdiction), c));
}

/**
 * The best `limit` organizations for a need, highest score first (ties by name). Every
 * candidate is scored; only the chosen few are explained.
 */
export function recommend(need: NeedToMatch, candidates: Iterable<Candidate>, limit = 10): Recommendation[] {
  const before = (a: { f: Factors; c: Candidate }, b: { f: Factors; c: Candidate }) =>
    b.f.score - a.f.score || a.c.name.localeCompare(b.c.name);
  const best: { f: Factors; c: Candidate }[] = [];
  const areas = areasHolding(need.jurisdiction);
  // Scored into one scratch record; only those that make the list are kept.
  const scratch = blankFactors();
  for (const c of candidates) {
    factorsOf(need, areas, c, scratch);
    if (best.length === limit && scratch.score < best[limit - 1].f.score) continue;
    const entry = { f: { ...scratch }, c };
    let i = best.length;
    while (i > 0 && before(entry, best[i - 1]) < 0) i--;
    if (i >= limit) continue;
    best.splice(i, 0, entry);
    if (best.length > limit) best.pop();
  }
  return best.map(({ f, c }) => explained(need, c, f));
}
