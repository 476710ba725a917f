/**
 * The Ed25519 keys that sign the platform's tokens: deployment passes and official statements
 * (src/services/signing/compact-jws.ts signs both). They live in the database so that every node
 * signs with the same set; the private half is encrypted with a key derived from the server's
 * secret (CORESPOND_SECRET, the same secret that seals the audit log). The first node to start
 * makes the first key; two starting at once both try, the unique generation lets one win, and
 * both then use the winner's.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { allPassKeys, findPassKey, insertPassKeyIfFree, newestPassKey, type PassKeyRow } from '../../db/repositories/passes';
import type { Executor } from '../../db/schema';
import type { Deps } from '../context';

/** A public key as published in the JWKS (RFC 8037). */
export interface PassJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

const wrappingKeys = new WeakMap<Buffer, Buffer>();

/** The key that encrypts private signing keys: derived from the server's secret, used for nothing else. */
function wrappingKey(secret: Buffer): Buffer {
  let key = wrappingKeys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'corespond pass signing keys', 32));
    wrappingKeys.set(secret, key);
  }
  return key;
}

function wrap(secret: Buffer, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unwrap(secret: Buffer, stored: string, kid: string): Buffer {
  const raw = Buffer.from(stored, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch {
    throw new Error(`pass signing key ${kid} cannot be opened: every node needs the same CORESPOND_SECRET`);
  }
}

/** The RFC 7638 thumbprint of an Ed25519 public key: its id, the same on every node. */
export function thumbprint(x: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
}

function publicJwk(key: KeyObject): PassJwk {
  const { x } = key.export({ format: 'jwk' }) as { x: string };
  return { kty: 'OKP', crv: 'Ed25519', x, kid: thumbprint(x), alg: 'EdDSA', use: 'sig' };
}

function newKeyRow(deps: Deps, generation: number): PassKeyRow {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicJwk(publicKey);
  return {
    kid: jwk.kid,
    generation,
    public_jwk: JSON.stringify(jwk),
    private_key: wrap(deps.auditKey, privateKey.export({ format: 'der', type: 'pkcs8' })),
    created_at: deps.now().toISOString(),
  };
}

function toSigningKey(deps: Deps, row: PassKeyRow): SigningKey {
  const der = unwrap(deps.auditKey, row.private_key, row.kid);
  return { kid: row.kid, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

/** The key new passes are signed with, made on first use (safe when several nodes do it at once). */
export async function currentSigningKey(deps: Deps, db: Executor = deps.db): Promise<SigningKey> {
  const found = await newestPassKey(db);
  if (found) return toSigningKey(deps, found);
  await insertPassKeyIfFree(db, newKeyRow(deps, 1));
  const winner = await newestPassKey(db);
  if (!winner) throw new Error('no pass signing key after creating one');
  return toSigningKey(deps, winner);
}

/**
 * Starts the next generation of signing key (a key thought exposed, or routine rotation): new
 * passes are signed with it, passes already issued keep theirs, and the JWKS lists both, so
 * checkpoints verify either once they have fetched the keys again. Two rotations at once make one.
 */
export async function rotateSigningKey(deps: Deps): Promise<PassJwk> {
  await currentSigningKey(deps);
  const newest = await newestPassKey(deps.db);
  await insertPassKeyIfFree(deps.db, newKeyRow(deps, (newest?.generation ?? 0) + 1));
  const after = await newestPassKey(deps.db);
  if (!after) throw new Error('no pass signing key after rotating');
  return JSON.parse(after.public_jwk) as PassJwk;
}

/** How old the newest key may grow before the server starts the next one on its own. */
export const KEY_ROTATION_DAYS = 90;

/**
 * Routine rotation: when the newest key is older than KEY_ROTATION_DAYS, starts the next
 * generation (servers check at start and daily). Every node may check; nodes that find the
 * same old key all try the same next generation and one wins. Answers the new key, or null
 * when none was due.
 */
export async function rotateSigningKeyWhenDue(deps: Deps, maxAgeDays = KEY_ROTATION_DAYS): Promise<PassJwk | null> {
  await currentSigningKey(deps);
  const newest = await newestPassKey(deps.db);
  if (!newest) throw new Error('no signing key after creating one');
  const ageMs = deps.now().getTime() - new Date(newest.created_at).getTime();
  if (ageMs < maxAgeDays * 86_400_000) return null;
  const stored = await insertPassKeyIfFree(deps.db, newKeyRow(deps, newest.generation + 1));
  if (!stored) return null;
  const after = await newestPassKey(deps.db);
  return after ? (JSON.parse(after.public_jwk) as PassJwk) : null;
}

/** The key of a given id, to sign again a pass issued with it. */
export async function signingKeyById(deps: Deps, db: Executor, kid: string): Promise<SigningKey> {
  const row = await findPassKey(db, kid);
  if (!row) throw new Error(`no pass signing key ${kid}`);
  return toSigningKey(deps, row);
}

/** The public keys of every generation, as checkpoints fetch them (`/.well-known/jwks.json`). */
export async function passJwks(deps: Deps): Promise<{ keys: PassJwk[] }> {
  let rows = await allPassKeys(deps.db);
  if (rows.length === 0) {
    await currentSigningKey(deps);
    rows = await allPassKeys(deps.db);
  }
  return { keys: rows.map((r) => JSON.parse(r.public_jwk) as PassJwk) };
}
