/**
 * One item's transportation problem, solved to optimality by column generation. Tens of
 * millions of pairs may lie within range, so no need starts with more than a few arcs, found in
 * a spatial index: its nearest supplies, or, when there are many needs per supply, the supplies
 * best for it at the prices of a sample of the needs solved first (recursively, down to a sample
 * small enough to take every pair). The network simplex starts from a greedy plan on those arcs;
 * its duals price every supply, and one priced query per need asks the index whether any pair
 * left out would gain (profit − supply price − need surplus > 0). Such pairs join and the
 * simplex goes on from its basis; when none is left, the plan is optimal for the whole problem.
 *
 * Every round also yields an upper bound on the optimum, from LP duality: any prices v ≥ 0 and
 * surpluses u ≥ 0 with u + v ≥ profit on every pair in range bound the score by Σ Q·v + Σ q·u.
 * The surplus each need needs is read off its own arcs and the index (whose chord under-measures
 * distance, so it over-states profit: the bound stays safe), so the bound holds even when the
 * rounds or pivots run out before optimality.
 */
import { distanceMetres } from '../model/need';
import { type AllocationNeed, type AllocationSupply, unitProfit } from './allocate-problem';
import { PIVOT_EPS, TransportSimplex } from './allocate-simplex';
import { chordOfKm, type Found, SupplyIndex, unitVector } from './allocate-supply-index';

/** 0.001 score per km, as key units per unit of chord on a sphere of radius 6,371 km. */
const COST_PER_CHORD = 0.001 * 6371;

export interface TransportOptions {
  /** Arcs each need starts with: its best supplies in range (nearest, or best at the sampled prices). */
  firstCandidates: number;
  /** Most pairs a need may gain per pricing round. */
  perRound: number;
  /** Pricing rounds before giving up on optimality (the bound still holds). */
  maxRounds: number;
  /** Stop once the certified gap is at most this share of the bound (0: solve to optimality). */
  gap: number;
}

/** Units moved from the item's supply `supply` to its need `need` (indices into the item's lists). */
export interface TransportFlow {
  need: number;
  supply: number;
  quantity: number;
}

export interface TransportResult {
  flows: TransportFlow[];
  /** No plan of this item scores more. */
  upperBound: number;
  arcs: number;
  pivots: number;
  rounds: number;
  /** True when the last round found no pair worth adding: the flows are optimal. */
  optimal: boolean;
  /** Each supply's final price (0 for supplies with nothing to give). */
  prices: Float64Array;
}

/** With more needs per supply than this (and too many pairs to take all), a sample of the needs prices the supplies first. */
const SAMPLE_ABOVE = 1;
/** One need in SAMPLE_EVERY stands in the sample for its neighbours, carrying their quantity. */
const SAMPLE_EVERY = 4;
/** A sample only prices; it stops at this certified gap. */
const SAMPLE_GAP = 1e-3;
/** Problems with at most this many pairs start with every pair in range (no rounds needed). */
const DENSE_PAIRS = 60_000;
/** At sampled prices a need also starts with every supply within this much (0.001 × km) of its best. */
const PRICE_WINDOW = 0.03;

