/**
 * Goods allocation on random small problems: the plan is always feasible, its score is the exact
 * optimum (HiGHS solving the full LP, every pair in range a column) within 1e-6, and the bound
 * it certifies is never below that optimum. The problems are drawn to be awkward: shared places
 * (ties everywhere), zero quantities and weights, weights too small for any trip, ranges of zero.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AllocationProblem, checkPlan, solveAllocation } from '../../src/matching/allocate';
import { lpOptimum } from '../support/allocation-lp';

// A handful of places around Zhengzhou, some 0–150 km apart, so many pairs tie on distance.
const PLACES = [
  { lat: 34.75, lon: 113.63 },
  { lat: 34.8, lon: 114.31 },
  { lat: 35.3, lon: 113.93 },
  { lat: 34.04, lon: 113.85 },
  { lat: 34.62, lon: 112.45 },
];
const ITEMS = ['water', 'rice', 'tents'];

// fast-check's doubles lean to their extremes; spread values evenly instead (plus the awkward ones).
const between = (min: number, max: number) => fc.integer({ min: 0, max: 10_000 }).map((k) => min + ((max - min) * k) / 10_000);
const place = fc.oneof(fc.constantFrom(...PLACES), fc.record({ lat: between(34, 35.3), lon: between(112.4, 114.4) }));
const quantity = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 5, 10) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 500 }) },
  { weight: 2, arbitrary: between(0, 500) },
);
const weight = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(0, 0.001, 0.05, 1) }, { weight: 3, arbitrary: between(0, 1) });

interface Shape {
  needs: [number, number];
  supplies: [number, number];
  items: string[];
  range: fc.Arbitrary<number>;
}

const problemOf = ({ needs, supplies, items, range }: Shape): fc.Arbitrary<AllocationProblem> =>
  fc
    .record({
      needs: fc.array(fc.record({ item: fc.constantFrom(...items), quantity, weight, place }), {
        minLength: needs[0],
        maxLength: needs[1],
      }),
      supplies: fc.array(fc.record({ item: fc.constantFrom(...items), quantity, place }), {
        minLength: supplies[0],
        maxLength: supplies[1],
      }),
      maxDistanceKm: range,
    })
    .map(({ needs, supplies, maxDistanceKm }) => ({
      needs: needs.map((n, i) => ({ id: `n${i}`, item: n.item, quantity: n.quantity, weight: n.weight, ...n.place })),
      supplies: supplies.map((s, i) => ({ id: `s${i}`, item: s.item, quantity: s.quantity, ...s.place })),
      maxDistanceKm,
    }));

// Mostly problems with competition to resolve; some degenerate ones (empty lists, ranges of zero).
const problems = fc.oneof(
  {
    weight: 4,
    arbitrary: problemOf({
      needs: [3, 16],
      supplies: [2, 8],
      items: ITEMS.slice(0, 2),
      range: between(30, 300),
    }),
  },
  {
    weight: 1,
    arbitrary: problemOf({
      needs: [0, 6],
      supplies: [0, 4],
      items: ITEMS,
      range: fc.oneof(fc.constantFrom(0, 50, 300), between(0, 400)),
    }),
  },
);

describe('allocation on random problems', () => {
  it('never returns an infeasible plan', () => {
    fc.assert(
      fc.property(problems, (problem) => {
        const { plan, upperBound } = solveAllocation(problem);
        expect(checkPlan(problem, plan).problems).toEqual([]);
        expect(upperBound).toBeGreaterThanOrEqual(plan.score - 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('scores the exact optimum within 1e-6 and bounds it from above', async () => {
    await fc.assert(
      fc.asyncProperty(problems, async (problem) => {
        const { plan, upperBound, optimal } = solveAllocation(problem);
        const exact = await lpOptimum(problem);
        expect(optimal).toBe(true);
        expect(Math.abs(plan.score - exact.score)).toBeLessThanOrEqual(1e-6);
        expect(upperBound).toBeGreaterThanOrEqual(exact.score - 1e-6);
      }),
      { numRuns: 150 },
    );
  });

  it('finds the optimum HiGHS finds on a few hundred needs', async () => {
    const random = fc.sample(
      fc.record({
        n: fc.array(
          fc.tuple(
            fc.constantFrom(...ITEMS),
            fc.double({ min: 1, max: 500, noNaN: true }),
            fc.double({ min: 0.05, max: 1, noNaN: true }),
            place,
          ),
          {
            minLength: 300,
            maxLength: 300,
          },
        ),
        s: fc.array(fc.tuple(fc.constantFrom(...ITEMS), fc.double({ min: 1, max: 400, noNaN: true }), place), {
          minLength: 40,
          maxLength: 40,
        }),
      }),
      { numRuns: 1, seed: 13 },
    )[0];
    const problem: AllocationProblem = {
      needs: random.n.map(([it, q, w, p], i) => ({ id: `n${i}`, item: it, quantity: q, weight: w, ...p })),
      supplies: random.s.map(([it, q, p], i) => ({ id: `s${i}`, item: it, quantity: q, ...p })),
      maxDistanceKm: 120,
    };
    const { plan } = solveAllocation(problem, { firstCandidates: 1, perRound: 1 });
    const exact = await lpOptimum(problem);
    expect(checkPlan(problem, plan).problems).toEqual([]);
    expect(checkPlan(problem, { allocations: exact.allocations, score: exact.score }).feasible).toBe(true);
    expect(Math.abs(plan.score - exact.score)).toBeLessThanOrEqual(1e-6 * exact.score);
  });
});
