/**
 * The one privacy policy: for an actor and a record, the reader's audience (src/model/privacy.ts)
 * and what each field of the record looks like to it. Every read that returns people's data —
 * lists, details, maps, exports, live events, analytics, reports — goes through here; nothing
 * else decides who sees a phone number, a vulnerable group or an exact location.
 */
import { type EntityName, fieldRule, isClassified } from '../db/field-classes';
import { AppError } from '../model/errors';
import { isWithin, overlaps } from '../model/jurisdictions';
import {
  type Audience,
  type FieldRule,
  mayQueryBy,
  shownOnRecord,
  snapToGrid,
  type Visibility,
  visibility,
} from '../model/privacy';
import type { Actor } from './context';

/** What a record's audience depends on: where it is and whom it concerns. */
export type Subject =
  /** A need: its place, and the organizations holding it or dispatched to it. */
  | { kind: 'need'; jurisdiction: string; holderIds: readonly string[] }
  /** An organization's own people (liaisons, volunteers, applicant contacts): its id and home area. */
  | { kind: 'organization'; id: string; home: string }
  /** A team deployed to an incident: the organization and the incident's areas. */
  | { kind: 'deployment'; organizationId: string; incidentAreas: readonly string[] }
  /** An offer to an incident: the offering organization (none for the public) and the incident's areas. */
  | { kind: 'offer'; organizationId: string | null; incidentAreas: readonly string[] }
  /** Everything inside some areas at once: a whole list, its filters, an area's analytics. */
  | { kind: 'area'; areas: readonly string[] };

const ORGANIZATION_ROLES = new Set(['org_admin', 'org_member', 'agency_staff']);

/** The area whose records a reader stewards by their place: everywhere, a coordinator's jurisdiction, or none. */
export function placeStewarded(actor: Actor): 'everywhere' | string | null {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return 'everywhere';
  return actor.role === 'coordinator' ? actor.jurisdiction : null;
}

/** The reader's relation to a record: steward where their duty needs the personal data, member otherwise. */
export function audienceOf(actor: Actor, subject: Subject): Audience {
  if (actor.kind === 'system' || actor.role === 'platform_admin') return 'steward';
  const area = placeStewarded(actor);
  const own = ORGANIZATION_ROLES.has(actor.role) ? actor.organizationId : null;
  switch (subject.kind) {
    case 'need':
      if (area !== null && isWithin(subject.jurisdiction, area)) return 'steward';
      return own !== null && subject.holderIds.includes(own) ? 'steward' : 'member';
    case 'organization':
      if (area !== null && isWithin(subject.home, area)) return 'steward';
      return own !== null && own === subject.id ? 'steward' : 'member';
    case 'deployment':
    case 'offer':
      // The coordinators who decide on the incident's deployments and offers need to reach the teams and donors.
      if (area !== null && subject.incidentAreas.some((a) => overlaps(a, area))) return 'steward';
      return own !== null && own === subject.organizationId ? 'steward' : 'member';
    case 'area':
      return area !== null && subject.areas.length > 0 && subject.areas.every((a) => isWithin(a, area)) ? 'steward' : 'member';
  }
}

/** An organization as the subject of its own people's data: its home is its first area. */
export function organizationSubject(org: { id: string; jurisdictions: readonly string[] }): Subject {
  return { kind: 'organization', id: org.id, home: org.jurisdictions[0] ?? '' };
}

/** A need as the subject of its people's data: its place, and whoever holds it or is dispatched to it now. */
export function needSubject(need: { jurisdiction: string }, holdingClaims: readonly { organizationId: string }[]): Subject {
  return { kind: 'need', jurisdiction: need.jurisdiction, holderIds: holdingClaims.map((c) => c.organizationId) };
}

/** The audience of the public pages (no account). */
export const PUBLIC_AUDIENCE: Audience = 'public';

/** Marks every disclosed record carries: whether personal fields are shown, and how exact its location is. */
export interface DisclosureMarks {
  personalDataVisible: boolean;
  locationPrecision?: 'exact' | 'grid';
}

/** A record with hidden fields null, as one audience sees it. */
export type Disclosed<T> = { [K in keyof T]: T[K] | null } & DisclosureMarks;

const PERSONAL = { class: 'personal' } as const;

// Under test an unclassified field is an error, so a field added later is classified before it ships;
// in production it is treated as personal (src/db/field-classes.ts).
const STRICT = Boolean(process.env.VITEST);

function assertClassified(entity: EntityName, field: string): void {
  if (STRICT && !isClassified(entity, field)) {
    throw new Error(`the field ${entity}.${field} has no privacy class (src/db/field-classes.ts)`);
  }
}

/**
 * The record as the audience sees it: fields it may not see are null (secrets are left out),
 * an affected person's exact location is snapped to the public grid's cell centre.
 */
export function disclose<T extends object>(entity: EntityName, record: T, audience: Audience): Disclosed<T> {
  const plan = planOf(entity, audience);
  const out: Record<string, unknown> = {};
  let location: 'exact' | 'grid' | undefined;
  let grid: { lat: number; lon: number } | undefined;
  for (const field in record) {
    let step = plan.get(field);
    if (step === undefined) {
      assertClassified(entity, field);
      step = stepOf(fieldRule(entity, field), audience);
      plan.set(field, step);
    }
    if (step.omit) continue;
    const value = (record as Record<string, unknown>)[field];
    if (step.location) location = step.visibility === 'exact' ? 'exact' : 'grid';
    if (step.visibility === 'exact' || value === null || value === undefined) out[field] = value;
    else if (step.visibility === 'grid') {
      const r = record as unknown as { lat: number; lon: number };
      grid ??= snapToGrid(r.lat, r.lon);
      out[field] = field === 'lat' ? grid.lat : grid.lon;
    } else out[field] = null;
  }
  out.personalDataVisible = shownOnRecord(audience, PERSONAL);
  if (location) out.locationPrecision = location;
  return out as Disclosed<T>;
}

/** What to do with one field for one audience, worked out once (records are disclosed on hot paths). */
interface Step {
  omit: boolean;
  location: boolean;
  visibility: Visibility;
}

const plans = new Map<string, Map<string, Step>>();

function planOf(entity: EntityName, audience: Audience): Map<string, Step> {
  const name = `${entity}:${audience}`;
  let plan = plans.get(name);
  if (!plan) {
    plan = new Map();
    plans.set(name, plan);
  }
  return plan;
}

function stepOf(rule: FieldRule, audience: Audience): Step {
  return { omit: rule.class === 'secret', location: rule.location === true, visibility: visibility(audience, rule) };
}

/** Whether an audience sees an entity's field on a record. */
export function sees(audience: Audience, entity: EntityName, field: string): boolean {
  return shownOnRecord(audience, fieldRule(entity, field));
}

/** A filter or sort key on a field the reader may not see exactly is refused, naming the parameter. */
export function assertMayQueryBy(audience: Audience, entity: EntityName, field: string, parameter = field): void {
  if (mayQueryBy(audience, fieldRule(entity, field))) return;
  throw new AppError('hidden_field', {
    field: parameter,
    detail: `${parameter}: you may not filter or sort on ${field}, which is hidden from you`,
  });
}

/** The exactness of an entity's location field for an audience (for projections that carry only coordinates). */
export function locationFor(audience: Audience, entity: EntityName, point: { lat: number; lon: number }) {
  const v = visibility(audience, fieldRule(entity, 'lat'));
  return v === 'exact'
    ? { ...point, locationPrecision: 'exact' as const }
    : { ...snapToGrid(point.lat, point.lon), locationPrecision: 'grid' as const };
}
