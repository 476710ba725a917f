/** The platform-event facts of changes several services make (what happened and where, never personal fields). */
import type { Need } from '../../model/need';
import type { PlatformEventFacts } from '../../model/platform-event';

/** A need was entered (form, public report, import): its incident, area and service category. */
export function needCreated(need: Pick<Need, 'incidentId' | 'jurisdiction' | 'category'>): PlatformEventFacts {
  return { type: 'need.created', incidentId: need.incidentId, jurisdiction: need.jurisdiction, category: need.category };
}

/** A claim on a need (taken, dispatched or about to expire), addressed to the organization holding it. */
export function claimFacts(
  type: 'need.claimed' | 'dispatch.created' | 'claim.expiring',
  need: Pick<Need, 'incidentId' | 'jurisdiction' | 'category'>,
  organizationId: string,
): PlatformEventFacts {
  return { type, incidentId: need.incidentId, organizationId, jurisdiction: need.jurisdiction, category: need.category };
}
