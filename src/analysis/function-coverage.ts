/**
 * Function-map coverage: for the 12 cells of the function map (strategy × phase), how many
 * organizations work in each and how many activities took place in each, against the needs
 * seen in the same area — a cell where needs arose but no organization works is a gap. Pure.
 */
import { allCells, cellKey, type FunctionCell, type Phase, type Strategy } from '../model/taxonomy';

/** How many of something fall in a cell. */
export interface Tally {
  cell: FunctionCell;
  count: number;
}

export interface CoverageCell {
  strategy: Strategy;
  phase: Phase;
  organizations: number;
  activities: number;
  needs: number;
  /** Needs arose here and no organization works here. */
  gap: boolean;
}

function sum(tallies: readonly Tally[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tallies) out.set(cellKey(t.cell), (out.get(cellKey(t.cell)) ?? 0) + t.count);
  return out;
}

/** The 12 cells with their counts (organizations counted once per cell they work in). */
export function functionCoverage(tallies: {
  organizations: readonly Tally[];
  activities: readonly Tally[];
  needs: readonly Tally[];
}): CoverageCell[] {
  const orgs = sum(tallies.organizations);
  const acts = sum(tallies.activities);
  const seen = sum(tallies.needs);
  return allCells().map((cell) => {
    const key = cellKey(cell);
    const organizations = orgs.get(key) ?? 0;
    const needs = seen.get(key) ?? 0;
    return { ...cell, organizations, activities: acts.get(key) ?? 0, needs, gap: needs > 0 && organizations === 0 };
  });
}
