/** Standing an incident's coordination centre down, with a reason; its seats stay on record with the period. */
import { activeCentre, standDownCentre } from '../../db/repositories/coordination-centres';
import { AppError } from '../../model/errors';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { incidentToCommand } from './command-incident';
import { type CentreView, centreView } from './read-centre';

/** Ends the running centre period; 409 `centre_not_active` when none runs. */
export async function standDownIncidentCentre(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: { reason: string },
): Promise<CentreView> {
  const reason = requiredText(input.reason, 'reason');
  return deps.db.transaction().execute(async (trx) => {
    const incident = await incidentToCommand(trx, actor, incidentId);
    const centre = await activeCentre(trx, incidentId);
    if (!centre) throw new AppError('centre_not_active');
    const stand = { at: nowIso(deps), by: actorId(actor), reason };
    if (!(await standDownCentre(trx, centre.id, stand))) throw new AppError('centre_not_active');
    const after = { ...centre, stoodDownAt: stand.at, stoodDownBy: stand.by, standDownReason: reason };
    await recordChange(trx, deps, actor, {
      action: 'centre.stand_down',
      entityType: 'centre',
      entityId: centre.id,
      live: { incidentId, kind: 'centre' },
      before: { stoodDownAt: null },
      after: { stoodDownAt: stand.at, stoodDownBy: stand.by, standDownReason: reason },
    });
    return centreView(actor, incident, after);
  });
}
