/**
 * The needs of one incident as points in memory, for the board's map: a few numbers per need
 * in typed arrays and a grid of ~5 km cells, so a city-sized viewport among a million needs
 * is answered by looking at the needs of a few dozen cells. Pure: the service keeps it in
 * step with the database.
 */
import quickselect from 'quickselect';
import { areaPrefix } from '../model/jurisdictions';
import { NEED_STATUSES, type NeedStatus, URGENCIES, type Urgency } from '../model/need';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../model/taxonomy';

export interface NeedPoint {
  id: string;
  /** GB/T 2260 code of the need's place (six digits). */
  jurisdiction: string;
  lat: number;
  lon: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  status: NeedStatus;
  urgency: Urgency;
  category: ServiceCategory;
  /** Quantity neither claimed nor fulfilled. */
  remaining: number;
  vulnerable: boolean;
  closed: boolean;
}

export interface PointFilter {
  box?: { south: number; west: number; north: number; east: number };
  statuses?: readonly NeedStatus[];
  category?: ServiceCategory;
  urgency?: Urgency;
  vulnerableOnly?: boolean;
  unclaimedOnly?: boolean;
  /** Only needs whose area lies inside this one (GB/T 2260). */
  within?: string;
}

const CELL = 0.05;
const COLUMNS = 100_000;
const cellOf = (lat: number, lon: number) => Math.floor(lat / CELL) * COLUMNS + Math.floor(lon / CELL);

const STATUS = new Map(NEED_STATUSES.map((s, i) => [s, i]));
const URGENCY = new Map(URGENCIES.map((u, i) => [u, i]));
const CATEGORY = new Map(SERVICE_CATEGORIES.map((c, i) => [c, i]));
const VULNERABLE = 1;
const CLOSED = 2;

export class NeedPoints {
  private size = 0;
  private ids: string[] = [];
  private slotOf = new Map<string, number>();
  private jurisdiction = new Int32Array(1024);
  private lat = new Float64Array(1024);
  private lon = new Float64Array(1024);
  private created = new Float64Array(1024);
  private remaining = new Int32Array(1024);
  private status = new Uint8Array(1024);
  private urgency = new Uint8Array(1024);
  private category = new Uint8Array(1024);
  private flags = new Uint8Array(1024);
  private cells = new Map<number, number[]>();

  get count(): number {
    return this.size;
  }

  /** Adds a need or replaces what is known of it. */
  put(p: NeedPoint): void {
    let slot = this.slotOf.get(p.id);
    if (slot === undefined) {
      slot = this.size++;
      this.grow();
      this.ids[slot] = p.id;
      this.slotOf.set(p.id, slot);
    } else {
      const before = cellOf(this.lat[slot], this.lon[slot]);
      if (before !== cellOf(p.lat, p.lon)) {
        const list = this.cells.get(before) ?? [];
        list.splice(list.indexOf(slot), 1);
      } else {
        this.write(slot, p);
        return;
      }
    }
    this.write(slot, p);
    const cell = cellOf(p.lat, p.lon);
    const list = this.cells.get(cell);
    if (list) list.push(slot);
    else this.cells.set(cell, [slot]);
  }

  private write(slot: number, p: NeedPoint): void {
    this.jurisdiction[slot] = Number(p.jurisdiction);
    this.lat[slot] = p.lat;
    this.lon[slot] = p.lon;
    this.created[slot] = p.createdAt;
    this.remaining[slot] = p.remaining;
    this.status[slot] = STATUS.get(p.status) ?? 0;
    this.urgency[slot] = URGENCY.get(p.urgency) ?? 0;
    this.category[slot] = CATEGORY.get(p.category) ?? 0;
    this.flags[slot] = (p.vulnerable ? VULNERABLE : 0) | (p.closed ? CLOSED : 0);
  }

