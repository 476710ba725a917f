/**
 * What a platform event says to one reader: its subject read through the privacy policy as that
 * reader would read it over the API (a need with a coordinator's phone and exact place for the
 * need's stewards, coarse and without the phone for others). Null when the reader may not read
 * the subject, or it is gone: nothing is sent then.
 */
import { findAlarm } from '../../db/repositories/alarms';
import { findClaim } from '../../db/repositories/claims';
import { findDeployment } from '../../db/repositories/deployments';
import { findNeed } from '../../db/repositories/needs';
import { AppError } from '../../model/errors';
import type { PlatformEvent } from '../../model/platform-event';
import { publicAlert } from '../alerts/read-alerts';
import { getBulletin } from '../bulletins/bulletins';
import type { Actor, Deps } from '../context';
import { getDeployment } from '../deployments/read-deployments';
import { claimAnswer, viewsOf } from '../needs/read-needs';
import { publicStatement } from '../statements/statements';

/** A read that the reader is refused, or whose subject is gone, tells nothing. */
async function readable<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
}

async function needData(deps: Deps, actor: Actor, needId: string): Promise<Record<string, unknown> | null> {
  const need = await findNeed(deps.db, needId);
  if (!need) return null;
  const [view] = await viewsOf(deps.db, actor, [need]);
  return { need: view };
}

async function claimData(deps: Deps, actor: Actor, claimId: string): Promise<Record<string, unknown> | null> {
  const claim = await findClaim(deps.db, claimId);
  if (!claim) return null;
  return readable(async () => {
    const { claim: shown, need } = await claimAnswer(deps, actor, claim);
    const { history: _h, duplicates: _d, ...needView } = need;
    return { claim: shown, need: needView };
  });
}

async function deploymentData(deps: Deps, actor: Actor, deploymentId: string): Promise<Record<string, unknown> | null> {
  return readable(async () => {
    const { log: _log, ...deployment } = await getDeployment(deps, actor, deploymentId);
    return { deployment };
  });
}

/** The event's `data` as `actor` may read it, or null when they may not. */
export async function describeEvent(deps: Deps, actor: Actor, event: PlatformEvent): Promise<Record<string, unknown> | null> {
  const facts = { incidentId: event.incidentId ?? null };
  let data: Record<string, unknown> | null;
  switch (event.type) {
    case 'need.created':
      data = await needData(deps, actor, event.entityId);
      break;
    case 'need.claimed':
    case 'claim.expiring':
    case 'dispatch.created':
      // About a claim, or about the need when the change recorded the need.
      data = (await findClaim(deps.db, event.entityId))
        ? await claimData(deps, actor, event.entityId)
        : await needData(deps, actor, event.entityId);
      break;
    case 'deployment.decided':
      data = await deploymentData(deps, actor, event.entityId);
      break;
    case 'checkin.missed': {
      // About the deployment, or about the alarm the sweep raised for it.
      const alarm = (await findDeployment(deps.db, event.entityId)) ? null : await findAlarm(deps.db, event.entityId);
      data = await deploymentData(deps, actor, alarm ? alarm.subjectId : event.entityId);
      break;
    }
    case 'statement.published':
      // A signed statement is public: everyone gets it as its public page shows it, JWS included.
      data = await readable(async () => {
        const { issuedBy: _by, personalDataVisible: _p, ...statement } = await publicStatement(deps, event.entityId);
        return { statement };
      });
      break;
    case 'alert.published':
    case 'alert.ingested':
      // Warnings are public: the alert as GET /api/v1/public/alerts/{id} shows it (CAP with ?format=cap).
      data = await readable(async () => ({ alert: (await publicAlert(deps, event.entityId)).view }));
      break;
    case 'bulletin.published':
      // As the reader may read it: its audience (public, network, coordinators) decides, else nothing is sent.
      data = await readable(async () => ({ bulletin: await getBulletin(deps, actor, event.entityId) }));
      break;
  }
  return data === null ? null : { ...facts, ...data };
}
