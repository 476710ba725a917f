/**
 * What an incident needs now and what it does not: the open quantity per catalogue item from
 * its needs for goods, and the items its coordinators marked not needed with their reasons.
 * Donors see both before they offer; the public offer form is checked against them.
 */
import { findIncident } from '../../db/repositories/incidents';
import { markUnwanted, neededItems, outstandingPledges, unmarkUnwanted, unwantedItems } from '../../db/repositories/offers';
import { AppError } from '../../model/errors';
import { catalogueItem } from '../../model/items';
import type { NeededItem, UnwantedItem } from '../../model/offer';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { canCoordinateIncident, coordinatesIncidents } from '../policy';

export interface NeededNow {
  /** Open quantities per item, with what donors have pledged of it and not yet handed in. */
  needed: (NeededItem & { pledged: number })[];
  notNeeded: UnwantedItem[];
}

/** The needed-now and not-needed lists of an incident (public: no personal data in either). */
export async function neededNow(deps: Deps, incidentId: string): Promise<NeededNow> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found', { field: 'incidentId' });
  const [needed, pledged, unwanted] = await Promise.all([
    incident.stage === 'closed' ? Promise.resolve([]) : neededItems(deps.db, incidentId),
    outstandingPledges(deps.db, incidentId),
    unwantedItems(deps.db, incidentId),
  ]);
  return {
    needed: needed.map((n) => ({ ...n, pledged: pledged.get(n.item) ?? 0 })),
    notNeeded: unwanted.map(({ item, reason }) => ({ item, reason })),
  };
}

async function coordinatedIncident(deps: Deps, actor: Actor, incidentId: string) {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found', { field: 'incidentId' });
  if (!canCoordinateIncident(actor, incident.jurisdictions)) {
    throw new AppError(coordinatesIncidents(actor) ? 'out_of_scope' : 'forbidden');
  }
  return incident;
}

/** A coordinator marks an item not needed for the incident (or changes the reason). */
export async function markNotNeeded(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  item: string,
  reason: string,
): Promise<NeededNow> {
  const why = reason.trim();
  if (!why) throw new AppError('invalid_input', { field: 'reason', detail: 'reason: say why the item is not needed' });
  const code = catalogueItem(item).code;
  await coordinatedIncident(deps, actor, incidentId);
  await deps.db.transaction().execute(async (trx) => {
    const at = nowIso(deps);
    await markUnwanted(trx, { incidentId, item: code, reason: why, markedBy: actorId(actor), at });
    await recordChange(trx, deps, actor, {
      action: 'offer.mark_not_needed',
      entityType: 'unwantedItem',
      entityId: `${incidentId}:${code}`,
      after: { item: code, reason: why },
      live: { incidentId, kind: 'offer' },
    });
  });
  return neededNow(deps, incidentId);
}

/** A coordinator takes an item off the not-needed list. */
export async function unmarkNotNeeded(deps: Deps, actor: Actor, incidentId: string, item: string): Promise<NeededNow> {
  const code = catalogueItem(item).code;
  await coordinatedIncident(deps, actor, incidentId);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await unmarkUnwanted(trx, incidentId, code))) throw new AppError('not_found', { field: 'item' });
    await recordChange(trx, deps, actor, {
      action: 'offer.unmark_not_needed',
      entityType: 'unwantedItem',
      entityId: `${incidentId}:${code}`,
      before: { item: code },
      live: { incidentId, kind: 'offer' },
    });
  });
  return neededNow(deps, incidentId);
}
