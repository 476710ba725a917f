/**
 * The register of erasures, kept outside the database as well (erasures.jsonl in the data
 * directory, one JSON object a line, appended and never rewritten), so that restoring a backup
 * taken before an erasure does not bring the erased data back: after a restore,
 * `reapplyErasures` applies every erasure of the register again. It names what was erased
 * (an incident, need or offer id) and when, never the data.
 */
import { existsSync } from 'node:fs';
import { appendFile, copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasErasureId, insertErasure } from '../../db/repositories/personal-data-keys';
import { recordChange } from '../audit/record-change';
import type { Actor, Deps } from '../context';
import { applyErasure, removeEvidence } from './erase-personal-data';

export type ErasureScope = 'incident' | 'need' | 'offer';

export interface ErasureEntry {
  id: string;
  scope: ErasureScope;
  subjectId: string;
  reason: 'retention' | 'request';
  actorId: string;
  at: string;
}

const SCOPES: readonly string[] = ['incident', 'need', 'offer'];

/** The register's file in the data directory. */
export function registerFileOf(deps: Pick<Deps, 'dataDir'>): string {
  return join(deps.dataDir, 'erasures.jsonl');
}

/** Appends entries to the register (after their transaction committed). */
export async function appendToRegister(deps: Pick<Deps, 'dataDir'>, entries: ErasureEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await mkdir(deps.dataDir, { recursive: true });
  await appendFile(registerFileOf(deps), entries.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
}

/** The register's entries, oldest first; a line that is not an entry (a torn last write) is skipped. */
export async function readRegister(file: string): Promise<ErasureEntry[]> {
  if (!existsSync(file)) return [];
  const out: ErasureEntry[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as Partial<ErasureEntry>;
      if (
        typeof e.id === 'string' &&
        typeof e.subjectId === 'string' &&
        typeof e.at === 'string' &&
        SCOPES.includes(String(e.scope))
      ) {
        out.push(e as ErasureEntry);
      }
    } catch {}
  }
  return out;
}

const RESTORE: Actor = { kind: 'system', label: 'restore' };

/**
 * Applies every erasure of the register to the database again (after a restore of an older
 * backup): idempotent, so running it twice, or on a database that has them all, changes
 * nothing more. Answers how many entries were missing from the database and how many it had.
 */
export async function reapplyErasures(
  deps: Deps,
  registerFile = registerFileOf(deps),
): Promise<{ reapplied: number; present: number }> {
  const entries = await readRegister(registerFile);
  let reapplied = 0;
  const needIds: string[] = [];
  for (const entry of entries) {
    await deps.db.transaction().execute(async (trx) => {
      const done = await applyErasure(trx, entry);
      needIds.push(...done.needIds);
      if (await hasErasureId(trx, entry.id)) return;
      reapplied++;
      await insertErasure(trx, {
        id: entry.id,
        scope: entry.scope,
        subject_id: entry.subjectId,
        reason: entry.reason,
        actor_id: entry.actorId,
        at: entry.at,
      });
      await recordChange(trx, deps, RESTORE, {
        action: 'personal_data.reapply',
        entityType: 'erasure',
        entityId: entry.id,
        after: { scope: entry.scope, subjectId: entry.subjectId, reason: entry.reason, counts: done.counts },
      });
    });
  }
  await removeEvidence(deps, needIds);
  return { reapplied, present: entries.length - reapplied };
}

/** The entries of several registers (a missing file is skipped), one per erasure, oldest first. */
export async function readRegisters(files: string[]): Promise<ErasureEntry[]> {
  const byId = new Map<string, ErasureEntry>();
  for (const file of files) for (const entry of await readRegister(file)) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/**
 * What a restore runs once the backup's database and files are back: the erasures kept
 * outside the backup (`kept`: the target's register read before it was replaced, a copy kept
 * with the backups, a file the operator names) join the restored register, and the whole
 * register is applied again, so a backup taken before an erasure does not bring the data back.
 */
export function reapplyAfterRestore(kept: ErasureEntry[]): (deps: Deps) => Promise<{ reapplied: number; present: number }> {
  return async (deps) => {
    const file = registerFileOf(deps);
    const restored = new Set((await readRegister(file)).map((entry) => entry.id));
    await appendToRegister(
      deps,
      kept.filter((entry) => !restored.has(entry.id)),
    );
    return reapplyErasures(deps, file);
  };
}

/** Keeps a copy of the register beside the backups (CORESPOND_BACKUP_DIR), where a restore looks for it. */
export async function copyRegisterTo(deps: Pick<Deps, 'dataDir'>, dir: string): Promise<void> {
  const file = registerFileOf(deps);
  if (existsSync(file)) await copyFile(file, join(dir, 'erasures.jsonl'));
}
