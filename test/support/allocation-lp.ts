/**
 * An independent exact optimum of an allocation problem: every pair of the same item within range
 * and of positive profit becomes an LP column, solved by HiGHS (WebAssembly), item by item since
 * items do not interact. Pairs of profit ≤ 0 are left out: no optimum uses them.
 */
import loadHighs from 'highs';
import type { Allocation, AllocationProblem } from '../../src/matching/allocate';
import { allocationKm, groupByItem, unitProfit } from '../../src/matching/allocate-problem';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

let loaded: Promise<Highs> | undefined;

export interface LpOptimum {
  score: number;
  allocations: Allocation[];
  /** LP columns, over all items. */
  columns: number;
  /** Milliseconds inside HiGHS (building its model from arrays and solving), summed over items. */
  solveMs: number;
}

/** Solves the problem exactly with HiGHS; throws if any item's LP does not come back optimal. */
export async function lpOptimum(problem: AllocationProblem): Promise<LpOptimum> {
  loaded ??= loadHighs();
  const highs = await loaded;
  const items = groupByItem(problem);
  const result: LpOptimum = { score: 0, allocations: [], columns: 0, solveMs: 0 };
  for (const { needs, supplies } of items.values()) {
    const pairs: { need: number; supply: number; profit: number }[] = [];
    needs.forEach((i, row) => {
      const need = problem.needs[i];
      supplies.forEach((k, col) => {
        const km = allocationKm(need, problem.supplies[k]);
        const profit = unitProfit(need.weight, km);
        if (km <= problem.maxDistanceKm && profit > 0 && need.quantity > 0 && problem.supplies[k].quantity > 0) {
          pairs.push({ need: row, supply: col, profit });
        }
      });
    });
    if (pairs.length === 0) continue;
    const rows = needs.length + supplies.length;
    const starts = new Int32Array(pairs.length + 1);
    const indices = new Int32Array(2 * pairs.length);
    const values = new Float64Array(2 * pairs.length).fill(1);
    pairs.forEach((p, c) => {
      starts[c + 1] = 2 * (c + 1);
      indices[2 * c] = p.need;
      indices[2 * c + 1] = needs.length + p.supply;
    });
    const started = performance.now();
    const solution = highs.withModel(
      {
        numCols: pairs.length,
        numRows: rows,
        sense: highs.constants.objectiveSense.maximize,
        colCost: Float64Array.from(pairs, (p) => p.profit),
        colLower: new Float64Array(pairs.length),
        colUpper: new Float64Array(pairs.length).fill(highs.infinity),
        rowLower: new Float64Array(rows).fill(-highs.infinity),
        rowUpper: Float64Array.from([
          ...needs.map((i) => problem.needs[i].quantity),
          ...supplies.map((k) => problem.supplies[k].quantity),
        ]),
        matrix: { format: 'csc', numRows: rows, numCols: pairs.length, starts, indices, values },
      },
      (model) => {
        model.options.set({ output_flag: false });
        model.run();
        const status = model.getModelStatus();
        if (status !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS ended with model status ${status}`);
        return { objective: model.getObjectiveValue(), values: model.getSolution().colValue };
      },
    );
    result.solveMs += performance.now() - started;
    result.score += solution.objective;
    result.columns += pairs.length;
    pairs.forEach((p, c) => {
      const quantity = solution.values[c];
      if (quantity > 0) {
        result.allocations.push({
          needId: problem.needs[needs[p.need]].id,
          supplyId: problem.supplies[supplies[p.supply]].id,
          quantity,
        });
      }
    });
  }
  return result;
}
