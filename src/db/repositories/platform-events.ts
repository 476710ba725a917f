/** The platform event log (src/model/platform-event.ts), keyed by audit sequence number. */
import type { EventType, PlatformEvent } from '../../model/platform-event';
import { insertInChunks } from '../bulk';
import type { Executor, PlatformEventsTable } from '../schema';

const toEvent = (r: PlatformEventsTable): PlatformEvent => ({
  seq: Number(r.seq),
  type: r.type as EventType,
  entityId: r.entity_id,
  incidentId: r.incident_id,
  organizationId: r.organization_id,
  jurisdiction: r.jurisdiction,
  category: r.category,
  at: r.at,
});

export async function insertPlatformEvents(db: Executor, events: PlatformEvent[]): Promise<void> {
  await insertInChunks(
    db,
    'platform_events',
    events.map((e) => ({
      seq: e.seq,
      type: e.type,
      entity_id: e.entityId,
      incident_id: e.incidentId ?? null,
      organization_id: e.organizationId ?? null,
      jurisdiction: e.jurisdiction ?? null,
      category: e.category ?? null,
      at: e.at,
    })),
  );
}

/** Events after a sequence number, oldest first (a dispatcher resuming where it stopped). */
export async function platformEventsAfter(db: Executor, seq: number, limit: number): Promise<PlatformEvent[]> {
  const rows = await db.selectFrom('platform_events').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();
  return rows.map(toEvent);
}

/** The newest event's sequence number (0 with none): a follower that has reached it has nothing to do. */
export async function lastPlatformEventSeq(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('platform_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
