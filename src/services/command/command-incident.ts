/** Loading an incident that someone is about to command: it exists, is not closed, and the actor may run it. */
import { findIncident } from '../../db/repositories/incidents';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import type { Incident } from '../../model/incident';
import type { Actor } from '../context';
import { assertCanManageIncident } from '../policy';

/** The incident, for a change by one who may manage it (SPEC §2); a closed incident no longer changes (409 archived). */
export async function incidentToCommand(db: Executor, actor: Actor, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident) throw new AppError('not_found');
  assertCanManageIncident(actor, incident.jurisdictions);
  if (incident.stage === 'closed') throw new AppError('archived', { detail: 'a closed incident no longer changes' });
  return incident;
}

/** The incident a reader asks about, or 404. */
export async function incidentToRead(db: Executor, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident) throw new AppError('not_found');
  return incident;
}
