/**
 * Function-map coverage of an area over a period (src/analysis/function-coverage.ts): the
 * organizations serving it per cell, the programs that ran there, and the needs reported
 * there — each need in the cell of its category's strategy and the phase its incident was
 * in when it was reported.
 */
import { type CoverageCell, functionCoverage, type Tally } from '../../analysis/function-coverage';
import { needsPerStage, organizationsPerCell, programsPerCell } from '../../db/repositories/analytics';
import { type IncidentStage, phaseOfIncidentStage } from '../../model/incident';
import { type Phase, type ServiceCategory, type Strategy, strategyOfCategory } from '../../model/taxonomy';
import type { Actor, Deps } from '../context';
import { readFigure } from './figures';
import { type AnalyticsScope, checkedScope } from './scope';

export async function functionCoverageOf(
  deps: Deps,
  _actor: Actor,
  scope: AnalyticsScope,
): Promise<{ cells: CoverageCell[]; from: string; to: string }> {
  return readFigure(deps, 'function-coverage', checkedScope(deps, scope), computeFunctionCoverage);
}

export async function computeFunctionCoverage(
  deps: Deps,
  { jurisdiction, from, to }: Required<AnalyticsScope>,
): Promise<{ cells: CoverageCell[]; from: string; to: string }> {
  const organizations: Tally[] = (await organizationsPerCell(deps.db, jurisdiction)).map((t) => {
    const [strategy, phase] = t.cell.split(':') as [Strategy, Phase];
    return { cell: { strategy, phase }, count: t.count };
  });
  const activities: Tally[] = (await programsPerCell(deps.db, jurisdiction, from, to)).map((t) => ({
    cell: { strategy: t.strategy as Strategy, phase: t.phase as Phase },
    count: t.count,
  }));
  const needs: Tally[] = (await needsPerStage(deps.db, jurisdiction, from, to)).map((r) => ({
    cell: {
      strategy: strategyOfCategory(r.category as ServiceCategory),
      phase: phaseOfIncidentStage(r.stage as IncidentStage | null),
    },
    count: r.count,
  }));
  return { cells: functionCoverage({ organizations, activities, needs }), from, to };
}
