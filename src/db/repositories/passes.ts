/** Deployment passes and the keys that sign them. */
import type { Pass } from '../../model/pass';
import type { Executor, PassesTable, PassKeysTable } from '../schema';

const toPass = (r: PassesTable): Pass => ({
  id: r.id,
  deploymentId: r.deployment_id,
  kid: r.kid,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  revokeReason: r.revoke_reason,
});

export async function insertPass(db: Executor, p: Pass): Promise<void> {
  await db
    .insertInto('passes')
    .values({
      id: p.id,
      deployment_id: p.deploymentId,
      kid: p.kid,
      issued_at: p.issuedAt,
      expires_at: p.expiresAt,
      revoked_at: p.revokedAt,
      revoke_reason: p.revokeReason,
    })
    .execute();
}

export async function findPass(db: Executor, id: string): Promise<Pass | undefined> {
  const row = await db.selectFrom('passes').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPass(row);
}

/** The deployment's newest pass that is not revoked, if any. */
export async function latestLivePass(db: Executor, deploymentId: string): Promise<Pass | undefined> {
  const row = await db
    .selectFrom('passes')
    .selectAll()
    .where('deployment_id', '=', deploymentId)
    .where('revoked_at', 'is', null)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toPass(row);
}

/** Revokes the live passes of some deployments; answers the passes it revoked. */
export async function revokePasses(db: Executor, deploymentIds: readonly string[], at: string, reason: string): Promise<Pass[]> {
  if (deploymentIds.length === 0) return [];
  const rows = await db
    .updateTable('passes')
    .set({ revoked_at: at, revoke_reason: reason })
    .where('deployment_id', 'in', deploymentIds)
    .where('revoked_at', 'is', null)
    .returningAll()
    .execute();
  return rows.map(toPass);
}

/** The deployments of an organization, or to an incident, that have a pass not yet revoked. */
export async function deploymentsWithLivePasses(
  db: Executor,
  of: { organizationId: string } | { incidentId: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('passes')
    .innerJoin('deployments', 'deployments.id', 'passes.deployment_id')
    .select('passes.deployment_id')
    .distinct()
    .where(
      'organizationId' in of ? 'deployments.organization_id' : 'deployments.incident_id',
      '=',
      'organizationId' in of ? of.organizationId : of.incidentId,
    )
    .where('passes.revoked_at', 'is', null)
    .execute();
  return rows.map((r) => r.deployment_id);
}

export type PassKeyRow = PassKeysTable;

/** The signing key of the highest generation, the one new passes are signed with. */
export async function newestPassKey(db: Executor): Promise<PassKeyRow | undefined> {
  return db.selectFrom('pass_keys').selectAll().orderBy('generation', 'desc').limit(1).executeTakeFirst();
}

export async function findPassKey(db: Executor, kid: string): Promise<PassKeyRow | undefined> {
  return db.selectFrom('pass_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
}

export async function allPassKeys(db: Executor): Promise<PassKeyRow[]> {
  return db.selectFrom('pass_keys').selectAll().orderBy('generation', 'asc').execute();
}

/** Adds a key unless another node already took its generation; answers whether this one was stored. */
export async function insertPassKeyIfFree(db: Executor, row: PassKeyRow): Promise<boolean> {
  const result = await db
    .insertInto('pass_keys')
    .values(row)
    .onConflict((oc) => oc.column('generation').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
