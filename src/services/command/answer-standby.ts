/** An organization answers its standby request: ready or unavailable, with a note; it may change its answer until the incident closes. */
import { findIncident } from '../../db/repositories/incidents';
import { openStandbyRequest, saveStandbyAnswer } from '../../db/repositories/standby';
import { AppError } from '../../model/errors';
import { mayAnswerStandby, type StandbyAnswer, type StandbyRequest } from '../../model/incident-command';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { assertCanAnswerStandby } from '../policy';

export async function answerStandby(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  organizationId: string,
  input: { answer: Exclude<StandbyAnswer, 'pending'>; note?: string | null },
): Promise<StandbyRequest> {
  assertCanAnswerStandby(actor, organizationId);
  return deps.db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, incidentId);
    if (!incident) throw new AppError('not_found');
    if (!mayAnswerStandby(incident.stage)) throw new AppError('archived', { detail: 'a closed incident no longer changes' });
    const request = await openStandbyRequest(trx, incidentId, organizationId);
    if (!request) throw new AppError('not_found', { detail: 'the organization is not on this incident’s standby roster' });
    const answer = { answer: input.answer, note: input.note?.trim() || null, by: actorId(actor), at: nowIso(deps) };
    await saveStandbyAnswer(trx, request.id, answer);
    await recordChange(trx, deps, actor, {
      action: 'standby.answer',
      entityType: 'standby',
      entityId: request.id,
      live: { incidentId, kind: 'standby' },
      before: { answer: request.answer, answerNote: request.answerNote },
      after: { answer: answer.answer, answerNote: answer.note, answeredBy: answer.by, answeredAt: answer.at },
    });
    return { ...request, answer: answer.answer, answerNote: answer.note, answeredBy: answer.by, answeredAt: answer.at };
  });
}
