/** 3W/4W for an area and period (src/analysis/who-what-where.ts). */
import Papa from 'papaparse';
import { whoWhatWhere } from '../../analysis/who-what-where';
import { activityRows, creditCodesOf, placeCentres } from '../../db/repositories/analytics';
import { guardCell } from '../../interop/formula-guard';
import { activityToHxlRow, HXL_3W_HEADERS, HXL_3W_TAGS, type HxlExportContext } from '../../interop/hxl';
import { findJurisdiction } from '../../model/jurisdictions';
import type { Actor, Deps } from '../context';
import { audienceOf, locationFor, PUBLIC_AUDIENCE, sees } from '../disclosure';
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

/**
 * Every row of the area and period as an HXL-tagged CSV (src/interop/hxl.ts): a human header,
 * the hashtag row, then the data. The same figure as the JSON answer, whoever asks; places at
 * the public grid as there; credit codes where the reader may see an organization's.
 */
export async function whoWhatWhereHxl(deps: Deps, actor: Actor, query: AnalyticsScope): Promise<string> {
  const scope = checkedScope(deps, query);
  const figure = await readFigure(deps, 'who-what-where', scope, computeWhoWhatWhere);
  const showCodes = sees(audienceOf(actor, { kind: 'area', areas: [scope.jurisdiction] }), 'organization', 'creditCode');
  const creditCodes = showCodes
    ? await creditCodesOf(deps.db, [...new Set(figure.rows.map((r) => r.organizationId))])
    : new Map();
  const context: HxlExportContext = {
    from: figure.from,
    to: figure.to,
    creditCodes,
    places: new Map(figure.byPlace.map((p) => [p.key, p])),
  };
  const lines = [HXL_3W_HEADERS, HXL_3W_TAGS];
  for (const row of figure.rows) {
    const cells = activityToHxlRow(
      showCodes ? row : { ...row, organizationId: row.external ? 'external:' : row.organizationId },
      context,
    );
    lines.push(cells.map((c) => (c === null ? '' : guardCell(c))) as string[]);
  }
  // The byte-order mark tells Excel the file is UTF-8; HXL readers skip it with the human header.
  return `\uFEFF${Papa.unparse(lines)}\r\n`;
}
