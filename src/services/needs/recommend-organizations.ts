/**
 * Which organizations could serve a need, ranked by function. The candidates are kept in
 * memory (src/projections/candidate-index.ts), loaded on first use; before every answer
 * they catch up with the audit log — organizations, capacities, deployments and claims
 * changed since, by this process or another sharing the database.
 */
import { changedEntitiesAfter, readAuditHead } from '../../db/repositories/audit';
import {
  type CandidateRow,
  candidateRowPage,
  candidateRowsByIds,
  type Figures,
  figuresOf,
  organizationsOf,
} from '../../db/repositories/candidates';
import { holdingClaims } from '../../db/repositories/claims';
import { findIncident } from '../../db/repositories/incidents';
import { findNeed } from '../../db/repositories/needs';
import { organizationsRatedIn } from '../../db/repositories/performance';
import { type Candidate, type NeedToMatch, type Recommendation, recommend } from '../../matching/recommend';
import { AppError } from '../../model/errors';
import { type MembershipStatus, type MembershipTier, mayAct } from '../../model/membership';
import { distanceMetres, placeOf } from '../../model/need';
import type { Organization, OrganizationKind } from '../../model/organization';
import { phaseOfStage, SERVICE_CATEGORIES, type ServiceCategory, strategyOfCategory } from '../../model/taxonomy';
import { CandidateIndex } from '../../projections/candidate-index';
import { CaughtUp } from '../../projections/caught-up';
import type { Actor, Deps } from '../context';
import { audienceOf, locationFor, needSubject } from '../disclosure';

/** Organizations based this far (degrees) from a need are candidates even outside their service area. */
const BOX_DEGREES = 3;
const PAGE = 5000;
const WATCHED = {
  organization: null,
  capacity: 'capacities',
  deployment: 'deployments',
  claim: 'need_claims',
  // After-action reviews rate organizations: their record changes.
  lesson: 'lessons',
} as const;

/** The taxonomy's own strings, so that comparing categories compares identities. */
const CATEGORY = new Map<string, ServiceCategory>(SERVICE_CATEGORIES.map((c) => [c, c]));

/**
 * A candidate from an organization row and its figures. Every field is written out in the
 * same order, so all candidates share one shape and scoring thousands of them stays fast.
 */
export function candidateFromRow(
  r: Omit<CandidateRow, 'archived_at'>,
  figures: Pick<
    Candidate,
    | 'people'
    | 'deployed'
    | 'verifiedCapacity'
    | 'fulfilled'
    | 'dropped'
    | 'checkInsKept'
    | 'checkInsMissed'
    | 'ratingCount'
    | 'ratingTotal'
  >,
): Candidate {
  const capabilities = JSON.parse(r.capabilities) as Organization['capabilities'];
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Organization['kind'],
    membershipStatus: r.membership_status as MembershipStatus,
    membershipTier: r.membership_tier as MembershipTier,
    jurisdictions: JSON.parse(r.jurisdictions) as string[],
    base: r.base_lat === null || r.base_lon === null ? null : { lat: Number(r.base_lat), lon: Number(r.base_lon) },
    categories: capabilities.serviceCategories.map((c) => CATEGORY.get(c) ?? c),
    cells: capabilities.cells,
    people: figures.people,
    deployed: figures.deployed,
    verifiedCapacity: figures.verifiedCapacity,
    fulfilled: figures.fulfilled,
    dropped: figures.dropped,
    checkInsKept: figures.checkInsKept ?? 0,
    checkInsMissed: figures.checkInsMissed ?? 0,
    ratingCount: figures.ratingCount ?? 0,
    ratingTotal: figures.ratingTotal ?? 0,
  };
}

const NO_FIGURES: Figures = {
  people: 0,
  deployed: 0,
  verifiedCapacity: false,
  fulfilled: 0,
  dropped: 0,
  checkInsKept: 0,
  checkInsMissed: 0,
  ratingCount: 0,
  ratingTotal: 0,
};

class Roster {
  readonly index = new CandidateIndex();
  private seq = 0;
  private readonly kept: CaughtUp<CandidateIndex>;

  constructor(private readonly deps: Deps) {
    this.kept = new CaughtUp(
      this.index,
      () => this.load(),
      () => this.catchUp(),
    );
  }

