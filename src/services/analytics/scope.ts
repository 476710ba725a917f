/** The scope every analytic is asked for: an area (and everything below it) and a period. */
import { AppError } from '../../model/errors';
import { findJurisdiction } from '../../model/jurisdictions';
import { type Deps, nowIso } from '../context';

export interface AnalyticsScope {
  jurisdiction: string;
  /** First day of the period (YYYY-MM-DD); defaults to a year before `to`. */
  from?: string;
  /** Last day of the period (YYYY-MM-DD); defaults to today. */
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkedDay(value: string, field: 'from' | 'to'): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  // A day that does not exist (2026-02-31) would otherwise roll over into the next month.
  if (!DAY.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new AppError('invalid_input', { field, detail: `${field} is a date written YYYY-MM-DD` });
  }
  return value;
}

/** The day 365 days before a day (YYYY-MM-DD). */
export function yearBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
}

/** The scope with its defaults, refusing unknown areas and badly ordered periods. */
export function checkedScope(deps: Deps, scope: AnalyticsScope): Required<AnalyticsScope> {
  if (!findJurisdiction(scope.jurisdiction)) {
    throw new AppError('unknown_jurisdiction', {
      field: 'jurisdiction',
      detail: `jurisdiction: no GB/T 2260 division has the code ${scope.jurisdiction}`,
    });
  }
  const to = scope.to ? checkedDay(scope.to, 'to') : nowIso(deps).slice(0, 10);
  const from = scope.from ? checkedDay(scope.from, 'from') : yearBefore(to);
  if (from > to) throw new AppError('invalid_input', { field: 'from', detail: 'from is after to' });
  return { jurisdiction: scope.jurisdiction, from, to };
}
