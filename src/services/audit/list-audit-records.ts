/**
 * Reads the audit log, newest first, for platform admins. Personal values stay sealed; those
 * whose data key was erased are marked `erased` (their ciphertext is of no use to anyone).
 */
import { countAuditRows, readAuditRows } from '../../db/repositories/audit';
import type { AuditRecord } from '../../model/audit';
import type { Actor, Deps } from '../context';
import { assertCanReadAudit } from '../policy';
import { markErased } from './open-sealed';

export async function listAuditRecords(
  deps: Deps,
  actor: Actor,
  query: { entityType?: string; entityId?: string; limit: number; beforeSeq?: number },
): Promise<{ items: AuditRecord[]; total: number; nextBeforeSeq?: number }> {
  assertCanReadAudit(actor);
  const rows = await readAuditRows(deps.db, { ...query, limit: query.limit + 1, descending: true });
  const total = await countAuditRows(deps.db, query);
  const items = rows.slice(0, query.limit).map((r) => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
  await markErased(
    deps.db,
    deps,
    items.flatMap((i) => [i.before, i.after]),
  );
  return { items, total, nextBeforeSeq: rows.length > query.limit ? items[items.length - 1].seq : undefined };
}
