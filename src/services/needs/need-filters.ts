/**
 * The filters a reader may put on an incident's needs (the list and the map), as the privacy
 * policy allows: a filter on a field tells as much as the field. Vulnerable groups may be
 * filtered on only by readers who see them on every need of the incident's areas, and then only
 * among the needs inside the reader's own area (a need may be reported for a wider area than the
 * incident's). A box over the map is widened to whole cells of the public grid for readers who
 * see only the grid, so narrowing boxes cannot find an exact place.
 */
import { fieldRule } from '../../db/field-classes';
import { gridBox, mayQueryBy } from '../../model/privacy';
import type { Actor } from '../context';
import { assertMayQueryBy, audienceOf, placeStewarded } from '../disclosure';

interface IncidentAreas {
  jurisdictions: readonly string[];
}

interface ReaderFilter {
  vulnerableOnly?: boolean;
  box?: { south: number; west: number; north: number; east: number };
  within?: string;
}

const audienceOfAreas = (actor: Actor, incident: IncidentAreas) =>
  audienceOf(actor, { kind: 'area', areas: incident.jurisdictions });

/** Whether the reader may filter the incident's needs (list and map) on vulnerable groups. */
export function canFilterVulnerable(actor: Actor, incident: IncidentAreas): boolean {
  return mayQueryBy(audienceOfAreas(actor, incident), fieldRule('need', 'vulnerableGroups'));
}

/** The reader's filter as it may run: refused (hidden_field) where it would tell what the reader may not see. */
export function filterForReader<F extends ReaderFilter>(actor: Actor, incident: IncidentAreas, filter: F): F {
  const audience = audienceOfAreas(actor, incident);
  const allowed: F = { ...filter };
  if (filter.vulnerableOnly) {
    assertMayQueryBy(audience, 'need', 'vulnerableGroups', 'vulnerable');
    const area = placeStewarded(actor);
    if (area !== 'everywhere' && area !== null) allowed.within = area;
  }
  if (filter.box && !mayQueryBy(audience, fieldRule('need', 'lat'))) allowed.box = gridBox(filter.box);
  return allowed;
}
