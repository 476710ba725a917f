/**
 * Placing a need on the map: a need imported from a spreadsheet with an address but no
 * coordinates stays off the map and out of distance scoring until a coordinator of its
 * incident, or the organization holding it, finds the place.
 */
import { appendNeedEvent, saveNeed } from '../../db/repositories/needs';
import type { Need } from '../../model/need';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { coordinatedNeed } from './manage-needs';
import { toWgs84 } from './report-need';

export async function locateNeed(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { lat: number; lon: number; coordSystem?: 'wgs84' | 'gcj02' },
): Promise<Need> {
  return deps.db.transaction().execute(async (trx) => {
    const need = await coordinatedNeed(trx, actor, id, true);
    const at = nowIso(deps);
    const place = toWgs84(input);
    const after: Need = { ...need, ...place, locationNeeded: false, updatedAt: at };
    await saveNeed(trx, after);
    await appendNeedEvent(trx, id, 'located', place, actorId(actor), at);
    await recordChange(trx, deps, actor, {
      action: 'need.locate',
      entityType: 'need',
      entityId: id,
      live: { incidentId: need.incidentId, kind: 'need' },
      before: { lat: need.lat, lon: need.lon, locationNeeded: need.locationNeeded },
      after: { ...place, locationNeeded: false },
    });
    return after;
  });
}
