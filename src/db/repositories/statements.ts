/** Official statements and the rumours they answer. */
import type { Rumour, Statement } from '../../model/statement';
import type { Executor, RumoursTable, StatementsTable } from '../schema';

const toStatement = (r: StatementsTable): Statement => ({
  id: r.id,
  incidentId: r.incident_id,
  title: r.title,
  body: r.body,
  issuingOrganizationId: r.issuing_organization_id,
  issuerName: r.issuer_name,
  kid: r.kid,
  jws: r.jws,
  issuedBy: r.issued_by,
  issuedAt: r.issued_at,
});

const toRumour = (r: RumoursTable): Rumour => ({
  id: r.id,
  incidentId: r.incident_id,
  text: r.text,
  seenWhere: r.seen_where,
  seenAt: r.seen_at,
  statementId: r.statement_id,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

export async function insertStatement(db: Executor, s: Statement): Promise<void> {
  await db
    .insertInto('statements')
    .values({
      id: s.id,
      incident_id: s.incidentId,
      title: s.title,
      body: s.body,
      issuing_organization_id: s.issuingOrganizationId,
      issuer_name: s.issuerName,
      kid: s.kid,
      jws: s.jws,
      issued_by: s.issuedBy,
      issued_at: s.issuedAt,
    })
    .execute();
}

export async function findStatement(db: Executor, id: string): Promise<Statement | undefined> {
  const row = await db.selectFrom('statements').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStatement(row);
}

/** An incident's statements, newest first. */
export async function incidentStatements(db: Executor, incidentId: string, limit = 200): Promise<Statement[]> {
  const rows = await db
    .selectFrom('statements')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toStatement);
}

export async function insertRumour(db: Executor, r: Rumour): Promise<void> {
  await db
    .insertInto('rumours')
    .values({
      id: r.id,
      incident_id: r.incidentId,
      text: r.text,
      seen_where: r.seenWhere,
      seen_at: r.seenAt,
      statement_id: r.statementId,
      recorded_by: r.recordedBy,
      recorded_at: r.recordedAt,
    })
    .execute();
}

export async function findRumour(db: Executor, id: string): Promise<Rumour | undefined> {
  const row = await db.selectFrom('rumours').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRumour(row);
}

export async function answerRumour(db: Executor, id: string, statementId: string): Promise<void> {
  await db.updateTable('rumours').set({ statement_id: statementId }).where('id', '=', id).execute();
}

/** An incident's rumours, newest seen first; `answeredOnly` for the public, who never see an unanswered one. */
export async function incidentRumours(db: Executor, incidentId: string, answeredOnly: boolean): Promise<Rumour[]> {
  let query = db.selectFrom('rumours').selectAll().where('incident_id', '=', incidentId);
  if (answeredOnly) query = query.where('statement_id', 'is not', null);
  const rows = await query.orderBy('seen_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map(toRumour);
}

/** The rumours a statement answers. */
export async function rumoursAnsweredBy(db: Executor, statementId: string): Promise<Rumour[]> {
  const rows = await db.selectFrom('rumours').selectAll().where('statement_id', '=', statementId).orderBy('seen_at').execute();
  return rows.map(toRumour);
}
