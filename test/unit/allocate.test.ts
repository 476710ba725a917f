/** Goods allocation: worked examples with known optima, degenerate problems, and the input errors named. */
import { describe, expect, it } from 'vitest';
import {
  type AllocationNeed,
  type AllocationProblem,
  type AllocationSupply,
  allocate,
  checkPlan,
  parseProblem,
  solveAllocation,
} from '../../src/matching/allocate';
import { AppError } from '../../src/model/errors';

// Places on the meridian lon = 0, where a degree of latitude is 2π × 6371 / 360 km.
const KM_PER_DEGREE = (2 * Math.PI * 6371) / 360;
const need = (id: string, lat: number, quantity: number, weight: number, item = 'water'): AllocationNeed => ({
  id,
  item,
  quantity,
  weight,
  lat,
  lon: 0,
});
const supply = (id: string, lat: number, quantity: number, item = 'water'): AllocationSupply => ({
  id,
  item,
  quantity,
  lat,
  lon: 0,
});
const worth = (quantity: number, weight: number, degrees: number) => quantity * (weight - 0.001 * degrees * KM_PER_DEGREE);

function solved(problem: AllocationProblem) {
  const plan = allocate(problem);
  const check = checkPlan(problem, plan);
  expect(check.problems).toEqual([]);
  return plan;
}

const moved = (plan: { allocations: { needId: string; supplyId: string; quantity: number }[] }) =>
  Object.fromEntries(plan.allocations.map((a) => [`${a.needId}<-${a.supplyId}`, Number(a.quantity.toFixed(9))]));

describe('allocating goods', () => {
  it('sends a heavier need to a farther supply so that a need only one supply reaches is served too', () => {
    // Greedy by weight would give A the nearer s1 and leave B, which s2 cannot reach, with nothing.
    const problem = {
      needs: [need('A', 0.5, 10, 1), need('B', -0.5, 10, 0.8)],
      supplies: [supply('s1', 0, 10), supply('s2', 1.2, 10)],
      maxDistanceKm: 150,
    };
    const plan = solved(problem);
    expect(moved(plan)).toEqual({ 'A<-s2': 10, 'B<-s1': 10 });
    expect(plan.score).toBeCloseTo(worth(10, 1, 0.7) + worth(10, 0.8, 0.5), 9);
  });

  it('serves the heavier of two needs competing for too little, from the nearest supplies first', () => {
    const problem = {
      needs: [need('light', 0.1, 8, 0.3), need('heavy', -0.1, 8, 0.9)],
      supplies: [supply('near', 0, 5), supply('far', 1, 5)],
      maxDistanceKm: 300,
    };
    const plan = solved(problem);
    // Moving a unit of heavy from near to far costs it more (0.111) than light gains (0.089).
    expect(moved(plan)).toEqual({ 'heavy<-near': 5, 'heavy<-far': 3, 'light<-far': 2 });
    expect(plan.score).toBeCloseTo(worth(5, 0.9, 0.1) + worth(3, 0.9, 1.1) + worth(2, 0.3, 0.9), 9);
  });

  it('fills a single need from its nearest supplies, fractional quantities included', () => {
    const problem = {
      needs: [need('n', 0, 2.5, 1)],
      supplies: [supply('s3', 0.3, 5), supply('s1', 0.1, 0.75), supply('s2', 0.2, 1.25), supply('s4', 0.4, 9)],
      maxDistanceKm: 100,
    };
    const plan = solved(problem);
    expect(moved(plan)).toEqual({ 'n<-s1': 0.75, 'n<-s2': 1.25, 'n<-s3': 0.5 });
    expect(plan.score).toBeCloseTo(worth(0.75, 1, 0.1) + worth(1.25, 1, 0.2) + worth(0.5, 1, 0.3), 9);
  });

  it('keeps items apart and leaves pairs beyond the range alone', () => {
    const problem = {
      needs: [need('w', 0, 10, 1, 'water'), need('far', 5, 10, 1, 'rice')],
      supplies: [supply('rice', 0, 10, 'rice'), supply('water-far', 3, 10, 'water')],
      maxDistanceKm: 300,
    };
    // water-far is 334 km from w, rice is 556 km from far.
    expect(solved(problem)).toEqual({ allocations: [], score: 0 });
  });

  it('never moves goods whose trip costs as much as they are worth', () => {
    const problem = {
      needs: [need('tiny', 5, 10, 0.01), need('even', -1, 10, 0.001 * KM_PER_DEGREE)],
      supplies: [supply('s', 5.1, 10), supply('t', 0, 10)],
      maxDistanceKm: 500,
    };
    // tiny would earn 0.01 − 0.0111 per unit from s, 11 km away; even exactly nothing from t, 1° away.
    expect(solved(problem)).toEqual({ allocations: [], score: 0 });
  });

  it('gives an empty plan for empty, zero and unreachable problems', () => {
    const empty = { allocations: [], score: 0 };
    expect(solved({ needs: [], supplies: [], maxDistanceKm: 300 })).toEqual(empty);
    expect(solved({ needs: [need('n', 0, 10, 1)], supplies: [], maxDistanceKm: 300 })).toEqual(empty);
    expect(solved({ needs: [], supplies: [supply('s', 0, 10)], maxDistanceKm: 300 })).toEqual(empty);
    expect(solved({ needs: [need('n', 0, 0, 1)], supplies: [supply('s', 0, 10)], maxDistanceKm: 300 })).toEqual(empty);
    expect(solved({ needs: [need('n', 0, 10, 1)], supplies: [supply('s', 0, 0)], maxDistanceKm: 300 })).toEqual(empty);
    expect(solved({ needs: [need('n', 0, 10, 1)], supplies: [supply('s', 0.01, 10)], maxDistanceKm: 0 })).toEqual(empty);
    expect(solved({ needs: [need('n', 0, 10, 0)], supplies: [supply('s', 0, 10)], maxDistanceKm: 300 })).toEqual(empty);
  });

  it('serves a need and a supply at the same place, and a range of zero reaches only there', () => {
    const plan = solved({ needs: [need('n', 0, 4, 0.5)], supplies: [supply('s', 0, 10)], maxDistanceKm: 0 });
    expect(plan).toEqual({ allocations: [{ needId: 'n', supplyId: 's', quantity: 4 }], score: 2 });
  });

  it('certifies its score with an upper bound', () => {
    const problem = {
      needs: [need('A', 0.5, 10, 1), need('B', -0.5, 10, 0.8), need('C', 0.2, 7, 0.4)],
      supplies: [supply('s1', 0, 10), supply('s2', 1.2, 10)],
      maxDistanceKm: 150,
    };
    const outcome = solveAllocation(problem);
    expect(outcome.optimal).toBe(true);
    expect(outcome.upperBound).toBeGreaterThanOrEqual(outcome.plan.score);
    expect(outcome.upperBound - outcome.plan.score).toBeLessThan(1e-6);
  });
});

