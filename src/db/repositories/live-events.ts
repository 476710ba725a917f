/** The live event log of incidents, keyed by audit sequence number. */
import { insertInChunks } from '../bulk';
import type { Executor, LiveEventsTable } from '../schema';

export type LiveKind =
  | 'incident'
  | 'deployment'
  | 'need'
  | 'claim'
  | 'alarm'
  | 'centre'
  | 'standby'
  | 'offer'
  | 'shipment'
  | 'allocation'
  | 'statement'
  | 'bulletin'
  | 'alert';

export interface LiveEvent {
  seq: number;
  incidentId: string;
  kind: LiveKind;
  entityId: string;
  at: string;
}

const toEvent = (r: LiveEventsTable): LiveEvent => ({
  seq: Number(r.seq),
  incidentId: r.incident_id,
  kind: r.kind as LiveKind,
  entityId: r.entity_id,
  at: r.at,
});

export async function insertLiveEvents(db: Executor, events: LiveEvent[]): Promise<void> {
  await insertInChunks(
    db,
    'live_events',
    events.map((e) => ({ seq: e.seq, incident_id: e.incidentId, kind: e.kind, entity_id: e.entityId, at: e.at })),
  );
}

/** Events after a sequence number, across all incidents, oldest first. */
export async function liveEventsAfter(db: Executor, seq: number, limit: number): Promise<LiveEvent[]> {
  const rows = await db.selectFrom('live_events').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();
  return rows.map(toEvent);
}

/** One incident's events after a sequence number (a client reconnecting with Last-Event-ID). */
export async function incidentEventsAfter(db: Executor, incidentId: string, seq: number, limit: number): Promise<LiveEvent[]> {
  const rows = await db
    .selectFrom('live_events')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

export async function lastLiveSeq(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** The last event of one incident (0 when it has none). */
export async function lastIncidentSeq(db: Executor, incidentId: string): Promise<number> {
  const row = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
