/** Which organizations could serve a need: candidates from the database, ranked by function. */

import { sql } from 'kysely';
import { findIncident } from '../../db/repositories/incidents';
import { findNeed } from '../../db/repositories/needs';
import type { Executor, OrganizationsTable } from '../../db/schema';
import { type Candidate, type Recommendation, recommend } from '../../matching/recommend';
import { AppError } from '../../model/errors';
import type { MembershipStatus } from '../../model/membership';
import type { Organization } from '../../model/organization';
import { phaseOfStage, strategyOfCategory } from '../../model/taxonomy';
import type { Actor, Deps } from '../context';
import { assertCanReadDirectory } from '../policy';

const ACTIVE_DEPLOYMENT = ['approved', 'en_route', 'checked_in', 'working'];
const BOX_DEGREES = 3;

/** Organizations that list the category and either serve the need's province or are based near it. */
async function candidatesFor(
  db: Executor,
  category: string,
  jurisdiction: string,
  lat: number,
  lon: number,
): Promise<Candidate[]> {
  const rows = await db
    .selectFrom('organizations')
    .selectAll()
    .where('archived_at', 'is', null)
    .where('id', 'in', (eb) =>
      eb.selectFrom('organization_categories').select('organization_id').where('category', '=', category),
    )
    .where((w) =>
      w.or([
        w('id', 'in', (eb) =>
          eb.selectFrom('organization_jurisdictions').select('organization_id').where('province', '=', jurisdiction.slice(0, 2)),
        ),
        w.and([
          w('base_lat', '>=', lat - BOX_DEGREES),
          w('base_lat', '<=', lat + BOX_DEGREES),
          w('base_lon', '>=', lon - BOX_DEGREES),
          w('base_lon', '<=', lon + BOX_DEGREES),
        ]),
      ]),
    )
    .limit(5000)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const people = await db
    .selectFrom('capacities')
    .select(['organization_id', (eb) => eb.fn.sum<string | number>('quantity').as('n')])
    .where('kind', '=', 'people')
    .where('organization_id', 'in', ids)
    .groupBy('organization_id')
    .execute();
  const deployed = await db
    .selectFrom('deployments')
    .select(['organization_id', (eb) => eb.fn.sum<string | number>('headcount').as('n')])
    .where('status', 'in', ACTIVE_DEPLOYMENT)
    .where('organization_id', 'in', ids)
    .groupBy('organization_id')
    .execute();
  const record = await db
    .selectFrom('need_claims')
    .select([
      'organization_id',
      sql<number>`sum(case when status = 'fulfilled' then 1 else 0 end)`.as('fulfilled'),
      sql<number>`sum(case when status in ('expired', 'released', 'declined') then 1 else 0 end)`.as('dropped'),
    ])
    .where('organization_id', 'in', ids)
    .groupBy('organization_id')
    .execute();
  const by = <T extends { organization_id: string }>(list: T[]) => new Map(list.map((x) => [x.organization_id, x]));
  const peopleOf = by(people);
  const deployedOf = by(deployed);
  const recordOf = by(record);
  return rows.map((r) =>
    candidateFromRow(r, {
      people: Number(peopleOf.get(r.id)?.n ?? 0),
      deployed: Number(deployedOf.get(r.id)?.n ?? 0),
      fulfilled: Number(recordOf.get(r.id)?.fulfilled ?? 0),
      dropped: Number(recordOf.get(r.id)?.dropped ?? 0),
    }),
  );
}

/** A candidate from an organization row and its figures. */
export function candidateFromRow(
  r: Pick<
    OrganizationsTable,
    'id' | 'name' | 'kind' | 'membership_status' | 'jurisdictions' | 'base_lat' | 'base_lon' | 'capabilities'
  >,
  figures: Pick<Candidate, 'people' | 'deployed' | 'fulfilled' | 'dropped'>,
): Candidate {
  const capabilities = JSON.parse(r.capabilities) as Organization['capabilities'];
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Organization['kind'],
    membershipStatus: r.membership_status as MembershipStatus,
    jurisdictions: JSON.parse(r.jurisdictions) as string[],
    base: r.base_lat === null || r.base_lon === null ? null : { lat: Number(r.base_lat), lon: Number(r.base_lon) },
    categories: capabilities.serviceCategories,
    cells: capabilities.cells,
    ...figures,
  };
}

/** The ten organizations best able to serve a need, each with its explained score. */
export async function recommendOrganizations(deps: Deps, actor: Actor, needId: string, limit = 10): Promise<Recommendation[]> {
  assertCanReadDirectory(actor);
  const need = await findNeed(deps.db, needId);
  if (!need) throw new AppError('not_found');
  const incident = await findIncident(deps.db, need.incidentId);
  const phase = phaseOfStage(
    incident?.stage === 'closed' || !incident ? 'response' : incident.stage === 'preparedness' ? 'preparedness' : incident.stage,
  );
  const candidates = await candidatesFor(deps.db, need.category, need.jurisdiction, need.lat, need.lon);
  return recommend(
    {
      category: need.category,
      cell: { strategy: strategyOfCategory(need.category), phase },
      jurisdiction: need.jurisdiction,
      lat: need.lat,
      lon: need.lon,
    },
    candidates,
    limit,
  );
}
