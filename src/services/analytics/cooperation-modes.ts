/**
 * Cooperation modes of an area's non-government organizations at the end of a period
 * (src/analysis/cooperation-modes.ts): service similarity against the government agencies
 * serving an overlapping area, and embedding by verified recognitions in force that day.
 */
import {
  DEFAULT_MODE_CONFIG,
  type ModeConfig,
  type Placement,
  placeOrganization,
  type RecognitionRecord,
} from '../../analysis/cooperation-modes';
import { type AreaOrganization, governmentAgencies, organizationsOfArea, recognitionsOf } from '../../db/repositories/analytics';
import { overlaps } from '../../model/jurisdictions';
import type { ServiceCategory } from '../../model/taxonomy';
import type { Actor, Deps } from '../context';
import { assertCanReadDirectory } from '../policy';
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

export async function cooperationModes(
  deps: Deps,
  actor: Actor,
  scope: Pick<AnalyticsScope, 'jurisdiction' | 'to'>,
  config: ModeConfig = DEFAULT_MODE_CONFIG,
): Promise<{ items: ModeItem[]; to: string }> {
  assertCanReadDirectory(actor);
  const { jurisdiction, to } = checkedScope(deps, scope);
  const organizations = (await organizationsOfArea(deps.db, jurisdiction)).filter((o) => o.kind !== 'government_agency');
  const services = governmentServices(await governmentAgencies(deps.db));
  const recognitions = await recognitionsOf(deps.db, organizations);
  const items = organizations.map((o) => ({
    organizationId: o.id,
    name: o.name,
    kind: o.kind,
    ...placeOrganization(o.categories, services(o.jurisdictions), recognitions.get(o.id) as RecognitionRecord, to, config),
  }));
  return { items, to };
}
