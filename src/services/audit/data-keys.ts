/**
 * The data keys that seal personal values in audit records (crypto-shredding): one per
 * incident, and one per need (its reporter) and per offer (its donor), so that one person's
 * data can be erased without waiting for the incident. A key is kept wrapped (AES-256-GCM) by
 * a key derived from the audit key; erasing it leaves the sealed values, and so the hash chain,
 * as they were, and nobody able to open them.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  type DataKeyOwnerKind,
  type DataKeyRow,
  dataKeysByKid,
  findDataKeys,
  insertDataKeys,
} from '../../db/repositories/personal-data-keys';
import type { Executor } from '../../db/schema';
import type { Deps } from '../context';

export interface DataKeyOwner {
  kind: DataKeyOwnerKind;
  id: string;
}

/** A key to seal with; `key` is null when its owner's data was erased (nothing is sealed then). */
export interface DataKey {
  kid: string;
  key: Buffer | null;
}

const wrappingKeys = new WeakMap<Buffer, Buffer>();

function wrappingKey(auditKey: Buffer): Buffer {
  let key = wrappingKeys.get(auditKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), 'corespond personal data keys', 32));
    wrappingKeys.set(auditKey, key);
  }
  return key;
}

function wrap(auditKey: Buffer, kid: string, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(auditKey), iv);
  cipher.setAAD(Buffer.from(kid));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/**
 * Unwrapped keys by their wrapped text (a key never changes, it is only destroyed). Each is a
 * 32-byte buffer of its own: a small Buffer is usually a slice of an 8 KB pool shared with other
 * allocations, which a kept slice would keep alive whole (8 KB a key, one key per need).
 */
const unwrapped = new Map<string, Buffer>();
const KEPT_KEYS = 10_000;

/** A copy of `bytes` in memory of its own, not a slice of Buffer's shared pool. */
function ownCopy(bytes: Buffer): Buffer {
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  return own;
}

function unwrap(auditKey: Buffer, row: DataKeyRow): Buffer | null {
  if (row.wrapped === null) return null;
  const cached = unwrapped.get(row.wrapped);
  if (cached) return cached;
  const raw = Buffer.from(row.wrapped, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey(auditKey), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(row.kid));
    decipher.setAuthTag(raw.subarray(12, 28));
    const key = ownCopy(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
    // When full, the oldest key makes room.
    if (unwrapped.size >= KEPT_KEYS) unwrapped.delete(unwrapped.keys().next().value as string);
    unwrapped.set(row.wrapped, key);
    return key;
  } catch {
    throw new Error(`personal data key ${row.kid} cannot be opened: every node needs the same CORESPOND_SECRET`);
  }
}

/** A new key id: `pd-` and 16 hex digits, so a record shows it was sealed with a data key. */
export function newDataKeyId(): string {
  return `pd-${randomBytes(8).toString('hex')}`;
}

/** Whether a sealed value's key id names a data key (rather than the audit key itself). */
export function isDataKeyId(kid: string): boolean {
  return kid.startsWith('pd-');
}

/**
 * The keys of these owners, made where there is none yet (inside the caller's transaction, so
 * a key exists exactly when the records sealed with it do). Call while holding the audit
 * chain's head (see recordChanges), so that no two writers make keys at the same time.
 */
export async function dataKeysFor(db: Executor, deps: Deps, owners: DataKeyOwner[]): Promise<Map<string, DataKey>> {
  const keyOf = (o: DataKeyOwner) => `${o.kind}:${o.id}`;
  let rows = await findDataKeys(db, owners);
  const missing = [...new Map(owners.filter((o) => !rows.has(keyOf(o))).map((o) => [keyOf(o), o])).values()];
  if (missing.length > 0) {
    const at = deps.now().toISOString();
    await insertDataKeys(
      db,
      missing.map((o) => {
        const kid = newDataKeyId();
        return {
          kid,
          owner_kind: o.kind,
          owner_id: o.id,
          wrapped: wrap(deps.auditKey, kid, randomBytes(32)),
          created_at: at,
          erased_at: null,
        };
      }),
    );
    rows = await findDataKeys(db, owners);
  }
  const out = new Map<string, DataKey>();
  for (const o of owners) {
    const row = rows.get(keyOf(o));
    if (!row) throw new Error(`no personal data key for ${keyOf(o)}`);
    out.set(keyOf(o), { kid: row.kid, key: unwrap(deps.auditKey, row) });
  }
  return out;
}

/** The keys that open these key ids: a Buffer, null where it was erased, absent where unknown. */
export async function openingKeys(db: Executor, deps: Deps, kids: string[]): Promise<Map<string, Buffer | null>> {
  const rows = await dataKeysByKid(db, kids.filter(isDataKeyId));
  const out = new Map<string, Buffer | null>();
  for (const [kid, row] of rows) out.set(kid, unwrap(deps.auditKey, row));
  return out;
}
