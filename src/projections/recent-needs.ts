/**
 * The open needs of one incident that a new report may repeat, in memory: those reported
 * within a time window, found by place on a grid of cells as wide as the search radius (a
 * search looks at 3 × 3 cells), and those with a contact phone whatever their age (the same
 * phone is a duplicate however long ago). Pure: src/services/needs/duplicate-check.ts keeps
 * it in step with the database.
 */
import { addressKey, type Comparable, comparable } from '../matching/duplicates';
import type { DuplicateCandidate } from '../model/need';

interface Entry extends Comparable {
  /** Null for a need not yet located: found by its phone or its address instead. */
  cell: number | null;
  place: string;
}

const COLUMNS = 1_000_000;

export class RecentNeeds {
  private readonly byId = new Map<string, Entry>();
  private readonly cells = new Map<number, Map<string, Entry>>();
  private readonly byPhone = new Map<string, Map<string, Entry>>();
  /** Needs without coordinates, by area and folded address. */
  private readonly byAddress = new Map<string, Map<string, Entry>>();

  /**
   * @param degrees half the side of the box searched around a point, and the cells' size
   * @param windowMs how far back a need is compared by place
   */
  constructor(
    private readonly degrees: number,
    private readonly windowMs: number,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  private cellOf(lat: number, lon: number): number {
    return Math.floor(lat / this.degrees) * COLUMNS + Math.floor(lon / this.degrees);
  }

  /** Adds, replaces or (when closed) drops a need. */
  put(need: DuplicateCandidate, closed: boolean): void {
    this.remove(need.id);
    if (closed) return;
    const located = need.lat !== null && need.lon !== null;
    const place = located ? '' : placeKey(need);
    const entry: Entry = {
      ...comparable(need),
      cell: located ? this.cellOf(need.lat as number, need.lon as number) : null,
      place,
    };
    this.byId.set(need.id, entry);
    if (entry.cell !== null) {
      let cell = this.cells.get(entry.cell);
      if (!cell) {
        cell = new Map();
        this.cells.set(entry.cell, cell);
      }
      cell.set(need.id, entry);
    }
    if (need.contactPhone) addTo(this.byPhone, need.contactPhone, entry);
    if (place) addTo(this.byAddress, place, entry);
  }

  private remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    this.dropFromCell(entry);
    if (entry.need.contactPhone) dropFrom(this.byPhone, entry.need.contactPhone, id);
    if (entry.place) dropFrom(this.byAddress, entry.place, id);
  }

  private dropFromCell(entry: Entry): void {
    if (entry.cell === null) return;
    const cell = this.cells.get(entry.cell);
    if (!cell) return;
    cell.delete(entry.need.id);
    if (cell.size === 0) this.cells.delete(entry.cell);
  }

  /**
   * Needs within the box around a point reported at or after `since` (ms), and needs with the
   * phone; for a need not yet located, those with its address in its area instead of the box.
   */
  candidates(point: Place, since: number): Comparable[] {
    const found = new Map<string, Comparable>();
    if (point.contactPhone)
      for (const entry of this.byPhone.get(point.contactPhone)?.values() ?? []) found.set(entry.need.id, entry);
    if (point.lat === null || point.lon === null) {
      for (const entry of this.byAddress.get(placeKey(point))?.values() ?? []) {
        if (entry.created >= since) found.set(entry.need.id, entry);
      }
      return [...found.values()];
    }
    const row = Math.floor(point.lat / this.degrees);
    const column = Math.floor(point.lon / this.degrees);
    for (let r = row - 1; r <= row + 1; r++) {
      for (let c = column - 1; c <= column + 1; c++) {
        for (const entry of this.cells.get(r * COLUMNS + c)?.values() ?? []) {
          const { need } = entry;
          if (
            entry.created >= since &&
            Math.abs((need.lat as number) - (point.lat as number)) <= this.degrees &&
            Math.abs((need.lon as number) - (point.lon as number)) <= this.degrees
          ) {
            found.set(need.id, entry);
          }
        }
      }
    }
    return [...found.values()];
  }

  /** Lets go of needs older than the window at `now` (ms), keeping those with a phone. */
  sweep(now: number): void {
    const since = now - this.windowMs;
    for (const entry of this.byId.values()) {
      if (entry.created >= since) continue;
      if (entry.need.contactPhone) this.dropFromCell(entry);
      else this.remove(entry.need.id);
    }
  }
}

/** What a search starts from: a point, or for a need not yet located its area and address; and a phone. */
type Place = Pick<DuplicateCandidate, 'lat' | 'lon' | 'contactPhone'> & { jurisdiction?: string; address?: string | null };

/** The key of a need's address within its area; empty when it has none. */
function placeKey(need: Place): string {
  const address = addressKey(need.address);
  return address ? `${need.jurisdiction}|${address}` : '';
}

function addTo(index: Map<string, Map<string, Entry>>, key: string, entry: Entry): void {
  let same = index.get(key);
  if (!same) {
    same = new Map();
    index.set(key, same);
  }
  same.set(entry.need.id, entry);
}

function dropFrom(index: Map<string, Map<string, Entry>>, key: string, id: string): void {
  const same = index.get(key);
  if (!same) return;
  same.delete(id);
  if (same.size === 0) index.delete(key);
}
