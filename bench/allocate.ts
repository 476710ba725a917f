/**
 * Goods allocation (issue 13) on Henan's geography: needs and supplies clustered around its
 * prefecture-level cities, needs heaviest where the 2021 floods hit and supplies gathered at the
 * logistics hubs, so distance matters; 20 items, weights uniform in [0.05, 1], supply 50–80% of
 * demand per item, maxDistanceKm 300, quantities 1–500 with decimals.
 *
 * First, instances HiGHS can solve: HiGHS (WebAssembly) solves each item's full LP (every pair in
 * range with positive profit a column), and ours must score the same. Then the full instance,
 * 100,000 need lines × 10,000 supplies, with our certified upper bound in place of an optimum.
 * ratio = HiGHS time ÷ ours on the largest instance both solve.
 * BENCH_ALLOCATE_LP = sizes for HiGHS ("2000x200,5000x500,…"); BENCH_ALLOCATE_FULL = the full size.
 */
import {
  type AllocationOutcome,
  type AllocationProblem,
  checkPlan,
  parseProblem,
  solveAllocation,
} from '../src/matching/allocate';
import { chordOfKm, unitVector } from '../src/matching/allocate-supply-index';
import { seededRandom } from '../src/model/random';
import { lpOptimum } from '../test/support/allocation-lp';
import { type BenchContext, summary } from './harness';

const MAX_KM = 300;
const ITEMS = [
  '饮用水',
  '方便面',
  '大米',
  '食用油',
  '帐篷',
  '棉被',
  '折叠床',
  '雨衣',
  '手电筒',
  '发电机',
  '抽水泵',
  '救生衣',
  '冲锋舟',
  '药品包',
  '消毒液',
  '口罩',
  '卫生用品',
  '婴儿奶粉',
  '纸尿裤',
  '应急灯',
];
// [lat, lon, where needs gather, where supplies gather]
const CITIES: [number, number, number, number][] = [
  [34.747, 113.625, 10, 10], // 郑州
  [34.797, 114.307, 3, 3], // 开封
  [34.619, 112.454, 3, 6], // 洛阳
  [33.766, 113.193, 2, 3], // 平顶山
  [36.098, 114.393, 5, 2], // 安阳
  [35.748, 114.297, 6, 1], // 鹤壁
  [35.303, 113.926, 9, 2], // 新乡
  [35.215, 113.242, 5, 2], // 焦作
  [35.762, 115.029, 2, 1], // 濮阳
  [34.036, 113.852, 2, 3], // 许昌
  [33.582, 114.017, 1, 2], // 漯河
  [34.772, 111.2, 1, 2], // 三门峡
  [32.991, 112.528, 2, 5], // 南阳
  [34.414, 115.656, 2, 4], // 商丘
  [32.147, 114.091, 1, 3], // 信阳
  [33.626, 114.697, 2, 2], // 周口
  [32.98, 114.022, 2, 3], // 驻马店
  [35.067, 112.602, 1, 1], // 济源
];

/** A reproducible instance: the same sizes and seed give the same problem. */
export function henanInstance(needCount: number, supplyCount: number, seed = 2021): AllocationProblem {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const pick = (column: 2 | 3) => {
    const total = CITIES.reduce((sum, c) => sum + c[column], 0);
    let r = random() * total;
    for (const city of CITIES) {
      r -= city[column];
      if (r < 0) return city;
    }
    return CITIES[0];
  };
  // Most points within ~20 km of a city, some scattered over the countryside around it.
  const near = (column: 2 | 3) => {
    const [lat, lon] = pick(column);
    const spread = random() < 0.8 ? 0.15 : 0.6;
    return { lat: lat + spread * gauss(), lon: lon + spread * 1.2 * gauss() };
  };
  const round = (x: number) => Math.round(x * 100) / 100;
  const demand = new Array<number>(ITEMS.length).fill(0);
  const needs = Array.from({ length: needCount }, (_, i) => {
    const item = Math.floor(random() * ITEMS.length);
    const quantity = round(1 + 499 * random());
    demand[item] += quantity;
    return { id: `n${i}`, item: ITEMS[item], quantity, weight: 0.05 + 0.95 * random(), ...near(2) };
  });
  const raw = Array.from({ length: supplyCount }, (_, i) => ({
    id: `s${i}`,
    item: Math.floor(random() * ITEMS.length),
    size: 0.2 + random() ** 2 * 3,
    place: near(3),
  }));
  const share = ITEMS.map(() => 0.5 + 0.3 * random());
  const sizes = new Array<number>(ITEMS.length).fill(0);
  for (const s of raw) sizes[s.item] += s.size;
  const supplies = raw.map((s) => ({
    id: s.id,
    item: ITEMS[s.item],
    quantity: round((s.size / sizes[s.item]) * share[s.item] * demand[s.item]),
    ...s.place,
  }));
  return { needs, supplies, maxDistanceKm: MAX_KM };
}

