/** Computes any figure by name: what the snapshots and their worker thread call. */
import type { Deps } from '../context';
import { computeCollaboration } from './collaboration';
import { computeCooperationModes } from './cooperation-modes';
import type { FigureName, FigureScope } from './figures';
import { computeFunctionCoverage } from './function-coverage';
import { computeLifecycle } from './lifecycle';
import { computePrinciples } from './principles';
import type { AnalyticsScope } from './scope';
import { computeSpecialNeeds } from './special-needs';
import { computeSubstitution } from './substitution';
import { computeWhoWhatWhere } from './who-what-where';

type Period = Required<AnalyticsScope>;

const COMPUTE: Record<FigureName, (deps: Deps, scope: FigureScope) => Promise<unknown>> = {
  'cooperation-modes': (deps, scope) => computeCooperationModes(deps, scope as { jurisdiction: string; to: string }),
  'function-coverage': (deps, scope) => computeFunctionCoverage(deps, scope as Period),
  lifecycle: (deps, scope) => computeLifecycle(deps, scope as Period),
  'special-needs': (deps, scope) => computeSpecialNeeds(deps, scope as Period),
  collaboration: (deps, scope) => computeCollaboration(deps, scope as Period),
  principles: (deps, scope) => computePrinciples(deps, scope as Period),
  substitution: (deps, scope) => computeSubstitution(deps, scope as { incidentId: string; today: string }),
  'who-what-where': (deps, scope) => computeWhoWhatWhere(deps, scope as Period),
};

export function computeFigure(deps: Deps, name: FigureName, scope: FigureScope): Promise<unknown> {
  return COMPUTE[name](deps, scope);
}
