/** Closing, verifying and merging needs, evidence photos, and the reporter marking a need resolved. */

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { endClaim, HOLDING_STATUSES, holdingClaims } from '../../db/repositories/claims';
import { findIncident } from '../../db/repositories/incidents';
import {
  appendNeedEvent,
  findNeed,
  findNeedByReceipt,
  returnQuantity,
  saveNeed,
  setNeedStatus,
  settleDuplicate,
} from '../../db/repositories/needs';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { CloseReason, Need, VerificationLevel } from '../../model/need';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { audienceOf, needSubject, sees } from '../disclosure';
import { createOnce, type IdempotentRequest } from '../idempotency';
import { actsFor, canCoordinateIncident } from '../policy';

/** A need the actor may act on: a coordinator whose area shares ground with its incident, or (allowHolder) its holder. */
export async function coordinatedNeed(trx: Executor, actor: Actor, id: string, allowHolder = false): Promise<Need> {
  const need = await findNeed(trx, id);
  if (!need) throw new AppError('not_found');
  const incident = await findIncident(trx, need.incidentId);
  if (incident && canCoordinateIncident(actor, incident.jurisdictions)) return need;
  if (allowHolder && (await holdingClaims(trx, id)).some((c) => c.status === 'active' && actsFor(actor, c.organizationId)))
    return need;
  throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
}

/** Closes a need with a reason; its holders' claims end and nothing is deleted. */
async function close(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  need: Need,
  reason: CloseReason,
  note: string | null,
  duplicateOf: string | null,
): Promise<Need> {
  if (need.closeReason) throw new AppError('archived', { detail: 'the need is already closed' });
  const at = nowIso(deps);
  for (const claim of await holdingClaims(trx, need.id)) {
    if (await endClaim(trx, claim.id, HOLDING_STATUSES, 'released', at)) await returnQuantity(trx, need.id, claim.quantity);
  }
  const after: Need = { ...need, status: 'closed', closeReason: reason, closeNote: note, duplicateOf, updatedAt: at };
  await saveNeed(trx, after);
  await appendNeedEvent(trx, need.id, 'closed', { reason, note, duplicateOf }, actorId(actor), at);
  await recordChange(trx, deps, actor, {
    action: 'need.close',
    entityType: 'need',
    entityId: need.id,
    live: { incidentId: need.incidentId, kind: 'need' },
    before: { status: need.status },
    after: { reason, note, duplicateOf },
  });
  return after;
}

export async function closeNeed(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason: Exclude<CloseReason, 'resolved_by_reporter'>; note?: string | null },
): Promise<Need> {
  return deps.db.transaction().execute(async (trx) => {
    const need = await coordinatedNeed(trx, actor, id, true);
    const note = input.note?.trim() || null;
    if (!note && input.reason !== 'duplicate')
      throw new AppError('invalid_input', { field: 'note', detail: 'say why the need is closed' });
    return close(trx, deps, actor, need, input.reason, note, null);
  });
}

/** Merges a duplicate into the need it repeats: both records, sources and histories stay. */
export async function mergeNeeds(deps: Deps, actor: Actor, duplicateId: string, intoId: string): Promise<Need> {
  if (duplicateId === intoId)
    throw new AppError('invalid_input', { field: 'into', detail: 'a need cannot be merged into itself' });
  return deps.db.transaction().execute(async (trx) => {
    const duplicate = await coordinatedNeed(trx, actor, duplicateId);
    const target = await coordinatedNeed(trx, actor, intoId);
    if (target.incidentId !== duplicate.incidentId)
      throw new AppError('invalid_input', { field: 'into', detail: 'both needs must belong to one incident' });
    const closed = await close(trx, deps, actor, duplicate, 'duplicate', null, target.id);
    await settleDuplicate(trx, duplicateId, intoId, 'merged');
    await appendNeedEvent(
      trx,
      target.id,
      'merged',
      { from: duplicateId, source: duplicate.source },
      actorId(actor),
      nowIso(deps),
    );
    return closed;
  });
}

/** A coordinator decides that two needs flagged as likely duplicates are different needs. */
export async function dismissDuplicate(deps: Deps, actor: Actor, needId: string, otherId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const need = await coordinatedNeed(trx, actor, needId);
    if (!(await settleDuplicate(trx, needId, otherId, 'dismissed'))) {
      throw new AppError('not_found', { field: 'otherId', detail: 'these two needs are not flagged as likely duplicates' });
    }
    await appendNeedEvent(trx, needId, 'not_duplicate', { other: otherId }, actorId(actor), nowIso(deps));
    await recordChange(trx, deps, actor, {
      action: 'need.not_duplicate',
      entityType: 'need',
      entityId: needId,
      after: { other: otherId },
      live: { incidentId: need.incidentId, kind: 'need' },
    });
  });
}

