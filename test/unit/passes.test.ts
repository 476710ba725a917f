/**
 * Passes as a checkpoint sees them: a token signed on the server (Node's Ed25519) verifies with
 * the pure-JavaScript Ed25519 of the checkpoint page against the published keys; any change,
 * another type of token or an unknown key fails; the claims carry four digits of the phone.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasPass, lastFourDigits, PASS_STATUSES, type PassClaims, passExpiry, passState } from '../../src/model/pass';
import { signPass } from '../../src/services/passes/pass-token';
import { type PassJwk, thumbprint } from '../../src/services/passes/signing-keys';
import { passIdOf, verifyPass } from '../../web/src/pages/passes/verify-pass';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  const jwk: PassJwk = { kty: 'OKP', crv: 'Ed25519', x, kid: thumbprint(x), alg: 'EdDSA', use: 'sig' };
  return { signing: { kid: jwk.kid, privateKey }, jwk };
}

const NOW = new Date('2026-07-21T08:00:00Z');
const claims = (over: Partial<PassClaims> = {}): PassClaims => ({
  jti: 'pass-1',
  sub: 'deployment-1',
  iat: NOW.getTime() / 1000,
  exp: NOW.getTime() / 1000 + 48 * 3600,
  incident: { id: 'incident-1', name: '郑州7·20特大暴雨' },
  organization: { id: 'org-1', name: '郑州蓝天救援队' },
  team: '冲锋舟一分队',
  headcount: 12,
  vehicles: 3,
  zone: '金水区一号点',
  leader: { name: '王建国', phoneLast4: '5678' },
  ...over,
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('pass rules', () => {
  it('has a pass only while approved, en route, checked in or working', () => {
    expect(PASS_STATUSES).toEqual(['approved', 'en_route', 'checked_in', 'working']);
    for (const status of ['filed', 'standby', 'declined', 'withdrawn', 'returned'] as const) expect(hasPass(status)).toBe(false);
  });

  it('keeps the last four digits of a phone, whatever its spacing, prefix or width', () => {
    expect(lastFourDigits('+86 135-1234-5678')).toBe('5678');
    expect(lastFourDigits('１３５１２３４５６７８')).toBe('5678');
    expect(lastFourDigits('0371-6555 1234 转 8')).toBe('2348');
    expect(lastFourDigits('12')).toBe('12');
  });

  it('is revoked before it is expired, and expires 48 hours after issue', () => {
    const issued = new Date('2026-07-21T00:00:00Z');
    const expiresAt = passExpiry(issued).toISOString();
    expect(expiresAt).toBe('2026-07-23T00:00:00.000Z');
    expect(passState({ expiresAt, revokedAt: null }, new Date('2026-07-22T23:59:59Z'))).toBe('valid');
    expect(passState({ expiresAt, revokedAt: null }, new Date('2026-07-23T00:00:00Z'))).toBe('expired');
    expect(passState({ expiresAt, revokedAt: '2026-07-22T00:00:00Z' }, new Date('2026-07-24T00:00:00Z'))).toBe('revoked');
  });
});

describe('verifying a pass with the pure-JavaScript Ed25519', () => {
  const { signing, jwk } = keyPair();
  const jwks = { keys: [jwk] };
  const token = signPass(signing, claims());

  it('verifies a token signed by the server against the published key', () => {
    expect(verifyPass(token, jwks, NOW)).toEqual({ ok: true, claims: claims(), kid: jwk.kid, expired: false });
    expect(verifyPass(`  ${token}\n`, jwks, NOW).ok).toBe(true);
    expect(passIdOf(token)).toBe('pass-1');
  });

  it('signs the same claims to the same token (Ed25519 is deterministic)', () => {
    expect(signPass(signing, claims())).toBe(token);
  });

  it('fails a token whose claims were changed, or whose signature was', () => {
    const [header, , signature] = token.split('.');
    expect(verifyPass(`${header}.${b64(claims({ headcount: 40 }))}.${signature}`, jwks, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(verifyPass(`${token.split('.').slice(0, 2).join('.')}.${flipped}`, jwks, NOW)).toMatchObject({
      reason: 'bad_signature',
    });
    expect(verifyPass(`${token.split('.').slice(0, 2).join('.')}.`, jwks, NOW)).toMatchObject({ reason: 'bad_signature' });
  });

  it('fails a token signed by a key it does not know, and one of another type', () => {
    const other = keyPair();
    expect(verifyPass(signPass(other.signing, claims()), jwks, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
    // The other key published under this key's id: the signature does not hold.
    const impostor = signPass({ kid: jwk.kid, privateKey: other.signing.privateKey }, claims());
    expect(verifyPass(impostor, jwks, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    const [, payload, signature] = token.split('.');
    const asJwt = `${b64({ alg: 'EdDSA', typ: 'JWT', kid: jwk.kid })}.${payload}.${signature}`;
    expect(verifyPass(asJwt, jwks, NOW)).toEqual({ ok: false, reason: 'wrong_type' });
    const none = `${b64({ alg: 'none', typ: 'corespond-pass+jwt', kid: jwk.kid })}.${payload}.`;
    expect(verifyPass(none, jwks, NOW)).toEqual({ ok: false, reason: 'wrong_type' });
  });

  it('says malformed for text that is not a token', () => {
    for (const text of ['', 'hello', 'a.b', 'a.b.c.d', '!!!.???.***', `${b64([1])}.${b64({})}.xx`]) {
      expect(verifyPass(text, jwks, NOW), text).toMatchObject({ ok: false, reason: 'malformed' });
    }
    expect(passIdOf('not a token')).toBeNull();
  });

  it('tells an expired pass from a valid one, by the clock of the device', () => {
    expect(verifyPass(token, jwks, new Date(NOW.getTime() + 48 * 3_600_000))).toMatchObject({ ok: true, expired: true });
  });
});
