/**
 * Appends one hash-chained audit record for a change, inside the caller's transaction.
 * Personal data inside before/after is encrypted (AES-256-GCM) so the log can be read and
 * verified without exposing it, while an authorized operator holding the key can recover it.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { type AuditRow, advanceAuditHead, appendAuditRows } from '../../db/repositories/audit';
import { insertLiveEvents, type LiveEvent, type LiveKind } from '../../db/repositories/live-events';
import type { Executor } from '../../db/schema';
import { type Actor, actorId, type Deps, nowIso } from '../context';

/** Keys whose values are personal data wherever they appear in a record. */
export const PERSONAL_KEYS = new Set([
  'email',
  'displayName',
  'phone',
  'contactPhone',
  'contactName',
  'contactEmail',
  'leaderName',
  'leaderPhone',
  'liaisonName',
  'address',
  'personName',
]);

/** Keys never written to the log at all. */
const SECRET_KEYS = new Set(['password', 'passwordHash', 'token', 'csrfToken']);

export interface Change {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** Also announce the change on an incident's live stream. */
  live?: { incidentId: string; kind: LiveKind };
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

function encrypt(key: Buffer, value: unknown): { enc: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { enc: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
}

/** A copy of a value with personal fields encrypted and secrets removed. */
export function protectPersonalData(key: Buffer, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => protectPersonalData(key, v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(k)) continue;
    out[k] = PERSONAL_KEYS.has(k) && v !== null && v !== undefined ? encrypt(key, v) : protectPersonalData(key, v);
  }
  return out;
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
  const { seq: last, prevHash } = await advanceAuditHead(db, changes.length);
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
      before: change.before === undefined ? null : JSON.stringify(protectPersonalData(deps.auditKey, change.before)),
      after: change.after === undefined ? null : JSON.stringify(protectPersonalData(deps.auditKey, change.after)),
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
  return rows.map((row) => row.seq);
}
