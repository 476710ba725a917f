/**
 * A deployment's pass (通行证) for its team leader: issued while the deployment is approved,
 * en route, checked in or working; the same pass again while it has more than a quarter of its
 * life left, else a new one. The token is signed from the deployment as it is now, so it
 * names the zone the team was last assigned.
 */
import { findDeployment } from '../../db/repositories/deployments';
import { findIncident } from '../../db/repositories/incidents';
import { insertPass, latestLivePass } from '../../db/repositories/passes';
import type { Deployment } from '../../model/deployment';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Incident } from '../../model/incident';
import type { Organization } from '../../model/organization';
import {
  hasPass,
  lastFourDigits,
  PASS_LIFETIME_HOURS,
  type Pass,
  type PassClaims,
  passExpiry,
  passState,
} from '../../model/pass';
import { recordChange } from '../audit/record-change';
import type { Actor, Deps } from '../context';
import { audienceOf, disclose } from '../disclosure';
import { actingOrganization } from '../organizations/load-organization';
import { actsFor, canCoordinateIncident } from '../policy';
import { signPass } from './pass-token';
import { currentSigningKey, signingKeyById } from './signing-keys';

export interface PassAnswer {
  id: string;
  deploymentId: string;
  kid: string;
  jws: string;
  issuedAt: string;
  validUntil: string;
  claims: PassClaims;
}

/** A pass through the privacy policy: the token and its claims carry the leader's name. */
export type PassView = Omit<PassAnswer, 'jws' | 'claims'> & {
  jws: string | null;
  claims: PassClaims | null;
  personalDataVisible: boolean;
};

/** A pass is renewed once less than this much of it is left. */
const RENEW_BELOW_MS = (PASS_LIFETIME_HOURS / 4) * 3_600_000;

const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

/** The claims of a pass: the deployment as it is now, the leader with only the last four digits of the phone. */
export function passClaims(pass: Pass, deployment: Deployment, incident: Incident, organization: Organization): PassClaims {
  return {
    jti: pass.id,
    sub: deployment.id,
    iat: seconds(pass.issuedAt),
    exp: seconds(pass.expiresAt),
    incident: { id: incident.id, name: incident.name },
    organization: { id: organization.id, name: organization.name },
    team: deployment.teamName,
    headcount: deployment.headcount,
    vehicles: deployment.vehicles,
    zone: deployment.zone,
    leader: { name: deployment.leaderName, phoneLast4: lastFourDigits(deployment.leaderPhone) },
  };
}

/** The team's people and the incident's coordinators hold the pass; others are refused as for any move of the team. */
function assertMayHold(actor: Actor, deployment: Deployment, incident: Incident): void {
  if (actsFor(actor, deployment.organizationId) || canCoordinateIncident(actor, incident.jurisdictions)) return;
  throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
}

export async function deploymentPass(deps: Deps, actor: Actor, deploymentId: string): Promise<PassView> {
  // Made (or found) before the transaction, so a first key never waits on a pass being issued elsewhere.
  const current = await currentSigningKey(deps);
  return deps.db.transaction().execute(async (trx) => {
    const deployment = await findDeployment(trx, deploymentId);
    if (!deployment) throw new AppError('not_found');
    const incident = await findIncident(trx, deployment.incidentId);
    if (!incident) throw new AppError('not_found');
    assertMayHold(actor, deployment, incident);
    if (!hasPass(deployment.status)) {
      throw new AppError('pass_unavailable', {
        field: 'status',
        detail: `a ${deployment.status} deployment has no pass`,
        extra: { deploymentStatus: deployment.status },
      });
    }
    if (incident.stage === 'closed') throw new AppError('archived', { detail: 'the incident is closed' });
    const organization = await actingOrganization(trx, deployment.organizationId);
    const now = deps.now();
    const live = await latestLivePass(trx, deployment.id);
    let pass: Pass;
    if (live && passState(live, now) === 'valid' && new Date(live.expiresAt).getTime() - now.getTime() > RENEW_BELOW_MS) {
      pass = live;
    } else {
      pass = {
        id: newId(),
        deploymentId: deployment.id,
        kid: current.kid,
        issuedAt: now.toISOString(),
        expiresAt: passExpiry(now).toISOString(),
        revokedAt: null,
        revokeReason: null,
      };
      await insertPass(trx, pass);
      await recordChange(trx, deps, actor, { action: 'pass.issue', entityType: 'pass', entityId: pass.id, after: pass });
    }
    const key = pass.kid === current.kid ? current : await signingKeyById(deps, trx, pass.kid);
    const claims = passClaims(pass, deployment, incident, organization);
    const answer: PassAnswer = {
      id: pass.id,
      deploymentId: deployment.id,
      kid: pass.kid,
      jws: signPass(key, claims),
      issuedAt: pass.issuedAt,
      validUntil: pass.expiresAt,
      claims,
    };
    const audience = audienceOf(actor, {
      kind: 'deployment',
      organizationId: deployment.organizationId,
      incidentAreas: incident.jurisdictions,
    });
    return disclose('pass', answer, audience) as PassView;
  });
}
