/**
 * The public-fundraising flag (公开募捐资格): money an organization raised from the public
 * without holding the qualification on that day is flagged to the incident's coordinators as
 * an `unqualified_fundraising` alarm, raised in the transaction that records the money. The
 * alarm stays until acknowledged; the sweep does not resolve it (the money was raised).
 */
import { alarmsOfKind, raiseAlarmOnce } from '../../db/repositories/alarms';
import { findMoneyMovements } from '../../db/repositories/money';
import { findOffersByIds } from '../../db/repositories/offers';
import { findOrganization, findOrganizations } from '../../db/repositories/organizations';
import type { Executor } from '../../db/schema';
import type { Alarm } from '../../model/alarm';
import { newId } from '../../model/ids';
import { qualifiedToFundraiseOn } from '../../model/money';
import { recordChange } from '../audit/record-change';
import type { Actor, Deps } from '../context';

const FLAGGER: Actor = { kind: 'system', label: 'fundraising-check' };

/** Flags money raised publicly by an organization not qualified on the day; true when an alarm was raised. */
export async function flagIfUnqualified(
  trx: Executor,
  deps: Deps,
  raised: { incidentId: string; organizationId: string; subjectId: string; at: string },
): Promise<boolean> {
  const org = await findOrganization(trx, raised.organizationId);
  if (!org || qualifiedToFundraiseOn(org, raised.at)) return false;
  const alarm: Alarm = {
    id: newId(),
    incidentId: raised.incidentId,
    kind: 'unqualified_fundraising',
    subjectId: raised.subjectId,
    organizationId: raised.organizationId,
    dueAt: raised.at,
    raisedAt: raised.at,
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedAt: null,
  };
  if (!(await raiseAlarmOnce(trx, alarm))) return false;
  await recordChange(trx, deps, FLAGGER, {
    action: 'alarm.raise',
    entityType: 'alarm',
    entityId: alarm.id,
    after: alarm,
    live: { incidentId: alarm.incidentId, kind: 'alarm' },
  });
  return true;
}

/** Money raised publicly without the qualification, as the ledger lists it. */
export interface UnqualifiedFundraising {
  organizationId: string;
  organizationName: string | null;
  /** The money receipt or the offer that recorded it. */
  subjectKind: 'receipt' | 'offer';
  subjectId: string;
  amountFen: number;
  at: string;
  acknowledged: boolean;
}

/** The incident's flagged fundraising (only one organization's when asked), oldest first. */
export async function unqualifiedFundraising(
  db: Executor,
  incidentId: string,
  organizationId?: string,
): Promise<UnqualifiedFundraising[]> {
  const alarms = await alarmsOfKind(db, incidentId, 'unqualified_fundraising', organizationId);
  const ids = alarms.map((a) => a.subjectId);
  const [movements, offers] = await Promise.all([findMoneyMovements(db, ids), findOffersByIds(db, ids)]);
  const orgs = await findOrganizations(db, [...new Set(alarms.flatMap((a) => (a.organizationId ? [a.organizationId] : [])))]);
  return alarms.flatMap((a) => {
    const movement = movements.get(a.subjectId);
    const offer = offers.get(a.subjectId);
    const amountFen = movement?.amountFen ?? offer?.amountFen;
    if (!a.organizationId || amountFen === undefined || amountFen === null) return [];
    return [
      {
        organizationId: a.organizationId,
        organizationName: orgs.get(a.organizationId)?.name ?? null,
        subjectKind: movement ? ('receipt' as const) : ('offer' as const),
        subjectId: a.subjectId,
        amountFen,
        at: a.dueAt,
        acknowledged: a.acknowledgedAt !== null,
      },
    ];
  });
}
