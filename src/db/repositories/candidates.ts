/** Organizations as recommendation candidates: their rows and their figures on the platform. */
import { sql } from 'kysely';
import { selectInChunks } from '../bulk';
import type { Executor, OrganizationsTable } from '../schema';

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
}

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

/** People on the roster, whether any capacity is verified, people deployed now, and claims fulfilled or dropped, of some organizations. */
export async function figuresOf(db: Executor, ids: string[]): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>(
    ids.map((id) => [id, { people: 0, deployed: 0, verifiedCapacity: false, fulfilled: 0, dropped: 0 }]),
  );
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
