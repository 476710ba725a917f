/** A pass as a compact JWS (RFC 7515): EdDSA over Ed25519 (RFC 8037), typed so it is never taken for another token. */
import { sign } from 'node:crypto';
import { PASS_TYPE, type PassClaims } from '../../model/pass';
import type { SigningKey } from './signing-keys';

const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Signs a pass's claims; Ed25519 is deterministic, so the same claims and key give the same token. */
export function signPass(key: SigningKey, claims: PassClaims): string {
  const input = `${part({ alg: 'EdDSA', typ: PASS_TYPE, kid: key.kid })}.${part(claims)}`;
  return `${input}.${sign(null, Buffer.from(input, 'ascii'), key.privateKey).toString('base64url')}`;
}