  private async put(rows: CandidateRow[]): Promise<void> {
    const figures = await figuresOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      if (row.archived_at) this.index.remove(row.id);
      else this.index.put(candidateFromRow(row, figures.get(row.id) ?? NO_FIGURES));
    }
  }

  private async load(): Promise<void> {
    // The position in the audit log is read before the organizations, so nothing between is missed.
    this.seq = (await readAuditHead(this.deps.db)).seq;
    for (let after = ''; ; ) {
      const page = await candidateRowPage(this.deps.db, after, PAGE);
      await this.put(page);
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
  }

  private async catchUp(): Promise<void> {
    // Sequence numbers are taken under the chain head's lock until commit, so they become
    // visible in order: after the last one seen, nothing earlier can still appear.
    for (;;) {
      const changes = await changedEntitiesAfter(this.deps.db, this.seq, Object.keys(WATCHED), PAGE);
      if (changes.length === 0) return;
      const organizations = new Set<string>();
      for (const [type, table] of Object.entries(WATCHED)) {
        const ids = [...new Set(changes.filter((c) => c.entityType === type).map((c) => c.entityId))];
        if (ids.length === 0) continue;
        const concerned =
          table === 'lessons'
            ? await organizationsRatedIn(this.deps.db, ids)
            : table
              ? await organizationsOf(this.deps.db, table, ids)
              : ids;
        for (const id of concerned) organizations.add(id);
      }
      await this.put(await candidateRowsByIds(this.deps.db, [...organizations]));
      this.seq = changes[changes.length - 1].seq;
      if (changes.length < PAGE) return;
    }
  }

  current(): Promise<CandidateIndex> {
    return this.kept.current();
  }
}

const rosters = new WeakMap<Deps, Roster>();

function rosterOf(deps: Deps): Roster {
  let roster = rosters.get(deps);
  if (!roster) {
    const fresh = new Roster(deps);
    rosters.set(deps, fresh);
    // A failed load is forgotten, so the next request tries again.
    fresh.current().catch(() => rosters.delete(deps));
    roster = fresh;
  }
  return roster;
}

/** Loads the candidates ahead of the first recommendation (the server calls it at start). */
export async function warmRecommendations(deps: Deps): Promise<number> {
  return (await rosterOf(deps).current()).size;
}

/** What a coordinator narrows recommendations to: an organization kind, a distance, verified capacity only. */
export interface RecommendationFilters {
  limit?: number;
  kind?: OrganizationKind;
  withinKm?: number;
  verifiedOnly?: boolean;
}

/** Whether a candidate passes the filters (and may act at all: suspended, exited, declined and under-review ones may not). */
function passes(c: Candidate, filters: RecommendationFilters, place: { lat: number | null; lon: number | null }): boolean {
  if (!mayAct(c.membershipStatus)) return false;
  if (filters.kind && c.kind !== filters.kind) return false;
  if (filters.verifiedOnly && !c.verifiedCapacity) return false;
  if (filters.withinKm !== undefined) {
    if (!c.base || place.lat === null || place.lon === null) return false;
    if (distanceMetres(c.base, { lat: place.lat, lon: place.lon }) / 1000 > filters.withinKm) return false;
  }
  return true;
}

/**
 * The organizations (ten unless asked) best able to serve a need, each with its explained score.
 * Distances are measured from the need's place as the reader may see it: a reader who sees only
 * its grid cell gets distances from the cell's centre, so bases and distances cannot locate it
 * more closely.
 */
export async function recommendOrganizations(
  deps: Deps,
  actor: Actor,
  needId: string,
  filters: RecommendationFilters = {},
): Promise<Recommendation[]> {
  const need = await findNeed(deps.db, needId);
  if (!need) throw new AppError('not_found');
  let audience = audienceOf(actor, needSubject(need, []));
  // Only an organization may be a steward through holding the need: look its claims up only then.
  if (audience !== 'steward' && actor.kind === 'user' && actor.organizationId) {
    audience = audienceOf(actor, needSubject(need, await holdingClaims(deps.db, needId)));
  }
  // A need not yet located is scored without distance (never from a made-up centre).
  const point = placeOf(need);
  const place = point ? locationFor(audience, 'need', point) : { lat: null, lon: null };
  const incident = await findIncident(deps.db, need.incidentId);
  const phase = phaseOfStage(
    incident?.stage === 'closed' || !incident ? 'response' : incident.stage === 'preparedness' ? 'preparedness' : incident.stage,
  );
  return rankOrganizations(
    deps,
    {
      category: CATEGORY.get(need.category) ?? need.category,
      cell: { strategy: strategyOfCategory(need.category), phase },
      jurisdiction: need.jurisdiction,
      lat: place.lat,
      lon: place.lon,
    },
    filters,
  );
}

/** Ranks the organizations that may act for a piece of work (a need, a deployment's task), leaving out `exclude`. */
export async function rankOrganizations(
  deps: Deps,
  work: NeedToMatch,
  filters: RecommendationFilters,
  exclude?: string,
): Promise<Recommendation[]> {
  const candidates = await rosterOf(deps).current();
  return recommend(
    work,
    candidates
      .near(work.category, work.jurisdiction, work.lat, work.lon, BOX_DEGREES)
      .filter((c) => c.id !== exclude && passes(c, filters, work)),
    filters.limit ?? 10,
  );
}
