/**
 * The standby roster (待命名单): before a response is declared, the incident's coordinators ask
 * organizations to be ready and may take them off again. Only active members and those under
 * cultivation may be asked; once the incident is in response the roster stays as it was.
 */
import { insertStandbyRequest, openStandbyRequest, withdrawStandbyRequest } from '../../db/repositories/standby';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Incident } from '../../model/incident';
import { rosterOpen, type StandbyRequest } from '../../model/incident-command';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { isKeyConflict } from '../idempotency';
import { actingOrganization } from '../organizations/load-organization';
import { incidentToCommand } from './command-incident';

function assertRosterOpen(incident: Incident): void {
  if (rosterOpen(incident.stage)) return;
  throw new AppError('roster_closed', {
    detail: `the incident is in ${incident.stage}: the standby roster changes only in preparedness`,
  });
}

/** Asks an organization to stand by for the incident (201); 409 `already_on_standby` when it is asked already. */
export async function requestStandby(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: { organizationId: string; note?: string | null },
): Promise<StandbyRequest> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const incident = await incidentToCommand(trx, actor, incidentId);
      assertRosterOpen(incident);
      await actingOrganization(trx, input.organizationId);
      if (await openStandbyRequest(trx, incidentId, input.organizationId)) {
        throw new AppError('already_on_standby', { field: 'organizationId' });
      }
      const request: StandbyRequest = {
        id: newId(),
        incidentId,
        organizationId: input.organizationId,
        note: input.note?.trim() || null,
        requestedBy: actorId(actor),
        requestedAt: nowIso(deps),
        answer: 'pending',
        answerNote: null,
        answeredBy: null,
        answeredAt: null,
        withdrawnAt: null,
        withdrawnBy: null,
      };
      await insertStandbyRequest(trx, request);
      await recordChange(trx, deps, actor, {
        action: 'standby.request',
        entityType: 'standby',
        entityId: request.id,
        live: { incidentId, kind: 'standby' },
        after: request,
      });
      return request;
    });
  } catch (error) {
    if (isKeyConflict(error)) throw new AppError('already_on_standby', { field: 'organizationId' });
    throw error;
  }
}

/** Takes an organization off the roster (kept on record as withdrawn). */
export async function withdrawStandby(deps: Deps, actor: Actor, incidentId: string, organizationId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const incident = await incidentToCommand(trx, actor, incidentId);
    assertRosterOpen(incident);
    const request = await openStandbyRequest(trx, incidentId, organizationId);
    if (!request) throw new AppError('not_found', { detail: 'the organization is not on this incident’s standby roster' });
    const at = nowIso(deps);
    await withdrawStandbyRequest(trx, request.id, actorId(actor), at);
    await recordChange(trx, deps, actor, {
      action: 'standby.withdraw',
      entityType: 'standby',
      entityId: request.id,
      live: { incidentId, kind: 'standby' },
      before: { withdrawnAt: null },
      after: { withdrawnAt: at, withdrawnBy: actorId(actor) },
    });
  });
}
