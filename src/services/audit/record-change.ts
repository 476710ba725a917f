/**
 * Appends one hash-chained audit record for a change, inside the caller's transaction.
 * Every personal and sensitive value inside before/after — decided by the field's class, not
 * its name — is encrypted (AES-256-GCM, with the id of its key) so the log can be read and
 * verified without exposing it, while an authorized operator holding the key can recover it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { fieldRule } from '../../db/field-classes';
import { type AuditRow, advanceAuditHead, appendAuditRows } from '../../db/repositories/audit';
import { insertLiveEvents, type LiveEvent, type LiveKind } from '../../db/repositories/live-events';
import { insertPlatformEvents } from '../../db/repositories/platform-events';
import type { Executor } from '../../db/schema';
import type { PlatformEvent, PlatformEventFacts } from '../../model/platform-event';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { type DataKeyOwner, dataKeysFor, isDataKeyId } from './data-keys';

export interface Change {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** Also announce the change on an incident's live stream. */
  live?: { incidentId: string; kind: LiveKind };
  /** Also record it as a platform event that subscriptions and webhooks follow (about `entityId`). */
  event?: PlatformEventFacts;
}

/** The hash of a record: SHA-256 over its stored fields and the previous hash. */
export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const parts = [
    String(row.seq),
    row.at,
    row.actor_id ?? '',
    row.action,
    row.entity_type,
    row.entity_id,
    row.before ?? '',
    row.after ?? '',
    row.prev_hash,
  ];
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

/** The id of an audit key: the start of its SHA-256, so a record names the key that can open it. */
export function auditKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

const keyIds = new WeakMap<Buffer, string>();

/**
 * The personal and sensitive values of one record, encrypted together: the key's id, the names
 * of the fields inside (names are not personal) and IV, tag and ciphertext in base64 (`enc`).
 * The key is the data key of the incident, need or offer the record is about (`pd-…`), else the
 * audit key itself. A value written after its data key was erased is not kept at all
 * (`erased: true`, no `enc`). Records from before key ids have `{ enc }` in place of each
 * personal value instead.
 */
export interface Sealed {
  kid: string;
  fields: string[];
  enc?: string;
  erased?: true;
}

/** The key personal values of a record are sealed with: null once its owner's data was erased. */
export interface SealingKey {
  kid: string;
  key: Buffer | null;
}

/** The audit key as a sealing key, for records that belong to no incident, need or offer. */
export function auditSealingKey(key: Buffer): SealingKey {
  let kid = keyIds.get(key);
  if (kid === undefined) {
    kid = auditKeyId(key);
    keyIds.set(key, kid);
  }
  return { kid, key };
}

function seal(sealing: SealingKey, values: Record<string, unknown>): Sealed {
  if (sealing.key === null) return { kid: sealing.kid, fields: Object.keys(values), erased: true };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealing.key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return {
    kid: sealing.kid,
    fields: Object.keys(values),
    enc: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
  };
}

/** Opens a sealed value with the key it names (or, for records from before key ids, the one key there was). */
export function unseal(key: Buffer, sealed: { kid?: string; enc?: string }): unknown {
  if (sealed.kid !== undefined && !isDataKeyId(sealed.kid) && sealed.kid !== auditKeyId(key)) {
    throw new Error(`the value was sealed with key ${sealed.kid}`);
  }
  if (sealed.enc === undefined) throw new Error('the value was erased before it was written');
  const raw = Buffer.from(sealed.enc, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
}

function sealable(entityType: string, field: string, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  const { class: fieldClass } = fieldRule(entityType, field);
  return fieldClass === 'personal' || fieldClass === 'sensitive';
}

/** Whether a value has anything to seal (so a record without personal values needs no data key). */
function hasSealable(entityType: string, value: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => hasSealable(entityType, v));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([field, v]) => sealable(entityType, field, v));
}

/**
 * A copy of a changed record for the audit log, by the classes of its entity's fields
 * (src/db/field-classes.ts): personal and sensitive values sealed together under `sealed`
 * (one encryption per record keeps the intake fast), secrets left out, the rest as it is. A
 * field nobody classified counts as personal, so it is sealed too.
 */
