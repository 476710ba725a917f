/**
 * Deployment passes (通行证): a signed statement that a team was approved for an incident,
 * shown as a QR code at checkpoints. What a pass says and when it holds. Pure rules, no I/O.
 */
import type { DeploymentStatus } from './deployment';

/** Statuses in which a deployment has a pass: approved, on its way or on the ground. */
export const PASS_STATUSES: readonly DeploymentStatus[] = ['approved', 'en_route', 'checked_in', 'working'];

/** How long a pass is good for after it is issued; a later request issues the next one. */
export const PASS_LIFETIME_HOURS = 48;

/** The `typ` header of a pass token, so a pass is never taken for another kind of token. */
export const PASS_TYPE = 'corespond-pass+jwt';

export const PASS_STATES = ['valid', 'revoked', 'expired'] as const;
/** What a checkpoint is told about a pass when it asks online. */
export type PassState = (typeof PASS_STATES)[number];

/** The claims a pass carries: who is sent where, with only the last four digits of the leader's phone. */
export interface PassClaims {
  /** The pass id. */
  jti: string;
  /** The deployment id. */
  sub: string;
  /** Issued and expiry times, seconds since 1970. */
  iat: number;
  exp: number;
  incident: { id: string; name: string };
  organization: { id: string; name: string };
  team: string;
  headcount: number;
  vehicles: number;
  zone: string | null;
  leader: { name: string; phoneLast4: string };
}

/** A pass as the database keeps it: no personal data, the token is signed again from the deployment when asked. */
export interface Pass {
  id: string;
  deploymentId: string;
  kid: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** Whether a deployment in this status has a pass. */
export function hasPass(status: DeploymentStatus): boolean {
  return PASS_STATUSES.includes(status);
}

/** The last four digits of a phone number (full-width digits count), never more. */
export function lastFourDigits(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  return digits.slice(-4);
}

/** A pass's state at a moment: revoked wins over expired, so a withdrawn team is never shown as merely late. */
export function passState(pass: Pick<Pass, 'expiresAt' | 'revokedAt'>, now: Date): PassState {
  if (pass.revokedAt !== null) return 'revoked';
  return new Date(pass.expiresAt).getTime() <= now.getTime() ? 'expired' : 'valid';
}

/** The expiry of a pass issued at a moment. */
export function passExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + PASS_LIFETIME_HOURS * 3_600_000);
}
