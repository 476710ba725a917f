/**
 * Revoking passes, inside the transaction of the change that ends them: a deployment
 * withdrawn, returned or declined, its organization suspended or gone, or its incident
 * closed, no longer has a pass, and a checkpoint that asks online is told so.
 */
import { deploymentsWithLivePasses, revokePasses } from '../../db/repositories/passes';
import type { Executor } from '../../db/schema';
import { recordChanges } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';

/** Revokes the live passes of some deployments, each revocation recorded; answers how many. */
export async function revokeDeploymentPasses(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  deploymentIds: readonly string[],
  reason: string,
): Promise<number> {
  const revoked = await revokePasses(trx, deploymentIds, nowIso(deps), reason);
  await recordChanges(
    trx,
    deps,
    revoked.map((pass) => ({
      actor,
      change: {
        action: 'pass.revoke',
        entityType: 'pass',
        entityId: pass.id,
        after: { deploymentId: pass.deploymentId, revokedAt: pass.revokedAt, revokeReason: pass.revokeReason },
      },
    })),
  );
  return revoked.length;
}

/** Revokes every live pass of an organization's deployments (its membership no longer lets it act). */
export async function revokeOrganizationPasses(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  organizationId: string,
  reason: string,
): Promise<number> {
  return revokeDeploymentPasses(trx, deps, actor, await deploymentsWithLivePasses(trx, { organizationId }), reason);
}

/** Revokes every live pass of an incident's teams (the incident is closed). */
export async function revokeIncidentPasses(trx: Executor, deps: Deps, actor: Actor, incidentId: string): Promise<number> {
  return revokeDeploymentPasses(trx, deps, actor, await deploymentsWithLivePasses(trx, { incidentId }), 'incident closed');
}
