/** Claims in the demo as they happen for real: a provisional group's claim is confirmed by the coordinator. */
import type { Claim } from '../../db/repositories/claims';
import type { Deps } from '../context';
import { claimNeed, confirmClaim } from '../needs/claims';
import { DEMO } from './demo-network';

/** An organization claims a need; the demo's coordinator confirms it at once when the organization is provisional. */
export async function demoClaim(deps: Deps, needId: string, organizationId: string): Promise<Claim> {
  const { claim } = await claimNeed(deps, DEMO, needId, { organizationId });
  if (claim.status !== 'unconfirmed') return claim;
  await confirmClaim(deps, DEMO, claim.id);
  return { ...claim, status: 'active' };
}
