/** What an organization has to do now, across the incidents under way. */
import { sql } from 'kysely';
import type { Deployment } from '../../model/deployment';
import { areaPrefix } from '../../model/jurisdictions';
import type { Need } from '../../model/need';
import { selectInChunks } from '../bulk';
import type { Executor } from '../schema';
import { toDeployment } from './deployments';
import { toNeed } from './needs';

const FINISHED_DEPLOYMENTS = ['declined', 'withdrawn', 'returned'];

/** Needs by id. */
export async function needsByIds(db: Executor, ids: string[]): Promise<Need[]> {
  const rows = await selectInChunks(ids, (chunk) => db.selectFrom('needs').selectAll().where('id', 'in', chunk).execute());
  return rows.map(toNeed);
}

/** An organization's teams not yet finished, in incidents not closed, oldest first. */
export async function ongoingDeploymentsOf(db: Executor, organizationId: string): Promise<Deployment[]> {
  const rows = await db
    .selectFrom('deployments')
    .innerJoin('incidents', 'incidents.id', 'deployments.incident_id')
    .selectAll('deployments')
    .where('deployments.organization_id', '=', organizationId)
    .where('deployments.status', 'not in', FINISHED_DEPLOYMENTS)
    .where('incidents.stage', '!=', 'closed')
    .orderBy('deployments.created_at')
    .execute();
  return rows.map(toDeployment);
}

/**
 * Open needs nobody has claimed, in incidents not closed, inside any of the areas and of any of
 * the categories: the most urgent and then the newest first.
 */
export async function unclaimedNeedsFor(
  db: Executor,
  filter: { areas: readonly string[]; categories: readonly string[]; limit: number },
): Promise<Need[]> {
  if (filter.areas.length === 0 || filter.categories.length === 0) return [];
  const rows = await db
    .selectFrom('needs')
    .innerJoin('incidents', 'incidents.id', 'needs.incident_id')
    .selectAll('needs')
    .where('needs.status', '=', 'open')
    .where('needs.claimed_quantity', '=', 0)
    .where('incidents.stage', '!=', 'closed')
    .where('needs.category', 'in', [...filter.categories])
    .where((eb) => eb.or(filter.areas.map((area) => eb('needs.jurisdiction', 'like', `${areaPrefix(area)}%`))))
    .orderBy(sql`case needs.urgency when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`)
    .orderBy('needs.created_at', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(toNeed);
}
