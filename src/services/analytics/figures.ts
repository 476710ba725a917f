/**
 * Figures: what an analytic computes for a scope, the same whoever asks (each service then
 * trims it to what the asker may see and pages through it). A server keeps recent figures
 * as snapshots refreshed in the background (./snapshots.ts), so a dashboard answers from
 * memory with figures at most a minute behind the data; without one, figures are computed
 * on each call.
 */
import type { Deps } from '../context';

export const FIGURE_NAMES = [
  'cooperation-modes',
  'function-coverage',
  'lifecycle',
  'special-needs',
  'collaboration',
  'principles',
  'substitution',
  'who-what-where',
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

/** A checked scope: jurisdiction and period, or an incident and the day it is looked at. */
export type FigureScope = Readonly<Record<string, string>>;

/** Where a service reads its figures from. */
export interface FigureSource {
  figure(name: FigureName, scope: FigureScope): Promise<unknown>;
}

/** The figure from the deps' source when there is one, else computed now. */
export async function readFigure<S extends FigureScope, T>(
  deps: Deps,
  name: FigureName,
  scope: S,
  compute: (deps: Deps, scope: S) => Promise<T>,
): Promise<T> {
  return deps.figures ? ((await deps.figures.figure(name, scope)) as T) : compute(deps, scope);
}

/** One key per figure and scope, whatever the order of the scope's fields. */
export function figureKey(name: FigureName, scope: FigureScope): string {
  return `${name}?${Object.keys(scope)
    .sort()
    .map((k) => `${k}=${scope[k]}`)
    .join('&')}`;
}
