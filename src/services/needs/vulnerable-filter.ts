/**
 * Filtering an incident's needs on vulnerable groups would tell which needs involve them, so
 * only readers who see the groups on every need of the incident's areas may do it. The need
 * list and the map enforce it; the incident answer tells the board whether to offer it.
 */
import { fieldRule } from '../../db/field-classes';
import { mayQueryBy } from '../../model/privacy';
import type { Actor } from '../context';
import { assertMayQueryBy, audienceOf } from '../disclosure';

interface IncidentAreas {
  jurisdictions: readonly string[];
}

const audienceOfAreas = (actor: Actor, incident: IncidentAreas) =>
  audienceOf(actor, { kind: 'area', areas: incident.jurisdictions });

/** Whether the reader may filter the incident's needs (list and map) on vulnerable groups. */
export function canFilterVulnerable(actor: Actor, incident: IncidentAreas): boolean {
  return mayQueryBy(audienceOfAreas(actor, incident), fieldRule('need', 'vulnerableGroups'));
}

/** Refuses the `vulnerable` filter (hidden_field) to a reader who may not use it. */
export function assertCanFilterVulnerable(actor: Actor, incident: IncidentAreas): void {
  assertMayQueryBy(audienceOfAreas(actor, incident), 'need', 'vulnerableGroups', 'vulnerable');
}
