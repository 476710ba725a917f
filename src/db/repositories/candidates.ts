/** Organizations as recommendation candidates: their rows and their figures on the platform. */
import { sql } from 'kysely';
import { checkInIntervals } from '../../analysis/performance';
import { selectInChunks } from '../bulk';
import type { Executor, OrganizationsTable } from '../schema';
import { deploymentFactsOf, ratingsOf } from './performance';

const ACTIVE_DEPLOYMENT = ['approved', 'en_route', 'checked_in', 'working'];

export type CandidateRow = Pick<
  OrganizationsTable,
  | 'id'
  | 'name'
  | 'kind'
  | 'membership_status'
  | 'membership_tier'
  | 'jurisdictions'
  | 'base_lat'
  | 'base_lon'
  | 'capabilities'
  | 'archived_at'
>;

export interface Figures {
  people: number;
  deployed: number;
  verifiedCapacity: boolean;
  fulfilled: number;
  dropped: number;
  checkInsKept: number;
  checkInsMissed: number;
  ratingCount: number;
  ratingTotal: number;
}

const noFigures = (): Figures => ({
  people: 0,
  deployed: 0,
  verifiedCapacity: false,
  fulfilled: 0,
  dropped: 0,
  checkInsKept: 0,
  checkInsMissed: 0,
  ratingCount: 0,
  ratingTotal: 0,
});

function candidateRows(db: Executor) {
  return db
    .selectFrom('organizations')
    .select([
      'id',
      'name',
      'kind',
      'membership_status',
      'membership_tier',
      'jurisdictions',
      'base_lat',
      'base_lon',
      'capabilities',
      'archived_at',
    ]);
}

/** One page of the organizations not archived, in id order after `afterId`. */
export function candidateRowPage(db: Executor, afterId: string, limit: number): Promise<CandidateRow[]> {
  return candidateRows(db).where('archived_at', 'is', null).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** The rows of some organizations, archived ones included (so they can be forgotten). */
export async function candidateRowsByIds(db: Executor, ids: string[]): Promise<CandidateRow[]> {
  return selectInChunks(ids, (chunk) => candidateRows(db).where('id', 'in', chunk).execute());
}

/**
 * People on the roster, whether any capacity is verified, people deployed now, claims
 * fulfilled or dropped, check-in intervals kept and missed (as of `now`), and after-action
 * ratings, of some organizations.
 */
export async function figuresOf(db: Executor, ids: string[], now = new Date()): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>(ids.map((id) => [id, noFigures()]));
  const ratings = await ratingsOf(db, ids);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const people = await db
      .selectFrom('capacities')
      .select([
        'organization_id',
        sql<string | number>`sum(case when kind = 'people' then quantity else 0 end)`.as('n'),
        sql<string | number>`sum(case when verified_at is not null then 1 else 0 end)`.as('verified'),
      ])
      .where('organization_id', 'in', chunk)
      .groupBy('organization_id')
      .execute();
    const deployed = await db
      .selectFrom('deployments')
      .select(['organization_id', (eb) => eb.fn.sum<string | number>('headcount').as('n')])
      .where('status', 'in', ACTIVE_DEPLOYMENT)
      .where('organization_id', 'in', chunk)
      .groupBy('organization_id')
      .execute();
    const record = await db
      .selectFrom('need_claims')
      .select([
        'organization_id',
        sql<number>`sum(case when status = 'fulfilled' then 1 else 0 end)`.as('fulfilled'),
        sql<number>`sum(case when status in ('expired', 'released', 'declined') then 1 else 0 end)`.as('dropped'),
      ])
      .where('organization_id', 'in', chunk)
      .groupBy('organization_id')
      .execute();
    for (const r of people) {
      const f = out.get(r.organization_id) as Figures;
      f.people = Number(r.n);
      f.verifiedCapacity = Number(r.verified) > 0;
    }
    for (const r of deployed) (out.get(r.organization_id) as Figures).deployed = Number(r.n);
    for (const r of record) {
      const f = out.get(r.organization_id) as Figures;
      f.fulfilled = Number(r.fulfilled);
      f.dropped = Number(r.dropped);
    }
    for (const [id, deployments] of await deploymentFactsOf(db, chunk)) {
      const f = out.get(id) as Figures;
      for (const d of deployments) {
        const one = checkInIntervals(d, now);
        f.checkInsKept += one.kept;
        f.checkInsMissed += one.missed;
      }
    }
    for (const id of chunk) {
      const given = ratings.get(id) ?? [];
      const f = out.get(id) as Figures;
      f.ratingCount = given.length;
      f.ratingTotal = given.reduce((a, b) => a + b, 0);
    }
  }
  return out;
}

/** The organizations that changes to some capacities, deployments or claims concern. */
export async function organizationsOf(
  db: Executor,
  table: 'capacities' | 'deployments' | 'need_claims',
  ids: string[],
): Promise<string[]> {
  const rows = await selectInChunks(ids, (chunk) =>
    db.selectFrom(table).select('organization_id').where('id', 'in', chunk).execute(),
  );
  return [...new Set(rows.map((r) => r.organization_id))];
}
