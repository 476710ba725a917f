/**
 * Official statements (权威发布) and the rumours they answer (辟谣). A statement is issued on
 * behalf of a government agency and signed by the platform, so anyone can tell it from a
 * forwarded screenshot. Pure words and rules, no I/O.
 */
import type { Organization } from './organization';

/** The `typ` header of a statement's token (passes have their own). */
export const STATEMENT_TYPE = 'corespond-statement+jwt';

/** Longest title and body a statement may have (characters). */
export const STATEMENT_TITLE_MAX = 200;
export const STATEMENT_BODY_MAX = 20_000;

/** Who issued a statement, as its claims and its public page name them. */
export interface StatementIssuer {
  organizationId: string;
  name: string;
}

/** The claims a statement's JWS carries. */
export interface StatementClaims {
  /** The platform's public URL. */
  iss: string;
  /** The statement id. */
  sub: string;
  /** Issued at, seconds since 1970. */
  iat: number;
  title: string;
  body: string;
  issuer: StatementIssuer;
  incidentId?: string;
}

/** A statement as kept: its text, its issuer, and the token signed when it was issued. */
export interface Statement {
  id: string;
  incidentId: string | null;
  title: string;
  body: string;
  issuingOrganizationId: string;
  issuerName: string;
  kid: string;
  jws: string;
  issuedBy: string;
  issuedAt: string;
}

/** A rumour seen about an incident, and the statement that answers it once there is one. */
export interface Rumour {
  id: string;
  incidentId: string;
  text: string;
  seenWhere: string;
  seenAt: string;
  statementId: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** The claims of a statement: what anyone verifying the token reads. */
export function statementClaims(statement: Omit<Statement, 'jws' | 'kid' | 'issuedBy'>, issuerUrl: string): StatementClaims {
  return {
    iss: issuerUrl,
    sub: statement.id,
    iat: Math.floor(new Date(statement.issuedAt).getTime() / 1000),
    title: statement.title,
    body: statement.body,
    issuer: { organizationId: statement.issuingOrganizationId, name: statement.issuerName },
    ...(statement.incidentId ? { incidentId: statement.incidentId } : {}),
  };
}

/** Whether an organization may have statements issued on its behalf: government agencies only. */
export function issuesStatements(org: Pick<Organization, 'kind' | 'archived'>): boolean {
  return org.kind === 'government_agency' && !org.archived;
}
