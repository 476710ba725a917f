/**
 * The board's map: the needs of an incident inside a viewport, newest first, at most 2,000,
 * answered from points kept in memory (src/projections/need-points.ts). The points of an
 * incident are loaded on its first map request; before every answer they catch up with the
 * live event log, so the map shows every change committed before the request, made by this
 * process or another one sharing the database.
 */
import { needIdsOfClaims, needsHeldBy } from '../../db/repositories/claims';
import { findIncident } from '../../db/repositories/incidents';
import { incidentEventsAfter, lastIncidentSeq } from '../../db/repositories/live-events';
import { type NeedPointRow, needPointPage, needPointsByIds } from '../../db/repositories/needs';
import { AppError } from '../../model/errors';
import type { Audience } from '../../model/privacy';
import { CaughtUp } from '../../projections/caught-up';
import { KeptPerIncident } from '../../projections/kept-per-incident';
import { type NeedPoint, NeedPoints, type PointFilter } from '../../projections/need-points';
import type { Actor, Deps } from '../context';
import { audienceOf, locationFor, sees } from '../disclosure';
import { filterForReader } from './need-filters';

export const MAP_LIMIT = 2000;
const PAGE = 5000;

const toPoint = (r: NeedPointRow): NeedPoint => ({ ...r, createdAt: Date.parse(r.createdAt) });

class IncidentPoints {
  readonly points = new NeedPoints();
  private seq = 0;
  private readonly kept: CaughtUp<NeedPoints>;

  constructor(
    private readonly deps: Deps,
    private readonly incidentId: string,
  ) {
    this.kept = new CaughtUp(
      this.points,
      () => this.load(),
      () => this.catchUp(),
    );
  }

  private async load(): Promise<void> {
    // The position in the event log is read before the needs, so nothing between is missed.
    this.seq = await lastIncidentSeq(this.deps.db, this.incidentId);
    for (let after = ''; ; ) {
      const page = await needPointPage(this.deps.db, this.incidentId, after, PAGE);
      for (const row of page) this.points.put(toPoint(row));
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const events = await incidentEventsAfter(this.deps.db, this.incidentId, this.seq, PAGE);
      if (events.length === 0) return;
      const needIds = new Set(events.filter((e) => e.kind === 'need').map((e) => e.entityId));
      const claimIds = events.filter((e) => e.kind === 'claim').map((e) => e.entityId);
      for (const id of await needIdsOfClaims(this.deps.db, claimIds)) needIds.add(id);
      for (const row of await needPointsByIds(this.deps.db, [...needIds])) this.points.put(toPoint(row));
      this.seq = events[events.length - 1].seq;
      if (events.length < PAGE) return;
    }
  }

  current(): Promise<NeedPoints> {
    return this.kept.current();
  }
}

/** An incident's points not asked for in half an hour are let go; a failed load is forgotten, so the next request tries again. */
const kept = new KeptPerIncident((owner, incidentId, forget) => {
  const points = new IncidentPoints(owner as Deps, incidentId);
  points.current().catch(forget);
  return points;
});

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** grid: the point is the centre of its public grid cell, not the exact place. */
  locationPrecision: 'exact' | 'grid';
  status: NeedPoint['status'];
  urgency: NeedPoint['urgency'];
  category: NeedPoint['category'];
  remaining: number;
  /** Whether vulnerable people are involved; null for readers from whom vulnerable groups are hidden. */
  vulnerable: boolean | null;
}

/**
 * The newest needs of an incident in a viewport (or all of it), at most MAP_LIMIT, with the number
 * that matched; each point as the privacy policy shows that need to the reader.
 */
export async function needMap(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  filter: PointFilter,
): Promise<{ items: MapPoint[]; total: number; truncated: boolean }> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found');
  const held =
    actor.kind === 'user' && actor.organizationId ? await needsHeldBy(deps.db, actor.organizationId, incidentId) : new Set();
  const points = await kept.of(deps, incidentId).current();
  const found = points.query(filterForReader(actor, incident, filter), MAP_LIMIT);
  // The audience of a point depends on its place and whether the reader holds it: worked out once per pair.
  const shown = new Map<string, { audience: Audience; vulnerable: boolean }>();
  const shownOf = (p: NeedPoint) => {
    const holds = held.has(p.id);
    const key = `${p.jurisdiction}:${holds}`;
    let seen = shown.get(key);
    if (!seen) {
      const holderIds = holds && actor.kind === 'user' && actor.organizationId ? [actor.organizationId] : [];
      const audience = audienceOf(actor, { kind: 'need', jurisdiction: p.jurisdiction, holderIds });
      seen = { audience, vulnerable: sees(audience, 'need', 'vulnerableGroups') };
      shown.set(key, seen);
    }
    return seen;
  };
  return {
    items: found.items.map((p) => {
      const { audience, vulnerable } = shownOf(p);
      return {
        id: p.id,
        ...locationFor(audience, 'need', p),
        status: p.status,
        urgency: p.urgency,
        category: p.category,
        remaining: p.remaining,
        vulnerable: vulnerable ? p.vulnerable : null,
      };
    }),
    total: found.total,
    truncated: found.total > found.items.length,
  };
}
