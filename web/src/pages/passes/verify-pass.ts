/**
 * Checks a pass on the device, with no network: a compact JWS signed with EdDSA (Ed25519) by
 * one of the keys the checkpoint fetched earlier. Pure JavaScript (@noble/curves), because
 * WebCrypto has no Ed25519 in older Android and WeChat webviews, and none at all outside HTTPS.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { PASS_TYPE } from '../../../../src/model/pass';
import type { Jwks, PassClaims } from '../../types';

export type PassCheck =
  | { ok: true; claims: PassClaims; kid: string; expired: boolean }
  | { ok: false; reason: 'malformed' | 'wrong_type' | 'unknown_key' | 'bad_signature' };

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function jsonPart(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(text)));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

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
  const parts = token.trim().split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [headerPart, payloadPart, signaturePart] = parts;
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  let signature: Uint8Array;
  try {
    header = jsonPart(headerPart);
    claims = jsonPart(payloadPart);
    signature = fromBase64url(signaturePart);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (header.alg !== 'EdDSA' || header.typ !== PASS_TYPE) return { ok: false, reason: 'wrong_type' };
  const key = jwks.keys.find((k) => k.kid === header.kid && k.kty === 'OKP' && k.crv === 'Ed25519');
  if (!key) return { ok: false, reason: 'unknown_key' };
  let valid = false;
  try {
    const message = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
    valid = signature.length === 64 && ed25519.verify(signature, message, fromBase64url(key.x), { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature' };
  if (!looksLikeClaims(claims)) return { ok: false, reason: 'malformed' };
  const pass = claims as unknown as PassClaims;
  return { ok: true, claims: pass, kid: key.kid, expired: pass.exp * 1000 <= now.getTime() };
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
