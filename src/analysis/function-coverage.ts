/**
 * Function-map coverage: for the 12 cells of the function map (strategy × phase), how many
 * organizations work in each and how many activities took place in each, against the needs
 * seen in the same area — a cell where needs arose but no organization works is a gap. Pure.
 */
import { allCells, cellKey, type FunctionCell, normalizeCells, type Phase, type Strategy } from '../model/taxonomy';

export interface CoverageCell {
  strategy: Strategy;
  phase: Phase;
  organizations: number;
  activities: number;
  needs: number;
  /** Needs arose here and no organization works here. */
  gap: boolean;
}

export function functionCoverage(
  organizations: readonly { cells: readonly FunctionCell[] }[],
  activities: readonly { cell: FunctionCell }[],
  needs: readonly { cell: FunctionCell }[],
): CoverageCell[] {
  const count = () => new Map(allCells().map((c) => [cellKey(c), 0]));
  const orgs = count();
  const acts = count();
  const seen = count();
  const add = (map: Map<string, number>, cell: FunctionCell) => {
    const key = cellKey(cell);
    if (map.has(key)) map.set(key, (map.get(key) as number) + 1);
  };
  for (const o of organizations) for (const cell of normalizeCells(o.cells)) add(orgs, cell);
  for (const a of activities) add(acts, a.cell);
  for (const n of needs) add(seen, n.cell);
  return allCells().map((cell) => {
    const key = cellKey(cell);
    const organizationsHere = orgs.get(key) as number;
    const needsHere = seen.get(key) as number;
    return {
      ...cell,
      organizations: organizationsHere,
      activities: acts.get(key) as number,
      needs: needsHere,
      gap: needsHere > 0 && organizationsHere === 0,
    };
  });
}
