/**
 * Checks a compact JWS signed by the platform (passes, official statements) against the
 * published keys: EdDSA (Ed25519), of the expected `typ`, by a key of the JWKS. Pure
 * JavaScript (@noble/curves), because WebCrypto has no Ed25519 in older Android and WeChat
 * webviews, and none at all outside HTTPS.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Jwks } from './types';

export type JwsCheck =
  | { ok: true; claims: Record<string, unknown>; kid: string }
  | { ok: false; reason: 'malformed' | 'wrong_type' | 'unknown_key' | 'bad_signature' };

export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function jsonPart(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(text)));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

/** Verifies a token of a given type; a wrong type, an unknown key or any changed byte fails. */
export function verifyCompactJws(token: string, jwks: Jwks, typ: string): JwsCheck {
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
  if (header.alg !== 'EdDSA' || header.typ !== typ) return { ok: false, reason: 'wrong_type' };
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
  return { ok: true, claims, kid: key.kid };
}
