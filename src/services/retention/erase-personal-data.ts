/**
 * Erasing personal data (PIPL: kept no longer than its purpose needs): of a whole incident once
 * its retention time has passed, or of one need's reporter or one offer's donor on request.
 * The tables keep what the analytics count; the audit log keeps its records and chain, and
 * the data keys that sealed their personal values are destroyed (crypto-shredding). Each
 * erasure is written to the register (database and erasures.jsonl) so it can be applied again
 * after a restore.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fieldRule, isClassified } from '../../db/field-classes';
import { lockAuditHead } from '../../db/repositories/audit';
import { eraseIncidentKeys, eraseSubjectKey, insertErasure } from '../../db/repositories/personal-data-keys';
import {
  eraseImportJobs,
  eraseNeedRows,
  eraseOfferRows,
  eraseWebhookBodies,
  needEventDetails,
  needIdsOfIncident,
  offerIdsOfIncident,
  setNeedEventDetail,
} from '../../db/repositories/retention';
import type { Executor } from '../../db/schema';
import { newId } from '../../model/ids';
import { newDataKeyId } from '../audit/data-keys';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { appendToRegister, type ErasureEntry, type ErasureScope } from './erasure-register';

export type ErasureReason = 'retention' | 'request';

/** Drops the personal keys (notes, evidence file names) from a need event's detail. */
function withoutPersonal(detail: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const kept: Record<string, unknown> = {};
  const erased: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    const { class: c } = fieldRule('need', key);
    if (isClassified('need', key) && (c === 'personal' || c === 'sensitive') && key !== 'vulnerableGroups') erased.push(key);
    else kept[key] = value;
  }
  if (erased.length === 0) return null;
  return JSON.stringify({ ...kept, erased });
}

async function eraseNeeds(trx: Executor, needIds: string[]): Promise<void> {
  await eraseNeedRows(trx, needIds);
  for (const event of await needEventDetails(trx, needIds)) {
    const detail = withoutPersonal(event.detail);
    if (detail !== null) await setNeedEventDetail(trx, event.needId, event.seq, detail);
  }
}

/** Evidence photos may show faces: the files go (after the commit, so a rollback keeps them). */
export async function removeEvidence(deps: Deps, needIds: string[]): Promise<void> {
  for (const id of needIds) await rm(join(deps.dataDir, 'evidence', id), { recursive: true, force: true });
}

/** What one erasure reached, by count (never the data): for the audit record and the answer. */
export interface ErasureCounts {
  needs: number;
  offers: number;
  keys: number;
}

type ErasureEntryAt = { scope: ErasureScope; subjectId: string; at: string };

/** Erases the rows an entry names (the keys come after); answers the needs and offers reached. */
async function eraseRows(trx: Executor, entry: ErasureEntryAt): Promise<{ needIds: string[]; offers: number }> {
  switch (entry.scope) {
    case 'incident': {
      const needIds = await needIdsOfIncident(trx, entry.subjectId);
      const offerIds = await offerIdsOfIncident(trx, entry.subjectId);
      await eraseNeeds(trx, needIds);
      await eraseOfferRows(trx, offerIds);
      await eraseImportJobs(trx, entry.subjectId);
      await eraseWebhookBodies(trx, { incidentId: entry.subjectId, entityIds: [...needIds, ...offerIds] });
      return { needIds, offers: offerIds.length };
    }
    case 'need': {
      await eraseNeeds(trx, [entry.subjectId]);
      await eraseWebhookBodies(trx, { entityIds: [entry.subjectId] });
      return { needIds: [entry.subjectId], offers: 0 };
    }
    case 'offer': {
      await eraseOfferRows(trx, [entry.subjectId]);
      await eraseWebhookBodies(trx, { entityIds: [entry.subjectId] });
      return { needIds: [], offers: 1 };
    }
  }
}

/** Destroys the data keys an entry names; answers how many. */
async function eraseKeys(trx: Executor, entry: ErasureEntryAt): Promise<number> {
  if (entry.scope === 'incident') return eraseIncidentKeys(trx, entry.subjectId, entry.at);
  await eraseSubjectKey(trx, entry.scope, entry.subjectId, newDataKeyId(), entry.at);
  return 1;
}

/**
 * Erases what the entry names, inside the caller's transaction; answers the needs whose
 * evidence files are to be removed once it commits. Applying the same entry again changes
 * nothing more (the register relies on it).
 */
export async function applyErasure(trx: Executor, entry: ErasureEntryAt): Promise<{ counts: ErasureCounts; needIds: string[] }> {
  const { needIds, offers } = await eraseRows(trx, entry);
  // Data keys are written only by the holder of the audit chain's head, as writers make them
  // (see recordChanges): an erasure holding a need's key while it waits for the head would hold
  // up the head's holder making that need's key. The rows before: writers lock them before the head.
  await lockAuditHead(trx);
  const keys = await eraseKeys(trx, entry);
  return { counts: { needs: needIds.length, offers, keys }, needIds };
}

/**
 * Erases an incident's, a need's or an offer's personal data for good, records it in the audit
 * log (what and how much, never the data) and in the register.
 */
export async function erasePersonalData(
  deps: Deps,
  actor: Actor,
  subjects: { scope: ErasureScope; subjectId: string }[],
  reason: ErasureReason,
): Promise<{ entries: ErasureEntry[]; counts: ErasureCounts }> {
  const at = nowIso(deps);
  const entries: ErasureEntry[] = subjects.map((s) => ({ id: newId(), ...s, reason, actorId: actorId(actor), at }));
  const total: ErasureCounts = { needs: 0, offers: 0, keys: 0 };
  const needIds: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (const entry of entries) {
      const done = await applyErasure(trx, entry);
      total.needs += done.counts.needs;
      total.offers += done.counts.offers;
      total.keys += done.counts.keys;
      needIds.push(...done.needIds);
      await insertErasure(trx, {
        id: entry.id,
        scope: entry.scope,
        subject_id: entry.subjectId,
        reason: entry.reason,
        actor_id: entry.actorId,
        at: entry.at,
      });
      await recordChange(trx, deps, actor, {
        action: 'personal_data.erase',
        entityType: 'erasure',
        entityId: entry.id,
        after: { scope: entry.scope, subjectId: entry.subjectId, reason, counts: done.counts },
      });
    }
  });
  await removeEvidence(deps, needIds);
  await appendToRegister(deps, entries);
  return { entries, counts: total };
}
