/**
 * Official statements (权威发布): agency staff issue them for their agency, coordinators for a
 * government agency of their area; the platform signs each as a compact JWS with the keys that
 * sign passes and keeps the token, so anyone can check the text with the public JWKS. Everyone,
 * signed in or not, reads them.
 */
import { findIncident } from '../../db/repositories/incidents';
import { findOrganization } from '../../db/repositories/organizations';
import { findStatement, incidentStatements, insertStatement, rumoursAnsweredBy } from '../../db/repositories/statements';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Audience } from '../../model/privacy';
import {
  issuesStatements,
  type Rumour,
  STATEMENT_TYPE,
  type Statement,
  type StatementIssuer,
  statementClaims,
} from '../../model/statement';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { disclose } from '../disclosure';
import { currentSigningKey } from '../passes/signing-keys';
import { assertCanIssueStatementFor } from '../policy';
import { signCompactJws } from '../signing/compact-jws';

/** Where the platform is reached when CORESPOND_PUBLIC_URL is not set (a one-machine install). */
export const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

export interface StatementInput {
  incidentId?: string | null;
  title: string;
  body: string;
  issuingOrganizationId: string;
}

/** A rumour as shown beside its statement. */
export interface RumourView {
  id: string;
  incidentId: string;
  text: string;
  seenWhere: string;
  seenAt: string;
  statementId: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
  personalDataVisible: boolean;
}

/** A statement as its readers get it; `issuedBy` (who pressed the button) only inside the network. */
export interface StatementView {
  id: string;
  incidentId: string | null;
  title: string;
  body: string;
  issuer: StatementIssuer;
  issuedAt: string;
  kid: string;
  jws: string;
  issuedBy: string | null;
  /** The rumours it answers. */
  rumours: RumourView[];
  personalDataVisible: boolean;
}

export function rumourView(rumour: Rumour, audience: Audience): RumourView {
  return disclose('rumour', { ...rumour }, audience) as RumourView;
}

export function statementView(statement: Statement, rumours: readonly Rumour[], audience: Audience): StatementView {
  const record = {
    id: statement.id,
    incidentId: statement.incidentId,
    title: statement.title,
    body: statement.body,
    issuer: { organizationId: statement.issuingOrganizationId, name: statement.issuerName },
    issuedAt: statement.issuedAt,
    kid: statement.kid,
    jws: statement.jws,
    issuedBy: statement.issuedBy,
    rumours: rumours.map((r) => rumourView(r, audience)),
  };
  return disclose('statement', record, audience) as StatementView;
}

function mayIssueAtAll(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'agency_staff' || actor.role === 'coordinator';
}

/** Issues and signs a statement; records `statement.published` for notifications and webhooks. */
export async function issueStatement(deps: Deps, actor: Actor, input: StatementInput): Promise<StatementView> {
  if (!mayIssueAtAll(actor))
    throw new AppError('forbidden', { detail: 'statements are issued by agency staff and coordinators' });
  const title = requiredText(input.title, 'title');
  const body = requiredText(input.body, 'body');
  // Made (or found) before the transaction, so a first key never waits on a statement being issued.
  const key = await currentSigningKey(deps);
  return deps.db.transaction().execute(async (trx) => {
    const org = await findOrganization(trx, input.issuingOrganizationId);
    if (!org) {
      throw new AppError('not_found', {
        field: 'issuingOrganizationId',
        detail: 'issuingOrganizationId: no organization has this id',
      });
    }
    if (!issuesStatements(org)) {
      throw new AppError('not_an_agency', {
        field: 'issuingOrganizationId',
        detail: `issuingOrganizationId: ${org.name} is not a government agency in service`,
      });
    }
    assertCanIssueStatementFor(actor, org);
    if (input.incidentId && !(await findIncident(trx, input.incidentId))) {
      throw new AppError('not_found', { field: 'incidentId', detail: 'incidentId: no incident has this id' });
    }
    const base = {
      id: newId(),
      incidentId: input.incidentId ?? null,
      title,
      body,
      issuingOrganizationId: org.id,
      issuerName: org.name,
      issuedAt: nowIso(deps),
    };
    const claims = statementClaims(base, deps.publicUrl ?? DEFAULT_PUBLIC_URL);
    const statement: Statement = {
      ...base,
      kid: key.kid,
      jws: signCompactJws(key, STATEMENT_TYPE, claims),
      issuedBy: actorId(actor),
    };
    await insertStatement(trx, statement);
    await recordChange(trx, deps, actor, {
      action: 'statement.issue',
      entityType: 'statement',
      entityId: statement.id,
      after: statement,
      event: {
        type: 'statement.published',
        incidentId: statement.incidentId,
        organizationId: org.id,
        jurisdiction: org.jurisdictions[0] ?? null,
      },
      ...(statement.incidentId ? { live: { incidentId: statement.incidentId, kind: 'statement' as const } } : {}),
    });
    return statementView(statement, [], 'member');
  });
}

/** One statement with the rumours it answers, as anyone (signed in or not) reads it on its public page. */
export async function publicStatement(deps: Deps, id: string): Promise<StatementView> {
  const statement = await findStatement(deps.db, id);
  if (!statement) throw new AppError('not_found');
  return statementView(statement, await rumoursAnsweredBy(deps.db, id), 'public');
}

/** An incident's statements, newest first: the public list, or (`member`) with who issued each. */
export async function listIncidentStatements(deps: Deps, incidentId: string, audience: Audience): Promise<StatementView[]> {
  if (!(await findIncident(deps.db, incidentId))) throw new AppError('not_found');
  const statements = await incidentStatements(deps.db, incidentId);
  const views: StatementView[] = [];
  for (const s of statements) views.push(statementView(s, await rumoursAnsweredBy(deps.db, s.id), audience));
  return views;
}
