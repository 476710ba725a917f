/**
 * Institutional embedding (互嵌化): filings (备案), agreements and seats that tie an
 * organization into the formal system. Each is self-declared until a coordinator verifies it.
 */

export const AGREEMENT_TYPES = ['mou', 'service_contract', 'emergency_plan'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

/** The four subsystems of government's coordination structure a seat may sit in. */
export const SUBSYSTEMS = ['information', 'decision', 'assessment', 'command'] as const;
export type Subsystem = (typeof SUBSYSTEMS)[number];

/** Organization fields a coordinator can confirm against documents. */
export const VERIFIABLE_FIELDS = ['creditCode', 'name', 'kind', 'supervisingAgency', 'jurisdictions'] as const;
export type VerifiableField = (typeof VERIFIABLE_FIELDS)[number];

export interface Verification {
  by: string;
  at: string;
}

export interface Filing {
  id: string;
  organizationId: string;
  department: string;
  filedOn: string;
  reference: string | null;
  declaredBy: string;
  verification: Verification | null;
  createdAt: string;
}

export interface Agreement {
  id: string;
  organizationId: string;
  counterpartId: string;
  type: AgreementType;
  validFrom: string;
  validTo: string | null;
  reference: string | null;
  declaredBy: string;
  verification: Verification | null;
  createdAt: string;
}

export interface Seat {
  id: string;
  organizationId: string;
  structure: string;
  subsystem: Subsystem;
  liaisonName: string;
  from: string;
  to: string | null;
  declaredBy: string;
  verification: Verification | null;
  createdAt: string;
}

/** Whether something valid from `from` to `to` (inclusive, open-ended when null) holds on a day. */
export function validOn(from: string, to: string | null, day: string): boolean {
  return from <= day && (to === null || day <= to);
}

/** Whether a date range is well ordered (no end, or an end not before its start). */
export function rangeIsOrdered(from: string, to: string | null): boolean {
  return to === null || from <= to;
}