/** Pairs of the same item within range (a chord on the unit sphere is monotone in the arc). */
function pairsInRange(problem: AllocationProblem): number {
  const chord2 = chordOfKm(problem.maxDistanceKm) ** 2;
  const byItem = new Map<string, number[][]>();
  for (const s of problem.supplies) {
    const list = byItem.get(s.item) ?? [];
    list.push(unitVector(s.lat, s.lon));
    byItem.set(s.item, list);
  }
  let pairs = 0;
  for (const n of problem.needs) {
    const [x, y, z] = unitVector(n.lat, n.lon);
    for (const [a, b, c] of byItem.get(n.item) ?? []) if ((a - x) ** 2 + (b - y) ** 2 + (c - z) ** 2 <= chord2) pairs++;
  }
  return pairs;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

function sizes(spec: string): [number, number][] {
  return spec.split(',').map((s) => s.split('x').map(Number) as [number, number]);
}

export default async function allocateBench({ log }: BenchContext): Promise<string> {
  const lpSizes = sizes(process.env.BENCH_ALLOCATE_LP ?? '2000x200,5000x500,10000x1000,20000x2000');
  const [fullNeeds, fullSupplies] = sizes(process.env.BENCH_ALLOCATE_FULL ?? '100000x10000')[0];
  solveAllocation(henanInstance(2000, 200, 1)); // warm the JIT

  let minRatio = Number.POSITIVE_INFINITY;
  let largest = { needs: 0, supplies: 0, columns: 0, highsMs: 0, oursMs: 0 };
  for (const [needs, supplies] of lpSizes) {
    const problem = henanInstance(needs, supplies);
    const ours = timed(() => solveAllocation(problem));
    const check = checkPlan(problem, ours.value.plan);
    if (!check.feasible) throw new Error(`infeasible plan at ${needs}×${supplies}: ${check.problems[0]}`);
    const exact = await lpOptimum(problem);
    const lpCheck = checkPlan(problem, { allocations: exact.allocations, score: exact.score });
    const ratio = ours.value.plan.score / exact.score;
    minRatio = Math.min(minRatio, ratio);
    log(
      `${needs} needs × ${supplies} supplies: HiGHS ${exact.columns} columns in ${exact.solveMs.toFixed(0)} ms, score ${exact.score.toFixed(4)}` +
        ` (its plan ${lpCheck.feasible ? 'feasible' : `infeasible: ${lpCheck.problems[0]}`}); ours ${ours.ms.toFixed(0)} ms,` +
        ` score ${ours.value.plan.score.toFixed(4)}, ratio ${ratio.toFixed(9)}, ${ours.value.arcs} arcs, ${ours.value.pivots} pivots`,
    );
    largest = { needs, supplies, columns: exact.columns, highsMs: exact.solveMs, oursMs: ours.ms };
  }

  const problem = henanInstance(fullNeeds, fullSupplies);
  log(`${fullNeeds} needs × ${fullSupplies} supplies: ${pairsInRange(problem)} pairs of the same item within ${MAX_KM} km`);
  const text = JSON.stringify(problem);
  const parse = timed(() => parseProblem(text));
  const median = (runs: { ms: number }[]) => runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const describe = (label: string, runs: { value: AllocationOutcome; ms: number }[]) => {
    const outcome = runs[0].value;
    const check = checkPlan(problem, outcome.plan);
    if (!check.feasible) throw new Error(`infeasible plan on the full instance: ${check.problems[0]}`);
    const gap = (outcome.upperBound - outcome.plan.score) / outcome.upperBound;
    log(
      `${label}: ${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms; score ${outcome.plan.score.toFixed(3)}, certified upper bound` +
        ` ${outcome.upperBound.toFixed(3)} (gap ${gap.toExponential(2)}), ${outcome.optimal ? 'optimal' : 'not proven optimal'},` +
        ` ${outcome.arcs} arcs, ${outcome.pivots} pivots, ${outcome.rounds} rounds, ${outcome.plan.allocations.length} allocations`,
    );
    return { outcome, gap, ms: median(runs) };
  };
  log(`problem JSON ${(text.length / 1e6).toFixed(1)} MB, parsed and validated in ${parse.ms.toFixed(0)} ms`);
  const exact = describe(
    'full instance, to optimality',
    [1, 2, 3].map(() => timed(() => solveAllocation(problem))),
  );
  const fast = describe(
    'full instance, stopping at a certified gap of 1%',
    [1, 2, 3].map(() => timed(() => solveAllocation(problem, { gap: 0.01 }))),
  );
  return summary('allocate', largest.highsMs / largest.oursMs, {
    lp_needs: largest.needs,
    lp_supplies: largest.supplies,
    lp_columns: largest.columns,
    highs_ms: largest.highsMs,
    ours_ms: largest.oursMs,
    min_score_ratio: minRatio.toFixed(9),
    full_needs: fullNeeds,
    full_supplies: fullSupplies,
    full_ms: exact.ms,
    full_score: exact.outcome.plan.score.toFixed(1),
    full_bound: exact.outcome.upperBound.toFixed(1),
    full_gap: exact.gap.toExponential(2),
    gap1pct_ms: fast.ms,
    gap1pct_score_ratio: (fast.outcome.plan.score / exact.outcome.upperBound).toFixed(5),
    target_ms: 5000,
  });
}