describe('reading a problem', () => {
  const good = { needs: [need('n1', 0, 5, 1)], supplies: [supply('s1', 0, 5)], maxDistanceKm: 300 };
  const problemsOf = (text: string): string[] => {
    try {
      parseProblem(text);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).detail?.split('\n') ?? [];
    }
    throw new Error('the problem was accepted');
  };

  it('accepts a valid problem as it is', () => {
    expect(parseProblem(JSON.stringify(good))).toEqual(good);
  });

  it('names what is wrong', () => {
    expect(problemsOf('{"needs": [')[0]).toMatch(/^the problem is not valid JSON/);
    expect(problemsOf('[]')).toEqual(['the problem must be a JSON object with needs, supplies and maxDistanceKm']);
    expect(problemsOf(JSON.stringify({ ...good, needs: [good.needs[0], { ...good.needs[0] }] }))).toEqual([
      'duplicate need id "n1" (needs[0] and needs[1])',
    ]);
    expect(problemsOf(JSON.stringify({ ...good, supplies: [{ ...good.supplies[0], quantity: -1 }] }))).toEqual([
      'supplies[0].quantity must be a non-negative number',
    ]);
    const { weight: _, ...noWeight } = good.needs[0];
    expect(problemsOf(JSON.stringify({ ...good, needs: [noWeight] }))).toEqual(['needs[0].weight is missing']);
    expect(problemsOf(JSON.stringify({ needs: [], supplies: [] }))).toEqual(['maxDistanceKm is missing']);
    expect(
      problemsOf(JSON.stringify({ needs: [{ ...good.needs[0], id: 7, lat: 91 }, 'x'], supplies: {}, maxDistanceKm: -1 })),
    ).toEqual([
      'needs[0].id must be a non-empty string',
      'needs[0].lat must be a latitude between -90 and 90',
      'needs[1] must be an object',
      'supplies must be an array',
      'maxDistanceKm must be a non-negative number',
    ]);
  });
});

describe('checking a plan', () => {
  const problem = {
    needs: [need('n1', 0, 5, 1), need('n2', 0, 5, 1, 'rice')],
    supplies: [supply('s1', 0, 3), supply('far', 4, 10)],
    maxDistanceKm: 300,
  };

  it('names every broken rule', () => {
    const check = checkPlan(problem, {
      allocations: [
        { needId: 'n1', supplyId: 's1', quantity: 4 },
        { needId: 'n2', supplyId: 's1', quantity: 1 },
        { needId: 'n1', supplyId: 'far', quantity: 2 },
        { needId: 'n9', supplyId: 's1', quantity: 0 },
      ],
      score: 1,
    });
    expect(check.feasible).toBe(false);
    expect(check.problems).toEqual([
      'allocations[1]: need item "rice" ≠ supply item "water"',
      'allocations[2]: 444.780 km apart, over 300 km',
      'allocations[3]: unknown need id "n9"',
      'allocations[3]: quantity must be positive',
      'need "n1" gets 6, more than its quantity 5',
      'supply "s1" gives 5, more than its quantity 3',
      `score 1 does not match the allocations' ${check.score}`,
    ]);
  });
});