/** Solves one item: which supply sends how much to which need, with a certified upper bound. */
export function solveTransport(
  needs: readonly AllocationNeed[],
  supplies: readonly AllocationSupply[],
  maxKm: number,
  options: TransportOptions,
): TransportResult {
  // Needs that can earn nothing and supplies with nothing to give stay out; in the bound a need
  // that cannot earn more than PIVOT_EPS per unit is charged its whole weight, to stay safe.
  const activeNeeds: number[] = [];
  let upperBound = 0;
  needs.forEach((n, j) => {
    if (n.quantity > 0 && n.weight > PIVOT_EPS) activeNeeds.push(j);
    else if (n.quantity > 0 && n.weight > 0) upperBound += n.quantity * n.weight;
  });
  const activeSupplies = supplies.flatMap((s, i) => (s.quantity > 0 ? [i] : []));
  const none = { flows: [], arcs: 0, pivots: 0, rounds: 0, optimal: true, prices: new Float64Array(supplies.length) };
  if (activeSupplies.length === 0) return { ...none, upperBound: 0 };
  if (activeNeeds.length === 0) return { ...none, upperBound };

  const need = activeNeeds.map((j) => needs[j]);
  const supply = activeSupplies.map((i) => supplies[i]);
  const [nx, ny, nz] = coordinates(need);
  const index = new SupplyIndex(...coordinates(supply));
  const simplex = new TransportSimplex(
    supply.map((s) => s.quantity),
    need.map((n) => n.quantity),
    need.length * options.firstCandidates,
  );
  const maxChord = chordOfKm(maxKm) * (1 + 1e-9) + 1e-12;
  const arcs = new ArcLists(need.length, simplex);
  const dense = need.length * supply.length <= DENSE_PAIRS;
  let sampled = false;
  if (!dense && need.length > SAMPLE_ABOVE * supply.length) {
    // A sample of the needs, solved first, prices the supplies; each need then starts from the
    // supplies best for it at those prices, which saves most of the pricing rounds and pivots.
    const sample = need.filter((_, j) => j % SAMPLE_EVERY === 0).map((n) => ({ ...n, quantity: n.quantity * SAMPLE_EVERY }));
    index.setPrices(solveTransport(sample, supply, maxKm, { ...options, gap: SAMPLE_GAP }).prices);
    sampled = true;
  }
  const firstLimit = sampled ? 3 * options.firstCandidates : options.firstCandidates;
  const width = Math.max(firstLimit, options.perRound);
  const found: Found = { ids: new Int32Array(width), keys: new Float64Array(width) };
  // Adds the pair if it is in range and earns more than `price` (a supply price plus a need surplus) per unit.
  const consider = (j: number, s: number, price: number): number => {
    const km = distanceMetres(need[j], supply[s]) / 1000;
    if (!(km <= maxKm)) return Number.NEGATIVE_INFINITY;
    const profit = unitProfit(need[j].weight, km);
    if (profit - price > PIVOT_EPS) arcs.add(j, simplex.addArc(s, j, profit));
    return profit;
  };

  const surplus = new Float64Array(need.length);
  for (let j = 0; j < need.length; j++) {
    if (dense) {
      // Few enough pairs to take them all, nearest first.
      const order = supply.map((_, s) => s);
      const km = supply.map((s) => distanceMetres(need[j], s) / 1000);
      order.sort((a, b) => km[a] - km[b] || a - b);
      for (const s of order) surplus[j] = Math.max(surplus[j], consider(j, s, 0));
      continue;
    }
    const below = need[j].weight - PIVOT_EPS;
    const count = index.query(nx[j], ny[j], nz[j], maxChord, COST_PER_CHORD, below, firstLimit, null, found);
    surplus[j] = count > 0 ? need[j].weight - found.keys[0] : 0;
    for (let k = 0; k < count; k++) {
      if (k < options.firstCandidates || found.keys[k] <= found.keys[0] + PRICE_WINDOW) consider(j, found.ids[k], 0);
    }
  }
  greedyStart(need, supply, arcs, simplex, surplus);

  const prices = new Float64Array(supply.length);
  const skip = new Uint8Array(supply.length);
  let rounds = 0;
  let optimal = false;
  let bound = Number.POSITIVE_INFINITY;
  if (sampled && options.gap > 0) {
    // The sample's prices bound the whole problem too, often better than the first rounds' duals.
    index.copyPrices(prices);
    bound = 0;
    for (let s = 0; s < supply.length; s++) bound += supply[s].quantity * prices[s];
    for (let j = 0; j < need.length; j++) {
      const count = index.query(nx[j], ny[j], nz[j], maxChord, COST_PER_CHORD, need[j].weight, 1, null, found);
      if (count > 0) bound += need[j].quantity * (need[j].weight - found.keys[0]);
    }
  }
  for (;;) {
    rounds++;
    const solved = simplex.solve();
    for (let s = 0; s < supply.length; s++) prices[s] = simplex.supplyPrice(s);
    index.setPrices(prices);
    let roundBound = 0;
    for (let s = 0; s < supply.length; s++) roundBound += supply[s].quantity * prices[s];
    let added = 0;
    for (let j = 0; j < need.length; j++) {
      const surplusNow = simplex.needSurplus(j);
      // What need j must be granted so that surplus + price ≥ profit on every pair in range:
      // its own arcs say exactly; pairs the query passes over earn at most surplus + PIVOT_EPS.
      let granted = surplusNow + PIVOT_EPS;
      for (let e = arcs.first(j); e >= 0; e = arcs.next(e)) {
        const s = simplex.arcSupply(e);
        granted = Math.max(granted, simplex.arcProfit(e) - prices[s]);
        skip[s] = 1;
      }
      const below = need[j].weight - surplusNow - PIVOT_EPS;
      const count = index.query(nx[j], ny[j], nz[j], maxChord, COST_PER_CHORD, below, options.perRound, skip, found);
      for (let e = arcs.first(j); e >= 0; e = arcs.next(e)) skip[simplex.arcSupply(e)] = 0;
      // Those it returns are measured exactly; any beyond the last have larger keys.
      if (count === options.perRound) granted = Math.max(granted, need[j].weight - found.keys[count - 1]);
      for (let k = 0; k < count; k++) {
        const s = found.ids[k];
        const before = simplex.arcCount;
        granted = Math.max(granted, consider(j, s, prices[s] + surplusNow) - prices[s]);
        if (simplex.arcCount > before) added++;
      }
      roundBound += need[j].quantity * granted;
    }
    bound = Math.min(bound, roundBound);
    if (added === 0) {
      optimal = solved;
      break;
    }
    if (rounds >= options.maxRounds) break;
    if (options.gap > 0) {
      let score = 0;
      simplex.forEachFlow((_s, _j, quantity, profit) => {
        score += quantity * profit;
      });
      if (bound - score <= options.gap * bound) break;
    }
  }

  const flows: TransportFlow[] = [];
  // Rounding in the pivots can leave flows of a few ulps where there should be none.
  let largest = 0;
  for (const n of need) largest = Math.max(largest, n.quantity);
  for (const s of supply) largest = Math.max(largest, s.quantity);
  const tiny = 1e-12 * largest;
  simplex.forEachFlow((s, j, quantity) => {
    if (quantity > tiny) flows.push({ need: activeNeeds[j], supply: activeSupplies[s], quantity });
  });
  const supplyPrices = new Float64Array(supplies.length);
  activeSupplies.forEach((i, s) => {
    supplyPrices[i] = simplex.supplyPrice(s);
  });
  return {
    flows,
    upperBound: upperBound + bound,
    arcs: simplex.arcCount,
    pivots: simplex.pivots,
    rounds,
    optimal,
    prices: supplyPrices,
  };
}

