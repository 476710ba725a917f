/** Walks the whole audit chain and names the first record that does not hold. */
import { GENESIS_HASH } from '../../db/migrations/0001-foundation';
import { readAuditHead, readAuditRows } from '../../db/repositories/audit';
import type { Executor } from '../../db/schema';
import type { ChainReport } from '../../model/audit';
import type { Actor, Deps } from '../context';
import { assertCanReadAudit } from '../policy';
import { auditHash } from './record-change';

const BATCH = 2000;

export async function verifyAuditChain(db: Executor): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await readAuditRows(db, { afterSeq: expectedSeq - 1, limit: BATCH });
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, checked, firstBad: { seq: expectedSeq, reason: `record ${expectedSeq} is missing` } };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBad: { seq: row.seq, reason: 'does not chain to the record before it' } };
      }
      const { hash, ...rest } = row;
      if (auditHash(rest) !== hash) {
        return { ok: false, checked, firstBad: { seq: row.seq, reason: 'content does not match its hash' } };
      }
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  const head = await readAuditHead(db);
  if (head.seq !== checked || head.hash !== prevHash) {
    return {
      ok: false,
      checked,
      firstBad: { seq: head.seq, reason: `chain head (record ${head.seq}) does not match the last record (${checked})` },
    };
  }
  return { ok: true, checked };
}

/** The chain check asked for over the API: platform admins only. */
export async function verifyAuditLog(deps: Deps, actor: Actor): Promise<ChainReport> {
  assertCanReadAudit(actor);
  return verifyAuditChain(deps.db);
}
