/**
 * Reading an incident's standby roster: the whole roster for coordinators, admins and observers;
 * an organization's own people see their own organization's request.
 */
import { standbyRoster } from '../../db/repositories/standby';
import type { StandbyRequest } from '../../model/incident-command';
import type { Actor, Deps } from '../context';
import { audienceOf, type DisclosureMarks, disclose } from '../disclosure';
import { canAnswerStandby, canManageIncident, fieldOrganizationOf } from '../policy';
import { incidentToRead } from './command-incident';

/** Every field of a request is internal: every signed-in reader of it sees it whole. */
export type StandbyView = StandbyRequest & DisclosureMarks & { viewerCanAnswer: boolean };

export interface StandbyRoster {
  items: StandbyView[];
  viewerCanManage: boolean;
}

/** The roster still standing (withdrawn requests are left out), oldest request first. */
export async function getStandbyRoster(deps: Deps, actor: Actor, incidentId: string): Promise<StandbyRoster> {
  const incident = await incidentToRead(deps.db, incidentId);
  const own = fieldOrganizationOf(actor);
  const requests = await standbyRoster(deps.db, incidentId, own ? { organizationId: own } : {});
  const open = incident.stage !== 'closed';
  return {
    items: requests.map((r) => ({
      ...(disclose('standby', r, audienceOf(actor, { kind: 'area', areas: incident.jurisdictions })) as StandbyRequest &
        DisclosureMarks),
      viewerCanAnswer: open && canAnswerStandby(actor, r.organizationId),
    })),
    viewerCanManage: incident.stage === 'preparedness' && canManageIncident(actor, incident.jurisdictions),
  };
}
