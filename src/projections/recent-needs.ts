/**
 * The open needs of one incident that a new report may repeat, in memory: those reported
 * within a time window, found by place on a grid of cells as wide as the search radius (a
 * search looks at 3 × 3 cells), and those with a contact phone whatever their age (the same
 * phone is a duplicate however long ago). Pure: src/services/needs/duplicate-check.ts keeps
 * it in step with the database.
 */
import { type Comparable, comparable } from '../matching/duplicates';
import type { DuplicateCandidate } from '../model/need';

interface Entry extends Comparable {
  cell: number;
}

const COLUMNS = 1_000_000;

export class RecentNeeds {
  private readonly byId = new Map<string, Entry>();
  private readonly cells = new Map<number, Map<string, Entry>>();
  private readonly byPhone = new Map<string, Map<string, Entry>>();

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
    const entry: Entry = { ...comparable(need), cell: this.cellOf(need.lat, need.lon) };
    this.byId.set(need.id, entry);
    let cell = this.cells.get(entry.cell);
    if (!cell) {
      cell = new Map();
      this.cells.set(entry.cell, cell);
    }
    cell.set(need.id, entry);
    if (need.contactPhone) {
      let same = this.byPhone.get(need.contactPhone);
      if (!same) {
        same = new Map();
        this.byPhone.set(need.contactPhone, same);
      }
      same.set(need.id, entry);
    }
  }

  private remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    this.dropFromCell(entry);
    const phone = entry.need.contactPhone;
    const same = phone ? this.byPhone.get(phone) : undefined;
    if (phone && same) {
      same.delete(id);
      if (same.size === 0) this.byPhone.delete(phone);
    }
  }

  private dropFromCell(entry: Entry): void {
    const cell = this.cells.get(entry.cell);
    if (!cell) return;
    cell.delete(entry.need.id);
    if (cell.size === 0) this.cells.delete(entry.cell);
  }

  /** Needs within the box around a point reported at or after `since` (ms), and needs with the phone. */
  candidates(point: { lat: number; lon: number; contactPhone: string | null }, since: number): Comparable[] {
    const found = new Map<string, Comparable>();
    const row = Math.floor(point.lat / this.degrees);
    const column = Math.floor(point.lon / this.degrees);
    for (let r = row - 1; r <= row + 1; r++) {
      for (let c = column - 1; c <= column + 1; c++) {
        for (const entry of this.cells.get(r * COLUMNS + c)?.values() ?? []) {
          const { need } = entry;
          if (
            entry.created >= since &&
            Math.abs(need.lat - point.lat) <= this.degrees &&
            Math.abs(need.lon - point.lon) <= this.degrees
          ) {
            found.set(need.id, entry);
          }
        }
      }
    }
    if (point.contactPhone)
      for (const entry of this.byPhone.get(point.contactPhone)?.values() ?? []) found.set(entry.need.id, entry);
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