export function protectForAudit(sealing: SealingKey, entityType: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => protectForAudit(sealing, entityType, v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const hidden: Record<string, unknown> = {};
  let anything = false;
  for (const [field, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const { class: fieldClass } = fieldRule(entityType, field);
    if (fieldClass === 'secret') continue;
    if (sealable(entityType, field, v)) {
      hidden[field] = v;
      anything = true;
    } else out[field] = v;
  }
  if (anything) out.sealed = seal(sealing, hidden);
  return out;
}

function incidentIdIn(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const id = (value as { incidentId?: unknown }).incidentId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Whose data key seals a change's personal values: a need's (its reporter's) or an offer's (its
 * donor's) own, so one of them can be erased on request; else its incident's; else none (the
 * audit key: staff accounts, organizations).
 */
export function dataKeyOwner(change: Change): DataKeyOwner | null {
  if (change.entityType === 'need') return { kind: 'need', id: change.entityId };
  if (change.entityType === 'offer') return { kind: 'offer', id: change.entityId };
  const incidentId = change.live?.incidentId ?? incidentIdIn(change.after) ?? incidentIdIn(change.before);
  return incidentId ? { kind: 'incident', id: incidentId } : null;
}

/** The sealing key of each change (by index), data keys made where needed. */
async function sealingKeys(db: Executor, deps: Deps, changes: Change[]): Promise<SealingKey[]> {
  const audit = auditSealingKey(deps.auditKey);
  const owners = changes.map((c) =>
    hasSealable(c.entityType, c.before) || hasSealable(c.entityType, c.after) ? dataKeyOwner(c) : null,
  );
  const wanted = owners.filter((o): o is DataKeyOwner => o !== null);
  const keys = wanted.length > 0 ? await dataKeysFor(db, deps, wanted) : new Map<string, SealingKey>();
  return owners.map((o) => (o === null ? audit : (keys.get(`${o.kind}:${o.id}`) ?? audit)));
}

/** Writes the audit record of a change; call inside the transaction that made it. */
export async function recordChange(db: Executor, deps: Deps, actor: Actor, change: Change): Promise<void> {
  await recordChanges(db, deps, [{ actor, change }]);
}

/**
 * Writes the audit records of several changes, chained in the order given, with one advance
 * of the chain head (a group commit writes a whole group's changes this way). Answers the
 * records' sequence numbers, in the order of the changes.
 */
export async function recordChanges(db: Executor, deps: Deps, changes: { actor: Actor; change: Change }[]): Promise<number[]> {
  if (changes.length === 0) return [];
  // The chain head first, then the keys. The head stays locked (PostgreSQL) until the commit,
  // so keys are only ever made by the one writer holding it: a writer that made a key and then
  // waited for the head would hold up the head's holder wanting the same key (a deadlock), as
  // would two writers making keys in different orders. (SQLite has one writer at a time anyway.)
  const { seq: last, prevHash } = await advanceAuditHead(db, changes.length);
  const sealing = await sealingKeys(
    db,
    deps,
    changes.map((c) => c.change),
  );
  const at = nowIso(deps);
  const rows: AuditRow[] = [];
  let prev = prevHash;
  changes.forEach(({ actor, change }, i) => {
    const row: Omit<AuditRow, 'hash'> = {
      seq: last - changes.length + 1 + i,
      at,
      actor_id: actorId(actor),
      action: change.action,
      entity_type: change.entityType,
      entity_id: change.entityId,
      before: change.before === undefined ? null : JSON.stringify(protectForAudit(sealing[i], change.entityType, change.before)),
      after: change.after === undefined ? null : JSON.stringify(protectForAudit(sealing[i], change.entityType, change.after)),
      prev_hash: prev,
    };
    prev = auditHash(row);
    rows.push({ ...row, hash: prev });
  });
  await appendAuditRows(db, rows);
  const live: LiveEvent[] = [];
  rows.forEach((row, i) => {
    const target = changes[i].change.live;
    if (target) live.push({ seq: row.seq, incidentId: target.incidentId, kind: target.kind, entityId: row.entity_id, at });
  });
  await insertLiveEvents(db, live);
  const events: PlatformEvent[] = [];
  rows.forEach((row, i) => {
    const facts = changes[i].change.event;
    if (facts) events.push({ ...facts, seq: row.seq, entityId: row.entity_id, at });
  });
  await insertPlatformEvents(db, events);
  return rows.map((row) => row.seq);
}
