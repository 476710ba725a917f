/**
 * A k-d tree over one item's supplies as points on the unit sphere (x, y, z). The straight chord
 * between two such points is never longer than the great-circle arc, so `kmPerChord × chord` is a
 * lower bound of the distance that costs nothing to compute: the index uses it to prune and to
 * bound, and whatever is scored is measured again with `distanceMetres`. Each tree node keeps its
 * bounding box and the lowest supply price below it, so one query finds the supplies with the
 * smallest `costPerChord × chord + price`: the nearest ones while prices are zero, later the ones
 * whose price makes them worth the way.
 */
import quickselect from 'quickselect';

const LEAF = 8;

/** Where a query writes what it found, best first; both arrays hold at least `limit` entries. */
export interface Found {
  ids: Int32Array;
  keys: Float64Array;
}

/** The unit vector of a place on the sphere, as [x, y, z]. */
export function unitVector(lat: number, lon: number): [number, number, number] {
  const phi = (lat * Math.PI) / 180;
  const lambda = (lon * Math.PI) / 180;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

/** The chord on the unit sphere of an arc of `km` on an Earth of radius 6,371 km. */
export function chordOfKm(km: number): number {
  return 2 * Math.sin(Math.min(km / 6371, Math.PI) / 2);
}

export class SupplyIndex {
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly z: Float64Array;
  private readonly order: number[];
  private readonly price: Float64Array;
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly box: number[] = [];
  private minPrice = new Float64Array(0);
  private readonly stack = new Int32Array(256);

  /** Indexes the points (unit vectors); prices start at zero. */
  constructor(x: Float64Array, y: Float64Array, z: Float64Array) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.order = Array.from({ length: x.length }, (_, i) => i);
    this.price = new Float64Array(x.length);
    if (x.length > 0) this.build(0, x.length);
    this.minPrice = new Float64Array(this.from.length);
  }

  /** Sets every supply's price and the per-node minima the queries prune with. */
  setPrices(prices: ArrayLike<number>): void {
    this.price.set(prices);
    // Children are built after their parent, so a backward pass sees them first.
    for (let node = this.from.length - 1; node >= 0; node--) {
      let min = Number.POSITIVE_INFINITY;
      if (this.left[node] < 0) {
        for (let i = this.from[node]; i < this.to[node]; i++) min = Math.min(min, this.price[this.order[i]]);
      } else {
        min = Math.min(this.minPrice[this.left[node]], this.minPrice[this.right[node]]);
      }
      this.minPrice[node] = min;
    }
  }

  /** Copies the current prices into `into`. */
  copyPrices(into: Float64Array): void {
    into.set(this.price);
  }

  /**
   * Up to `limit` supplies within `maxChord` of (px, py, pz) whose key `costPerChord × chord + price`
   * is below `below`, smallest key first, skipping those marked in `skip`; returns how many.
   */
  query(
    px: number,
    py: number,
    pz: number,
    maxChord: number,
    costPerChord: number,
    below: number,
    limit: number,
    skip: Uint8Array | null,
    found: Found,
  ): number {
    if (this.from.length === 0 || limit <= 0) return 0;
    const { x, y, z, order, price, stack, minPrice } = this;
    let count = 0;
    let cutoff = below;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      const gap = this.boxChord(node, px, py, pz);
      if (gap > maxChord || costPerChord * gap + minPrice[node] >= cutoff) continue;
      const l = this.left[node];
      if (l < 0) {
        for (let i = this.from[node]; i < this.to[node]; i++) {
          const s = order[i];
          if (skip !== null && skip[s] === 1) continue;
          const dx = x[s] - px;
          const dy = y[s] - py;
          const dz = z[s] - pz;
          const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
          if (chord > maxChord) continue;
          const key = costPerChord * chord + price[s];
          if (key >= cutoff) continue;
          let at = count < limit ? count++ : limit - 1;
          while (at > 0 && found.keys[at - 1] > key) {
            found.keys[at] = found.keys[at - 1];
            found.ids[at] = found.ids[at - 1];
            at--;
          }
          found.keys[at] = key;
          found.ids[at] = s;
          if (count === limit) cutoff = Math.min(below, found.keys[limit - 1]);
        }
        continue;
      }
      const r = this.right[node];
      // Visit the nearer child first: push it last.
      const nearLeft = this.boxChord(l, px, py, pz) <= this.boxChord(r, px, py, pz);
      stack[top++] = nearLeft ? r : l;
      stack[top++] = nearLeft ? l : r;
    }
    return count;
  }

  /** Euclidean distance from a point to a node's bounding box (0 inside). */
  private boxChord(node: number, px: number, py: number, pz: number): number {
    const b = this.box;
    const o = node * 6;
    const dx = Math.max(0, b[o] - px, px - b[o + 3]);
    const dy = Math.max(0, b[o + 1] - py, py - b[o + 4]);
    const dz = Math.max(0, b[o + 2] - pz, pz - b[o + 5]);
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  private build(from: number, to: number): number {
    const node = this.from.length;
    const { x, y, z, order } = this;
    let minX = Number.POSITIVE_INFINITY;
    let minY = minX;
    let minZ = minX;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = maxX;
    let maxZ = maxX;
    for (let i = from; i < to; i++) {
      const s = order[i];
      minX = Math.min(minX, x[s]);
      minY = Math.min(minY, y[s]);
      minZ = Math.min(minZ, z[s]);
      maxX = Math.max(maxX, x[s]);
      maxY = Math.max(maxY, y[s]);
      maxZ = Math.max(maxZ, z[s]);
    }
    this.from.push(from);
    this.to.push(to);
    this.left.push(-1);
    this.right.push(-1);
    this.box.push(minX, minY, minZ, maxX, maxY, maxZ);
    if (to - from <= LEAF) return node;
    const spread = [maxX - minX, maxY - minY, maxZ - minZ];
    const axis = spread[0] >= spread[1] && spread[0] >= spread[2] ? x : spread[1] >= spread[2] ? y : z;
    const mid = (from + to) >> 1;
    // The comparison breaks ties by index, so equal coordinates split the same way every run.
    quickselect(order, mid, from, to - 1, (a: number, b: number) => axis[a] - axis[b] || a - b);
    this.left[node] = this.build(from, mid);
    this.right[node] = this.build(mid, to);
    return node;
  }
}