/**
 * The greedy plan the simplex starts from: needs that gain most at their best supply first, each
 * from its first arcs while they last. Every move uses up a need or a supply, so the plan is basic.
 */
function greedyStart(
  need: readonly AllocationNeed[],
  supply: readonly AllocationSupply[],
  arcs: ArcLists,
  simplex: TransportSimplex,
  rank: Float64Array,
): void {
  const left = Float64Array.from(supply, (s) => s.quantity);
  const order = need.map((_, j) => j).sort((a, b) => rank[b] - rank[a] || a - b);
  const moveArcs: number[] = [];
  const moveQuantities: number[] = [];
  for (const j of order) {
    let wanted = need[j].quantity;
    for (let e = arcs.first(j); e >= 0 && wanted > 0; e = arcs.next(e)) {
      const s = simplex.arcSupply(e);
      const quantity = Math.min(wanted, left[s]);
      if (quantity <= 0) continue;
      moveArcs.push(e);
      moveQuantities.push(quantity);
      wanted -= quantity;
      left[s] -= quantity;
    }
  }
  simplex.startFrom(moveArcs, moveQuantities);
}

/** Each need's arcs in the order they were added (nearest first), as linked lists over arc indices. */
class ArcLists {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private after = new Int32Array(1024);
  private readonly base: number;

  constructor(needs: number, simplex: TransportSimplex) {
    this.head = new Int32Array(needs).fill(-1);
    this.tail = new Int32Array(needs).fill(-1);
    this.base = simplex.supplyCount + simplex.needCount;
  }

  add(j: number, e: number): void {
    const k = e - this.base;
    if (k >= this.after.length) {
      const wider = new Int32Array(Math.max(2 * this.after.length, k + 1));
      wider.set(this.after);
      this.after = wider;
    }
    this.after[k] = -1;
    if (this.head[j] < 0) this.head[j] = e;
    else this.after[this.tail[j] - this.base] = e;
    this.tail[j] = e;
  }

  first(j: number): number {
    return this.head[j];
  }

  next(e: number): number {
    return this.after[e - this.base];
  }
}

function coordinates(places: readonly { lat: number; lon: number }[]): [Float64Array, Float64Array, Float64Array] {
  const x = new Float64Array(places.length);
  const y = new Float64Array(places.length);
  const z = new Float64Array(places.length);
  places.forEach((p, i) => {
    [x[i], y[i], z[i]] = unitVector(p.lat, p.lon);
  });
  return [x, y, z];
}
