/** The standby roster of incidents: organizations asked to be ready, and their answers. */
import type { StandbyAnswer, StandbyRequest } from '../../model/incident-command';
import type { Executor, StandbyRequestsTable } from '../schema';

const toRequest = (r: StandbyRequestsTable): StandbyRequest => ({
  id: r.id,
  incidentId: r.incident_id,
  organizationId: r.organization_id,
  note: r.note,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  answer: r.answer as StandbyAnswer,
  answerNote: r.answer_note,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at,
  withdrawnAt: r.withdrawn_at,
  withdrawnBy: r.withdrawn_by,
});

export async function insertStandbyRequest(db: Executor, s: StandbyRequest): Promise<void> {
  await db
    .insertInto('standby_requests')
    .values({
      id: s.id,
      incident_id: s.incidentId,
      organization_id: s.organizationId,
      note: s.note,
      requested_by: s.requestedBy,
      requested_at: s.requestedAt,
      answer: s.answer,
      answer_note: s.answerNote,
      answered_by: s.answeredBy,
      answered_at: s.answeredAt,
      withdrawn_at: s.withdrawnAt,
      withdrawn_by: s.withdrawnBy,
    })
    .execute();
}

/** The request standing for an organization on an incident's roster (not withdrawn), if any. */
export async function openStandbyRequest(
  db: Executor,
  incidentId: string,
  organizationId: string,
): Promise<StandbyRequest | undefined> {
  const row = await db
    .selectFrom('standby_requests')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('organization_id', '=', organizationId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

export async function saveStandbyAnswer(
  db: Executor,
  id: string,
  answer: { answer: StandbyAnswer; note: string | null; by: string; at: string },
): Promise<void> {
  await db
    .updateTable('standby_requests')
    .set({ answer: answer.answer, answer_note: answer.note, answered_by: answer.by, answered_at: answer.at })
    .where('id', '=', id)
    .execute();
}

export async function withdrawStandbyRequest(db: Executor, id: string, by: string, at: string): Promise<void> {
  await db.updateTable('standby_requests').set({ withdrawn_at: at, withdrawn_by: by }).where('id', '=', id).execute();
}

/** An incident's roster, oldest request first, optionally of one organization and with withdrawn ones. */
export async function standbyRoster(
  db: Executor,
  incidentId: string,
  filter: { organizationId?: string; includeWithdrawn?: boolean } = {},
): Promise<StandbyRequest[]> {
  let q = db.selectFrom('standby_requests').selectAll().where('incident_id', '=', incidentId);
  if (filter.organizationId) q = q.where('organization_id', '=', filter.organizationId);
  if (!filter.includeWithdrawn) q = q.where('withdrawn_at', 'is', null);
  return (await q.orderBy('requested_at').orderBy('id').execute()).map(toRequest);
}
