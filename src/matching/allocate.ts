/**
 * Goods allocation (issue 13): which supply sends how much to which need so that
 * Σ quantity × (weight − 0.001 × km) is largest, each pair of the same item and within range.
 * Items do not interact, so each is its own transportation problem (allocate-transport.ts);
 * this module splits the problem by item, joins the answers and keeps them strictly feasible.
 */
import {
  type Allocation,
  type AllocationPlan,
  type AllocationProblem,
  allocationKm,
  groupByItem,
  unitProfit,
} from './allocate-problem';
import { solveTransport, type TransportOptions } from './allocate-transport';

export type { Allocation, AllocationNeed, AllocationPlan, AllocationProblem, AllocationSupply } from './allocate-problem';
export { checkPlan, parseProblem, scorePlan, validateProblem } from './allocate-problem';

export interface AllocationOutcome {
  plan: AllocationPlan;
  /** No feasible plan scores more: the gap to the plan's score is certified. */
  upperBound: number;
  /** Whether every item was solved to optimality (else the bound still holds). */
  optimal: boolean;
  items: number;
  /** Candidate pairs the solver took up and pivots it made (summed over items), pricing rounds (the most any item needed). */
  arcs: number;
  pivots: number;
  rounds: number;
}

const DEFAULTS: TransportOptions = { firstCandidates: 8, perRound: 4, maxRounds: 60, gap: 0 };

/** The plan of greatest score for a valid problem (see parseProblem); deterministic. */
export function allocate(problem: AllocationProblem, options: Partial<TransportOptions> = {}): AllocationPlan {
  return solveAllocation(problem, options).plan;
}

/** Like allocate, with the certified upper bound and what the solver did. */
export function solveAllocation(problem: AllocationProblem, options: Partial<TransportOptions> = {}): AllocationOutcome {
  const settings = { ...DEFAULTS, ...options };
  const byItem = groupByItem(problem);
  const moves: Move[] = [];
  const outcome = { upperBound: 0, optimal: true, items: 0, arcs: 0, pivots: 0, rounds: 0 };
  for (const { needs, supplies } of byItem.values()) {
    if (needs.length === 0 || supplies.length === 0) continue;
    const result = solveTransport(
      needs.map((i) => problem.needs[i]),
      supplies.map((i) => problem.supplies[i]),
      problem.maxDistanceKm,
      settings,
    );
    for (const f of result.flows) moves.push({ need: needs[f.need], supply: supplies[f.supply], quantity: f.quantity });
    outcome.items++;
    outcome.upperBound += result.upperBound;
    outcome.optimal &&= result.optimal;
    outcome.arcs += result.arcs;
    outcome.pivots += result.pivots;
    outcome.rounds = Math.max(outcome.rounds, result.rounds);
  }
  moves.sort((a, b) => a.need - b.need || a.supply - b.supply);
  keepWithin(moves, 'need', problem.needs);
  keepWithin(moves, 'supply', problem.supplies);
  const allocations: Allocation[] = [];
  // The score as scorePlan sums it, in the same order, without its look-ups by id.
  let score = 0;
  for (const m of moves) {
    if (!(m.quantity > 0)) continue;
    const need = problem.needs[m.need];
    const supply = problem.supplies[m.supply];
    allocations.push({ needId: need.id, supplyId: supply.id, quantity: m.quantity });
    score += m.quantity * unitProfit(need.weight, allocationKm(need, supply));
  }
  return { plan: { allocations, score }, ...outcome };
}

interface Move {
  need: number;
  supply: number;
  quantity: number;
}

/**
 * The simplex's flows add up to the quantities only up to rounding; trims the largest share of
 * any need or supply that comes out over by an ulp, so the sums in plan order never exceed it.
 */
function keepWithin(moves: Move[], side: 'need' | 'supply', holders: readonly { quantity: number }[]): void {
  for (let attempt = 0; attempt < 4; attempt++) {
    const total = new Float64Array(holders.length);
    const largest = new Int32Array(holders.length).fill(-1);
    moves.forEach((m, k) => {
      total[m[side]] += m.quantity;
      if (largest[m[side]] < 0 || m.quantity > moves[largest[m[side]]].quantity) largest[m[side]] = k;
    });
    let trimmed = false;
    total.forEach((sum, i) => {
      if (sum <= holders[i].quantity) return;
      const m = moves[largest[i]];
      m.quantity = Math.max(0, m.quantity - (sum - holders[i].quantity) * (1 + attempt));
      trimmed = true;
    });
    if (!trimmed) return;
  }
}
