/**
 * Checks a pass on the device, with no network: a compact JWS of type `corespond-pass+jwt`
 * signed by one of the keys the checkpoint fetched earlier (web/src/verify-jws.ts, shared with
 * official statements).
 */
import { PASS_TYPE } from '../../../../src/model/pass';
import type { Jwks, PassClaims } from '../../types';
import { jsonPart, verifyCompactJws } from '../../verify-jws';

export type PassCheck =
  | { ok: true; claims: PassClaims; kid: string; expired: boolean }
  | { ok: false; reason: 'malformed' | 'wrong_type' | 'unknown_key' | 'bad_signature' };

function looksLikeClaims(value: Record<string, unknown>): boolean {
  return (
    typeof value.jti === 'string' &&
    typeof value.sub === 'string' &&
    typeof value.exp === 'number' &&
    typeof value.team === 'string' &&
    typeof value.headcount === 'number' &&
    typeof value.leader === 'object' &&
    value.leader !== null
  );
}

/** Verifies a pass token against known public keys at a moment; a wrong type, unknown key or any change fails. */
export function verifyPass(token: string, jwks: Jwks, now: Date): PassCheck {
  const check = verifyCompactJws(token, jwks, PASS_TYPE);
  if (!check.ok) return check;
  if (!looksLikeClaims(check.claims)) return { ok: false, reason: 'malformed' };
  const pass = check.claims as unknown as PassClaims;
  return { ok: true, claims: pass, kid: check.kid, expired: pass.exp * 1000 <= now.getTime() };
}

/** The pass id inside a token without checking it (to ask the server about it). */
export function passIdOf(token: string): string | null {
  try {
    const jti = jsonPart(token.trim().split('.')[1] ?? '').jti;
    return typeof jti === 'string' ? jti : null;
  } catch {
    return null;
  }
}
