/** A pass as a compact JWS (RFC 7515): EdDSA over Ed25519 (RFC 8037), typed so it is never taken for another token. */
import { PASS_TYPE, type PassClaims } from '../../model/pass';
import { signCompactJws } from '../signing/compact-jws';
import type { SigningKey } from './signing-keys';

/** Signs a pass's claims; Ed25519 is deterministic, so the same claims and key give the same token. */
export function signPass(key: SigningKey, claims: PassClaims): string {
  return signCompactJws(key, PASS_TYPE, claims);
}
