/**
 * The one signer of the platform's tokens: a compact JWS (RFC 7515), EdDSA over Ed25519
 * (RFC 8037), with the signing keys of src/services/passes/signing-keys.ts. Each kind of token
 * has its own `typ` (passes `corespond-pass+jwt`, statements `corespond-statement+jwt`), so
 * one is never taken for another.
 */
import { sign } from 'node:crypto';
import type { SigningKey } from '../passes/signing-keys';

const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Signs claims under a type; Ed25519 is deterministic, so the same claims and key give the same token. */
export function signCompactJws(key: SigningKey, typ: string, claims: object): string {
  const input = `${part({ alg: 'EdDSA', typ, kid: key.kid })}.${part(claims)}`;
  return `${input}.${sign(null, Buffer.from(input, 'ascii'), key.privateKey).toString('base64url')}`;
}
