/**
 * The privacy rule in its pure form: every field the platform stores has a class, every
 * reader stands in one of three relations to a record, and the pair decides at what
 * precision the reader sees the field. The README's visibility table is this table.
 */

/** How much a field tells about a person. */
/** `secret` never leaves the server (password hashes, session and receipt secrets); it is not in any answer or audit record. */
export const FIELD_CLASSES = ['public', 'internal', 'personal', 'sensitive', 'secret'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

/**
 * A reader's relation to one record:
 * - `public`: no account (the public pages);
 * - `member`: signed in (observers included) with no duty towards this record;
 * - `steward`: has a duty that needs the personal data (the coordinator of the record's area,
 *   the organization holding the need or owning the record, a platform admin).
 */
export const AUDIENCES = ['public', 'member', 'steward'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Precision at which a field is shown: as stored, snapped to the public grid, only inside counts, or not at all. */
export type Visibility = 'exact' | 'grid' | 'aggregate' | 'hidden';

/** A field's class and whether it is the location of an affected person (coarsened, never dropped). */
export interface FieldRule {
  class: FieldClass;
  location?: boolean;
}

const TABLE: Record<Audience, Record<FieldClass, Visibility>> = {
  public: { public: 'exact', internal: 'hidden', personal: 'hidden', sensitive: 'hidden', secret: 'hidden' },
  member: { public: 'exact', internal: 'exact', personal: 'hidden', sensitive: 'aggregate', secret: 'hidden' },
  steward: { public: 'exact', internal: 'exact', personal: 'exact', sensitive: 'exact', secret: 'hidden' },
};

/** The precision at which an audience sees a field of a class. */
export function visibility(audience: Audience, rule: FieldRule): Visibility {
  const v = TABLE[audience][rule.class];
  // An exact location of an affected person is never hidden outright: the public map shows its grid cell.
  return rule.location && v !== 'exact' ? 'grid' : v;
}

/** Whether an audience sees a field's value on a record (a hidden or aggregate-only field is null there). */
export function shownOnRecord(audience: Audience, rule: FieldRule): boolean {
  const v = visibility(audience, rule);
  return v === 'exact' || v === 'grid';
}

/** Whether an audience may filter or sort on a field: only where it sees the exact value. */
export function mayQueryBy(audience: Audience, rule: FieldRule): boolean {
  return visibility(audience, rule) === 'exact';
}

/** Grid step of the public map: 0.01° is about 1.1 km north–south. */
export const PUBLIC_GRID = 0.01;

/** Snaps a point to the centre of its cell on the fixed public grid. */
export function snapToGrid(lat: number, lon: number, step = PUBLIC_GRID): { lat: number; lon: number } {
  const snap = (v: number) => Number(((Math.floor(v / step) + 0.5) * step).toFixed(6));
  return { lat: snap(lat), lon: snap(lon) };
}

/**
 * A box widened outward to whole cells of the public grid: whether a point falls in it depends
 * only on the point's cell, so a reader who sees the grid cannot narrow a box onto a point.
 */
export function gridBox(box: { south: number; west: number; north: number; east: number }, step = PUBLIC_GRID) {
  const low = (v: number) => Number((Math.floor(v / step) * step).toFixed(6));
  // Just short of the next cell's edge: a point on that edge belongs to the next cell.
  const high = (v: number) => Number(((Math.floor(v / step) + 1) * step).toFixed(6)) - 1e-9;
  return { south: low(box.south), west: low(box.west), north: high(box.north), east: high(box.east) };
}

/** The least of several audiences: what a reader may do with a whole list is what it may do with its least record. */
export function leastAudience(audiences: Iterable<Audience>): Audience {
  let least: Audience = 'steward';
  for (const a of audiences) if (AUDIENCES.indexOf(a) < AUDIENCES.indexOf(least)) least = a;
  return least;
}
