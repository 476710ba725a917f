/**
 * Organizations as recommendation candidates, in memory: by service category, and within a
 * category by the areas they serve and by the ~1° square of their base, so the candidates
 * for a need are found without reading the directory. Pure: the service keeps it in step
 * with the database.
 */
import type { Candidate } from '../matching/recommend';
import { containingCodes } from '../model/jurisdictions';
import type { ServiceCategory } from '../model/taxonomy';

const SQUARE = 1;
const squareOf = (lat: number, lon: number) => `${Math.floor(lat / SQUARE)}:${Math.floor(lon / SQUARE)}`;

interface Shelves {
  byArea: Map<string, Candidate[]>;
  bySquare: Map<string, Candidate[]>;
}

/** The county, city and province codes holding a place. */
function areasHolding(code: string): string[] {
  return [code, ...containingCodes(code)];
}

export class CandidateIndex {
  private readonly byId = new Map<string, Candidate>();
  private readonly byCategory = new Map<ServiceCategory, Shelves>();

  get size(): number {
    return this.byId.size;
  }

  /** Adds an organization or replaces what is known of it. */
  put(c: Candidate): void {
    this.remove(c.id);
    this.byId.set(c.id, c);
    this.shelve(c, (shelf) => shelf.push(c));
  }

  /** Forgets an organization (archived). */
  remove(id: string): void {
    const known = this.byId.get(id);
    if (!known) return;
    this.shelve(known, (shelf) => shelf.splice(shelf.indexOf(known), 1));
    this.byId.delete(id);
  }

  private shelve(c: Candidate, act: (shelf: Candidate[]) => void): void {
    for (const category of c.categories) {
      let shelves = this.byCategory.get(category);
      if (!shelves) {
        shelves = { byArea: new Map(), bySquare: new Map() };
        this.byCategory.set(category, shelves);
      }
      const keyed = (map: Map<string, Candidate[]>, key: string) => {
        let shelf = map.get(key);
        if (!shelf) {
          shelf = [];
          map.set(key, shelf);
        }
        act(shelf);
      };
      for (const area of new Set(c.jurisdictions)) keyed(shelves.byArea, area);
      if (c.base) keyed(shelves.bySquare, squareOf(c.base.lat, c.base.lon));
    }
  }

  /**
   * Organizations listing the category that serve an area holding `jurisdiction`, then those
   * based nearby: within one square's reach of the point, widened a square at a time up to
   * `degrees` until there are at least `enough`. Each once. Without a point (a need not yet
   * located), only those serving the area.
   */
  near(
    category: ServiceCategory,
    jurisdiction: string,
    lat: number | null,
    lon: number | null,
    degrees: number,
    enough = 200,
  ): Candidate[] {
    const shelves = this.byCategory.get(category);
    if (!shelves) return [];
    const areas = areasHolding(jurisdiction);
    const found = areas.flatMap((area) => shelves.byArea.get(area) ?? []);
    // Not located yet: those serving the area only.
    if (lat === null || lon === null) return found;
    const taken = new Set(found);
    const row = Math.floor(lat / SQUARE);
    const col = Math.floor(lon / SQUARE);
    for (let ring = 0; ring * SQUARE <= degrees + SQUARE && (ring <= 1 || found.length < enough); ring++) {
      for (let r = row - ring; r <= row + ring; r++) {
        for (let c = col - ring; c <= col + ring; c++) {
          if (Math.max(Math.abs(r - row), Math.abs(c - col)) !== ring) continue;
          for (const candidate of shelves.bySquare.get(`${r}:${c}`) ?? []) {
            const base = candidate.base as NonNullable<Candidate['base']>;
            if (taken.has(candidate) || Math.abs(base.lat - lat) > degrees || Math.abs(base.lon - lon) > degrees) continue;
            taken.add(candidate);
            found.push(candidate);
          }
        }
      }
    }
    return found;
  }
}
