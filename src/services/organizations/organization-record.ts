/**
 * An organization's record on the platform (src/analysis/performance.ts defines each figure):
 * internal like the rest of the directory, so every signed-in role reads it; it names no
 * person and no need.
 */
import { type OrganizationRecord, organizationRecord } from '../../analysis/performance';
import { findOrganization } from '../../db/repositories/organizations';
import { claimFactsOf, deploymentFactsOf, ratingsOf } from '../../db/repositories/performance';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import type { Actor, Deps } from '../context';

/** The records of some organizations as of `now`. */
export async function recordsOf(db: Executor, ids: string[], now: Date): Promise<Map<string, OrganizationRecord>> {
  const claims = await claimFactsOf(db, ids, { progress: true });
  const deployments = await deploymentFactsOf(db, ids);
  const ratings = await ratingsOf(db, ids);
  return new Map(
    ids.map((id) => [id, organizationRecord(claims.get(id) ?? [], deployments.get(id) ?? [], ratings.get(id) ?? [], now)]),
  );
}

export async function getOrganizationRecord(
  deps: Deps,
  _actor: Actor,
  id: string,
): Promise<OrganizationRecord & { organizationId: string }> {
  if (!(await findOrganization(deps.db, id))) throw new AppError('not_found');
  const record = (await recordsOf(deps.db, [id], deps.now())).get(id) as OrganizationRecord;
  return { organizationId: id, ...record };
}
