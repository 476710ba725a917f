/**
 * Needs (需求) of an incident: what is needed, where, how urgently, for whom — and the rules
 * that keep a need with exactly one holder per quantity, show personal data only to those
 * who need it, and spot likely duplicates on entry. Pure rules, no I/O.
 */
import type { ServiceCategory } from './taxonomy';

export const NEED_KINDS = ['response_generated', 'agent_generated'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const URGENCIES = ['critical', 'high', 'medium', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const VULNERABLE_GROUPS = [
  'elderly',
  'disabled',
  'children',
  'pregnant',
  'chronically_ill',
  'minority',
  'migrant',
  'living_alone',
] as const;
export type VulnerableGroup = (typeof VULNERABLE_GROUPS)[number];

export const NEED_SOURCES = ['coordinator', 'organization', 'assessment', 'public'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

export const NEED_STATUSES = ['open', 'claimed', 'in_progress', 'fulfilled', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const CLOSE_REASONS = [
  'duplicate',
  'not_found',
  'done_by_others',
  'referred',
  'resolved_by_reporter',
  // A row marked done (已解决, 已获救) in a spreadsheet the need was imported from.
  'resolved_before_import',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const VERIFICATION_LEVELS = ['unverified', 'verified', 'official'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export interface Need {
  id: string;
  incidentId: string;
  title: string;
  description: string | null;
  kind: NeedKind;
  category: ServiceCategory;
  quantity: number;
  unit: string;
  jurisdiction: string;
  /** WGS 84; both null while the place is known only as an address (never a made-up centroid). */
  lat: number | null;
  lon: number | null;
  /** The need waits for someone to find its place on the map: off the map and out of distance scoring. */
  locationNeeded: boolean;
  urgency: Urgency;
  vulnerableGroups: VulnerableGroup[];
  peopleAffected: number | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  source: NeedSource;
  verification: { level: VerificationLevel; by: string | null; at: string | null };
  status: NeedStatus;
  claimedQuantity: number;
  fulfilledQuantity: number;
  /** The catalogue item of a need for goods (src/model/items.ts); its unit is the item's. Null for other needs. */
  item: string | null;
  closeReason: CloseReason | null;
  closeNote: string | null;
  duplicateOf: string | null;
  receiptCode: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The status a need's quantities give it, unless it was closed. */
export function needStatus(
  need: Pick<Need, 'quantity' | 'claimedQuantity' | 'fulfilledQuantity' | 'closeReason'>,
  inProgress: boolean,
): NeedStatus {
  if (need.closeReason) return 'closed';
  if (need.fulfilledQuantity >= need.quantity) return 'fulfilled';
  if (need.claimedQuantity === 0 && need.fulfilledQuantity === 0) return 'open';
  // Part of it done counts as work in progress, even while the rest waits for a holder.
  return inProgress || need.fulfilledQuantity > 0 ? 'in_progress' : 'claimed';
}

/** Size of the cells that index needs by place, degrees (about 11 km). */
export const PLACE_CELL = 0.1;

/** The index cell of a point, e.g. "347:1136". */
export function placeCell(lat: number, lon: number): string {
  return `${Math.floor(lat / PLACE_CELL)}:${Math.floor(lon / PLACE_CELL)}`;
}

/** The index cells that cover a box; undefined when the box is too large to list them. */
export function cellsCovering(
  box: { south: number; west: number; north: number; east: number },
  max = 400,
): string[] | undefined {
  const rows = Math.floor(box.north / PLACE_CELL) - Math.floor(box.south / PLACE_CELL) + 1;
  const cols = Math.floor(box.east / PLACE_CELL) - Math.floor(box.west / PLACE_CELL) + 1;
  if (rows * cols > max) return undefined;
  const cells: string[] = [];
  for (let r = Math.floor(box.south / PLACE_CELL); r <= Math.floor(box.north / PLACE_CELL); r++) {
    for (let c = Math.floor(box.west / PLACE_CELL); c <= Math.floor(box.east / PLACE_CELL); c++) cells.push(`${r}:${c}`);
  }
  return cells;
}

/** Great-circle distance in metres. */
export function distanceMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How long a claim without progress holds, by category and the incident's stage. */
export function claimHoldMinutes(category: ServiceCategory, stage: string, config = CLAIM_HOLD_MINUTES): number {
  if (category === 'search_rescue') return config.searchRescue;
  return stage === 'recovery' ? config.recovery : config.response;
}

export const CLAIM_HOLD_MINUTES = { searchRescue: 120, response: 24 * 60, recovery: 7 * 24 * 60 };

/** A need as a client reports it; coordinates may come from a GCJ-02 map picker. */
export interface NeedInput {
  title: string;
  description?: string | null;
  kind?: NeedKind;
  category: ServiceCategory;
  quantity?: number;
  unit?: string;
  /** A catalogue item code, for a need for goods. */
  item?: string | null;
  jurisdiction: string;
  lat: number;
  lon: number;
  coordSystem?: 'wgs84' | 'gcj02';
  urgency?: Urgency;
  vulnerableGroups?: VulnerableGroup[];
  peopleAffected?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
}

/** An organization holding (a quantity of) a need: an active claim, or a dispatch awaiting its answer. */
export interface HolderView {
  claimId: string;
  organizationId: string;
  organizationName: string;
  quantity: number;
  status: string;
  expiresAt: string;
}

/** A need as a reader sees it: fields hidden from that reader are null, the location may be on the public grid. */
export type NeedView = Omit<
  Need,
  'contactName' | 'contactPhone' | 'address' | 'vulnerableGroups' | 'receiptCode' | 'description' | 'closeNote'
> & {
  description: string | null;
  closeNote: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  vulnerableGroups: Need['vulnerableGroups'] | null;
  personalDataVisible: boolean;
  locationPrecision: 'exact' | 'grid';
  holders: HolderView[];
};

/** What the duplicate check compares of two needs. */
export type DuplicateCandidate = Pick<
  Need,
  'id' | 'title' | 'description' | 'category' | 'jurisdiction' | 'lat' | 'lon' | 'contactPhone' | 'createdAt'
> & { address?: string | null };

/** A point on the map, for a need that has one. */
export function placeOf(need: { lat: number | null; lon: number | null }): { lat: number; lon: number } | null {
  return need.lat === null || need.lon === null ? null : { lat: need.lat, lon: need.lon };
}
