/** 3W/4W for an area and period (src/analysis/who-what-where.ts). */
import { whoWhatWhere } from '../../analysis/who-what-where';
import { activityRows, placeCentres } from '../../db/repositories/analytics';
import { findJurisdiction } from '../../model/jurisdictions';
import type { Actor, Deps } from '../context';
import { locationFor, PUBLIC_AUDIENCE } from '../disclosure';
import { sliceOf } from '../pagination';
import { readFigure } from './figures';
import { type AnalyticsScope, checkedScope } from './scope';

/** Every row of the area and period, with the totals (whoever asks). */
export async function computeWhoWhatWhere(deps: Deps, { jurisdiction, from, to }: Required<AnalyticsScope>) {
  const figure = whoWhatWhere(await activityRows(deps.db, jurisdiction, from, to));
  const centres = await placeCentres(
    deps.db,
    figure.byPlace.map((p) => p.key),
  );
  // Each place named, and placed on the map where its activity lies. The mean of a place's needs
  // is as exact as its one need where it has one: it is shown as every reader may see a need's
  // place, on the public grid (the figure is the same whoever asks).
  const byPlace = figure.byPlace.map((p) => {
    const centre = centres.get(p.key);
    const shown = centre ? locationFor(PUBLIC_AUDIENCE, 'need', centre) : null;
    return { ...p, name: findJurisdiction(p.key)?.name ?? p.key, lat: shown?.lat ?? null, lon: shown?.lon ?? null };
  });
  return { ...figure, byPlace, from, to };
}

/** The totals by what and by place; the organizations with most activity; the rows a page at a time. */
export async function whoWhatWhereOf(
  deps: Deps,
  _actor: Actor,
  query: AnalyticsScope & { limit?: number; cursor?: string; top?: number },
) {
  const { rows, byOrganization, ...figure } = await readFigure(
    deps,
    'who-what-where',
    checkedScope(deps, query),
    computeWhoWhatWhere,
  );
  const page = sliceOf(rows, { limit: query.limit ?? 500, cursor: query.cursor });
  return {
    ...figure,
    rows: page.items,
    total: page.total,
    nextCursor: page.nextCursor,
    byOrganization: byOrganization.slice(0, query.top ?? 100),
    organizations: byOrganization.length,
  };
}