export async function verifyNeed(
  deps: Deps,
  actor: Actor,
  id: string,
  level: Exclude<VerificationLevel, 'unverified'>,
): Promise<Need> {
  return deps.db.transaction().execute(async (trx) => {
    const need = await coordinatedNeed(trx, actor, id);
    const at = nowIso(deps);
    const after: Need = { ...need, verification: { level, by: actorId(actor), at }, updatedAt: at };
    await saveNeed(trx, after);
    await appendNeedEvent(trx, id, 'verified', { level }, actorId(actor), at);
    await recordChange(trx, deps, actor, {
      action: 'need.verify',
      entityType: 'need',
      entityId: id,
      live: { incidentId: need.incidentId, kind: 'need' },
      before: need.verification,
      after: after.verification,
    });
    return after;
  });
}

/** A need whose row a newer version of its spreadsheet marks done (已解决, 已获救): closed by the import. */
export async function closeBeforeImport(trx: Executor, deps: Deps, actor: Actor, need: Need, note: string | null): Promise<Need> {
  return close(trx, deps, actor, need, 'resolved_before_import', note, null);
}

const PUBLIC: Actor = { kind: 'system', label: 'public' };

/** The reporter says "已获救/已解决": the need is closed and no one goes out for it any more. */
export async function resolveByReceipt(deps: Deps, code: string): Promise<Need> {
  return deps.db.transaction().execute(async (trx) => {
    const need = await findNeedByReceipt(trx, code.trim().toUpperCase());
    if (!need) throw new AppError('not_found', { field: 'code', detail: 'no need has this receipt code' });
    return close(trx, deps, PUBLIC, need, 'resolved_by_reporter', '报告人确认已获救/已解决', null);
  });
}

const IMAGE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

const EVIDENCE_FILE = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;
const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** An evidence photo of a need: personal (photos may show people), so for its stewards under the privacy policy. */
export async function readEvidence(
  deps: Deps,
  actor: Actor,
  id: string,
  file: string,
): Promise<{ content: Buffer; contentType: string }> {
  const need = await findNeed(deps.db, id);
  if (!need) throw new AppError('not_found');
  if (!sees(audienceOf(actor, needSubject(need, await holdingClaims(deps.db, id))), 'need', 'file')) {
    throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
  }
  const match = EVIDENCE_FILE.exec(file);
  if (!match) throw new AppError('not_found', { field: 'file', detail: 'no evidence photo has this name' });
  try {
    return { content: await readFile(join(deps.dataDir, 'evidence', id, file)), contentType: CONTENT_TYPES[match[1]] };
  } catch {
    throw new AppError('not_found', { field: 'file', detail: 'no evidence photo has this name' });
  }
}

/** Stores an evidence photo under the data directory and notes it in the need's history. */
export async function addEvidence(
  deps: Deps,
  actor: Actor,
  id: string,
  file: { content: Buffer; contentType: string },
  idempotency?: IdempotentRequest,
): Promise<{ file: string }> {
  const ext = IMAGE_TYPES[file.contentType];
  if (!ext) throw new AppError('unsupported_media_type', { detail: 'evidence must be a JPEG, PNG or WebP image' });
  // A retry of the same upload (same key) answers with the file the first try stored.
  const { id: name } = await createOnce(
    deps.db,
    idempotency,
    () => nowIso(deps),
    async (trx) => {
      const need = await coordinatedNeed(trx, actor, id, true);
      const stored = `${newId()}.${ext}`;
      const dir = join(deps.dataDir, 'evidence', need.id);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, stored), file.content);
      const at = nowIso(deps);
      await appendNeedEvent(trx, id, 'evidence', { file: stored, bytes: file.content.length }, actorId(actor), at);
      await recordChange(trx, deps, actor, {
        action: 'need.evidence',
        entityType: 'need',
        entityId: id,
        live: { incidentId: need.incidentId, kind: 'need' },
        after: { file: stored },
      });
      await setNeedStatus(trx, id, need.status, at);
      return stored;
    },
  );
  return { file: name };
}
