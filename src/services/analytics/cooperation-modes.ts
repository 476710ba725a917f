/**
 * Cooperation modes of an area's non-government organizations at the end of a period
 * (src/analysis/cooperation-modes.ts): service similarity against the government agencies
 * serving an overlapping area, and embedding by verified recognitions in force that day.
 */
import {
  type CooperationMode,
  DEFAULT_MODE_CONFIG,
  MODES,
  type ModeConfig,
  type Placement,
  placeOrganization,
  type RecognitionRecord,
} from '../../analysis/cooperation-modes';
import { type AreaOrganization, governmentAgencies, organizationsOfArea, recognitionsOf } from '../../db/repositories/analytics';
import { overlaps } from '../../model/jurisdictions';
import type { ServiceCategory } from '../../model/taxonomy';
import type { Actor, Deps } from '../context';
import { sliceOf } from '../pagination';
import { readFigure } from './figures';
import { type AnalyticsScope, checkedScope } from './scope';

export interface ModeItem extends Placement {
  organizationId: string;
  name: string;
  kind: AreaOrganization['kind'];
}

/** What government serving an area overlapping each code provides, memoized per code. */
function governmentServices(agencies: AreaOrganization[]): (codes: string[]) => Set<ServiceCategory> {
  const byCode = new Map<string, Set<ServiceCategory>>();
  const servicesFor = (code: string) => {
    let found = byCode.get(code);
    if (!found) {
      found = new Set(agencies.filter((a) => a.jurisdictions.some((j) => overlaps(j, code))).flatMap((a) => a.categories));
      byCode.set(code, found);
    }
    return found;
  };
  return (codes) => new Set(codes.flatMap((code) => [...servicesFor(code)]));
}

/** Every non-government organization serving the area, placed on the day `to` (whoever asks). */
export async function computeCooperationModes(
  deps: Deps,
  scope: { jurisdiction: string; to: string },
  config: ModeConfig = DEFAULT_MODE_CONFIG,
): Promise<{ items: ModeItem[]; to: string }> {
  const organizations = (await organizationsOfArea(deps.db, scope.jurisdiction)).filter((o) => o.kind !== 'government_agency');
  const services = governmentServices(await governmentAgencies(deps.db));
  const recognitions = await recognitionsOf(deps.db, organizations);
  const items = organizations.map((o) => ({
    organizationId: o.id,
    name: o.name,
    kind: o.kind,
    ...placeOrganization(o.categories, services(o.jurisdictions), recognitions.get(o.id) as RecognitionRecord, scope.to, config),
  }));
  return { items, to: scope.to };
}

/** How many organizations sit at each (similarity, embedding) point of the plane, rounded to tenths, per mode. */
function densityOf(items: readonly ModeItem[]) {
  const cells = new Map<string, { similarity: number; embedding: number; mode: CooperationMode; count: number }>();
  for (const item of items) {
    const similarity = Math.round(item.similarity * 10) / 10;
    const embedding = Math.round(item.embedding * 10) / 10;
    const key = `${similarity}|${embedding}|${item.mode}`;
    const cell = cells.get(key) ?? { similarity, embedding, mode: item.mode, count: 0 };
    cell.count += 1;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

type ModesFigure = Awaited<ReturnType<typeof computeCooperationModes>>;
const summaries = new WeakMap<ModesFigure, ReturnType<typeof summarize>>();

function summarize(figure: ModesFigure) {
  const byMode = Object.fromEntries(MODES.map((m) => [m, figure.items.filter((i) => i.mode === m)])) as Record<
    CooperationMode,
    ModeItem[]
  >;
  const counts = Object.fromEntries(MODES.map((m) => [m, byMode[m].length])) as Record<CooperationMode, number>;
  return { byMode, counts, density: densityOf(figure.items) };
}

/** Counts, density and each mode's list, worked out once per figure (a snapshot is read many times). */
function summaryOf(figure: ModesFigure) {
  let summary = summaries.get(figure);
  if (!summary) {
    summary = summarize(figure);
    summaries.set(figure, summary);
  }
  return summary;
}

/**
 * The placements, a page at a time (optionally of one mode), with how many are in each mode
 * and where they cluster on the plane, so a chart can show a province's thousands at once.
 */
export async function cooperationModes(
  deps: Deps,
  _actor: Actor,
  query: Pick<AnalyticsScope, 'jurisdiction' | 'to'> & { mode?: CooperationMode; limit?: number; cursor?: string },
) {
  const { jurisdiction, to } = checkedScope(deps, query);
  const figure = await readFigure(deps, 'cooperation-modes', { jurisdiction, to }, computeCooperationModes);
  const { counts, density, byMode } = summaryOf(figure);
  return {
    to,
    counts,
    density,
    ...sliceOf(query.mode ? byMode[query.mode] : figure.items, { limit: query.limit ?? 1000, cursor: query.cursor }),
  };
}
