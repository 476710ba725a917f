/**
 * Rumours (谣言) seen about an incident, and the statement that answers each (辟谣). Its
 * coordinators and the organizations in the field record them; inside the network every
 * signed-in account sees them all, the public only those already answered, beside the answer.
 */
import { findIncident } from '../../db/repositories/incidents';
import { findOrganization } from '../../db/repositories/organizations';
import { answerRumour, findRumour, findStatement, incidentRumours, insertRumour } from '../../db/repositories/statements';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Audience } from '../../model/privacy';
import type { Rumour } from '../../model/statement';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { canCoordinateIncident, canIssueStatementFor, canRecordRumours } from '../policy';
import { type RumourView, rumourView } from './statements';

export interface RumourInput {
  text: string;
  seenWhere: string;
  seenAt: string;
}

function refuse(actor: Actor): never {
  throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
}

export async function recordRumour(deps: Deps, actor: Actor, incidentId: string, input: RumourInput): Promise<RumourView> {
  const text = requiredText(input.text, 'text');
  const seenWhere = requiredText(input.seenWhere, 'seenWhere');
  if (Number.isNaN(Date.parse(input.seenAt))) {
    throw new AppError('invalid_input', { field: 'seenAt', detail: 'seenAt: not a date and time' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, incidentId);
    if (!incident) throw new AppError('not_found');
    if (!canRecordRumours(actor, incident.jurisdictions)) refuse(actor);
    const rumour: Rumour = {
      id: newId(),
      incidentId,
      text,
      seenWhere,
      seenAt: new Date(input.seenAt).toISOString(),
      statementId: null,
      recordedBy: actorId(actor),
      recordedAt: nowIso(deps),
    };
    await insertRumour(trx, rumour);
    await recordChange(trx, deps, actor, { action: 'rumour.record', entityType: 'rumour', entityId: rumour.id, after: rumour });
    return rumourView(rumour, 'member');
  });
}

/**
 * Links a rumour to the statement that answers it: the incident's coordinators, or whoever may
 * issue for the statement's agency. The statement is of the same incident or of none.
 */
export async function answerRumourWith(deps: Deps, actor: Actor, rumourId: string, statementId: string): Promise<RumourView> {
  return deps.db.transaction().execute(async (trx) => {
    const rumour = await findRumour(trx, rumourId);
    if (!rumour) throw new AppError('not_found');
    const incident = await findIncident(trx, rumour.incidentId);
    if (!incident) throw new AppError('not_found');
    const statement = await findStatement(trx, statementId);
    if (!statement) throw new AppError('not_found', { field: 'statementId', detail: 'statementId: no statement has this id' });
    const agency = await findOrganization(trx, statement.issuingOrganizationId);
    const allowed =
      canCoordinateIncident(actor, incident.jurisdictions) || (agency !== undefined && canIssueStatementFor(actor, agency));
    if (!allowed) refuse(actor);
    if (statement.incidentId !== null && statement.incidentId !== rumour.incidentId) {
      throw new AppError('invalid_input', {
        field: 'statementId',
        detail: 'statementId: the statement is about another incident',
      });
    }
    const after: Rumour = { ...rumour, statementId };
    await answerRumour(trx, rumourId, statementId);
    await recordChange(trx, deps, actor, {
      action: 'rumour.answer',
      entityType: 'rumour',
      entityId: rumourId,
      before: rumour,
      after,
    });
    return rumourView(after, 'member');
  });
}

/** An incident's rumours: all of them inside the network, only the answered ones for the public. */
export async function listRumours(deps: Deps, incidentId: string, audience: Audience): Promise<RumourView[]> {
  if (!(await findIncident(deps.db, incidentId))) throw new AppError('not_found');
  const rumours = await incidentRumours(deps.db, incidentId, audience === 'public');
  return rumours.map((r) => rumourView(r, audience));
}