  private grow(): void {
    if (this.size <= this.lat.length) return;
    const capacity = this.lat.length * 2;
    const bigger = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(capacity);
      b.set(a);
      return b;
    };
    this.jurisdiction = bigger(this.jurisdiction, Int32Array);
    this.lat = bigger(this.lat, Float64Array);
    this.lon = bigger(this.lon, Float64Array);
    this.created = bigger(this.created, Float64Array);
    this.remaining = bigger(this.remaining, Int32Array);
    this.status = bigger(this.status, Uint8Array);
    this.urgency = bigger(this.urgency, Uint8Array);
    this.category = bigger(this.category, Uint8Array);
    this.flags = bigger(this.flags, Uint8Array);
  }

  /** The slots that may hold needs inside the box (all slots without one). */
  private candidates(box: PointFilter['box']): Iterable<number> {
    if (!box) return this.slotOf.values();
    const rows = [Math.floor(box.south / CELL), Math.floor(box.north / CELL)];
    const cols = [Math.floor(box.west / CELL), Math.floor(box.east / CELL)];
    if ((rows[1] - rows[0] + 1) * (cols[1] - cols[0] + 1) > this.cells.size) return this.slotOf.values();
    const lists: number[][] = [];
    for (let r = rows[0]; r <= rows[1]; r++) {
      for (let c = cols[0]; c <= cols[1]; c++) {
        const list = this.cells.get(r * COLUMNS + c);
        if (list) lists.push(list);
      }
    }
    return lists.flat();
  }

  /** The newest needs matching the filter, at most `limit`, and how many matched in all. */
  query(filter: PointFilter, limit: number): { items: NeedPoint[]; total: number } {
    const statuses = filter.statuses?.length ? new Set(filter.statuses.map((s) => STATUS.get(s))) : undefined;
    const category = filter.category === undefined ? undefined : CATEGORY.get(filter.category);
    const urgency = filter.urgency === undefined ? undefined : URGENCY.get(filter.urgency);
    const box = filter.box;
    const within = filter.within === undefined ? undefined : areaPrefix(filter.within);
    const matched: number[] = [];
    for (const slot of this.candidates(box)) {
      if (box) {
        const lat = this.lat[slot];
        const lon = this.lon[slot];
        if (lat < box.south || lat > box.north || lon < box.west || lon > box.east) continue;
      }
      if (statuses && !statuses.has(this.status[slot])) continue;
      if (category !== undefined && this.category[slot] !== category) continue;
      if (urgency !== undefined && this.urgency[slot] !== urgency) continue;
      if (filter.vulnerableOnly && !(this.flags[slot] & VULNERABLE)) continue;
      if (filter.unclaimedOnly && (this.remaining[slot] <= 0 || this.flags[slot] & CLOSED)) continue;
      if (within !== undefined && !String(this.jurisdiction[slot]).startsWith(within)) continue;
      matched.push(slot);
    }
    const newest = (a: number, b: number) =>
      this.created[b] - this.created[a] || (this.ids[b] < this.ids[a] ? -1 : this.ids[b] > this.ids[a] ? 1 : 0);
    const chosen = matched.length > limit ? topK(matched, limit, newest) : matched.sort(newest);
    return { items: chosen.map((slot) => this.point(slot)), total: matched.length };
  }

  private point(slot: number): NeedPoint {
    return {
      id: this.ids[slot],
      jurisdiction: String(this.jurisdiction[slot]),
      lat: this.lat[slot],
      lon: this.lon[slot],
      createdAt: this.created[slot],
      status: NEED_STATUSES[this.status[slot]],
      urgency: URGENCIES[this.urgency[slot]],
      category: SERVICE_CATEGORIES[this.category[slot]],
      remaining: this.remaining[slot],
      vulnerable: (this.flags[slot] & VULNERABLE) !== 0,
      closed: (this.flags[slot] & CLOSED) !== 0,
    };
  }
}

/** The first k of the values in the order given, sorted (partial selection, then a sort of k). */
export function topK(values: number[], k: number, order: (a: number, b: number) => number): number[] {
  const a = values.slice();
  quickselect(a, k - 1, 0, a.length - 1, order);
  return a.slice(0, k).sort(order);
}
