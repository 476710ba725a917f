/**
 * Erasing the personal data of affected people, reporters and donors from the tables it was
 * copied into, keeping what the analytics count: categories, quantities, jurisdictions, cells,
 * times and statuses. Exact points become the centre of their cell on the public grid.
 */
import { sql } from 'kysely';
import { snapToGrid } from '../../model/privacy';
import type { Executor } from '../schema';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Incidents closed before `closedBefore` whose data has not been erased yet. */
export async function incidentsDueForErasure(db: Executor, closedBefore: string): Promise<{ id: string; closedAt: string }[]> {
  const rows = await db
    .selectFrom('incidents')
    .innerJoin('incident_stages', 'incident_stages.incident_id', 'incidents.id')
    .select(['incidents.id as id', (eb) => eb.fn.max('incident_stages.at').as('closed_at')])
    .where('incidents.stage', '=', 'closed')
    .where('incident_stages.to_stage', '=', 'closed')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('erasures')
            .select('erasures.id')
            .whereRef('erasures.subject_id', '=', 'incidents.id')
            .where('erasures.scope', '=', 'incident'),
        ),
      ),
    )
    .groupBy('incidents.id')
    .execute();
  return rows
    .map((r) => ({ id: r.id, closedAt: String(r.closed_at) }))
    .filter((r) => r.closedAt < closedBefore)
    .sort((a, b) => a.closedAt.localeCompare(b.closedAt));
}

export async function needIdsOfIncident(db: Executor, incidentId: string): Promise<string[]> {
  const rows = await db.selectFrom('needs').select('id').where('incident_id', '=', incidentId).execute();
  return rows.map((r) => r.id);
}

export async function offerIdsOfIncident(db: Executor, incidentId: string): Promise<string[]> {
  const rows = await db.selectFrom('offers').select('id').where('incident_id', '=', incidentId).execute();
  return rows.map((r) => r.id);
}

/** Moves exact points to their grid cell's centre, one update per cell. */
async function coarsenPoints(db: Executor, table: 'needs' | 'offers', ids: string[]): Promise<void> {
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'lat', 'lon'])
      .where('id', 'in', part)
      .where('lat', 'is not', null)
      .where('lon', 'is not', null)
      .execute();
    const byCell = new Map<string, { lat: number; lon: number; ids: string[] }>();
    for (const r of rows) {
      const cell = snapToGrid(Number(r.lat), Number(r.lon));
      if (cell.lat === Number(r.lat) && cell.lon === Number(r.lon)) continue;
      const key = `${cell.lat},${cell.lon}`;
      const entry = byCell.get(key) ?? { ...cell, ids: [] };
      entry.ids.push(r.id);
      byCell.set(key, entry);
    }
    for (const { lat, lon, ids: cellIds } of byCell.values()) {
      await db.updateTable(table).set({ lat, lon }).where('id', 'in', cellIds).execute();
    }
  }
}

/**
 * Erases needs' personal fields and their copies: events' notes, claims' notes, import rows'
 * keys (digests of the phone and place). Answers the event details to rewrite (the caller
 * drops their personal keys).
 */
export async function eraseNeedRows(db: Executor, needIds: string[]): Promise<void> {
  for (const part of chunks(needIds)) {
    await db
      .updateTable('needs')
      .set({ description: null, contact_name: null, contact_phone: null, address: null, close_note: null, receipt_code: null })
      .where('id', 'in', part)
      .execute();
    await db.updateTable('need_claims').set({ note: null }).where('need_id', 'in', part).where('note', 'is not', null).execute();
    await db
      .updateTable('need_import_rows')
      .set({ row_key: sql<string>`'erased:' || import_id || ':' || need_id` })
      .where('need_id', 'in', part)
      .where('row_key', 'not like', 'erased:%')
      .execute();
  }
  await coarsenPoints(db, 'needs', needIds);
}

/** The need events with a detail, to have their personal keys dropped. */
export async function needEventDetails(
  db: Executor,
  needIds: string[],
): Promise<{ needId: string; seq: number; detail: string }[]> {
  const out: { needId: string; seq: number; detail: string }[] = [];
  for (const part of chunks(needIds)) {
    const rows = await db.selectFrom('need_events').select(['need_id', 'seq', 'detail']).where('need_id', 'in', part).execute();
    for (const r of rows) out.push({ needId: r.need_id, seq: Number(r.seq), detail: r.detail });
  }
  return out;
}

export async function setNeedEventDetail(db: Executor, needId: string, seq: number, detail: string): Promise<void> {
  await db.updateTable('need_events').set({ detail }).where('need_id', '=', needId).where('seq', '=', seq).execute();
}

/** Erases offers' donor and free text, and coarsens where they offer from. */
export async function eraseOfferRows(db: Executor, offerIds: string[]): Promise<void> {
  for (const part of chunks(offerIds)) {
    await db.updateTable('offers').set({ note: null, donor_name: null, donor_phone: null }).where('id', 'in', part).execute();
  }
  await coarsenPoints(db, 'offers', offerIds);
}

/** Erases the sheets, samples and reports (which echo rows) of an incident's need imports. */
export async function eraseImportJobs(db: Executor, incidentId: string): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ report: null, mapping: null, sheet: null })
    .where('incident_id', '=', incidentId)
    .execute();
}

/** The marker a webhook delivery's stored body is replaced with once erased. */
export const ERASED_PAYLOAD = '{"erased":true}';

/**
 * Erases the stored bodies (and receivers' answers) of webhook deliveries about the incident,
 * or about these needs and offers.
 */
export async function eraseWebhookBodies(db: Executor, about: { incidentId?: string; entityIds?: string[] }): Promise<void> {
  const erase = async (seqs: number[]) => {
    for (const part of chunks(seqs)) {
      const deliveries = await db.selectFrom('webhook_deliveries').select('id').where('event_seq', 'in', part).execute();
      const ids = deliveries.map((d) => d.id);
      for (const ds of chunks(ids)) {
        await db.updateTable('webhook_deliveries').set({ payload: ERASED_PAYLOAD }).where('id', 'in', ds).execute();
        await db.updateTable('webhook_attempts').set({ response_excerpt: null }).where('delivery_id', 'in', ds).execute();
      }
    }
  };
  if (about.incidentId) {
    const rows = await db.selectFrom('platform_events').select('seq').where('incident_id', '=', about.incidentId).execute();
    await erase(rows.map((r) => Number(r.seq)));
  }
  for (const part of chunks(about.entityIds ?? [])) {
    const rows = await db.selectFrom('platform_events').select('seq').where('entity_id', 'in', part).execute();
    await erase(rows.map((r) => Number(r.seq)));
  }
}

/** Empties e-mails sent before `sentBefore` (kept only as a record that they went). */
export async function eraseSentMails(db: Executor, sentBefore: string): Promise<number> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ recipient: '', subject: '', body: '' })
    .where('sent_at', 'is not', null)
    .where('sent_at', '<', sentBefore)
    .where('body', '!=', '')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Forgets the answers kept for replaying requests (they echo what was reported) made before `before`. */
export async function forgetIdempotentAnswers(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
}

/** The needs and offers a receipt code, a donation reference or a phone number names, with their incident. */
export async function subjectsNamedBy(
  db: Executor,
  by: { receipt?: string; donation?: string; phones?: string[] },
): Promise<{ scope: 'need' | 'offer'; id: string; incidentId: string }[]> {
  const out: { scope: 'need' | 'offer'; id: string; incidentId: string }[] = [];
  if (by.receipt !== undefined || by.phones) {
    let q = db.selectFrom('needs').select(['id', 'incident_id']);
    q = by.receipt !== undefined ? q.where('receipt_code', '=', by.receipt) : q.where('contact_phone', 'in', by.phones ?? []);
    for (const r of await q.orderBy('id').execute()) out.push({ scope: 'need', id: r.id, incidentId: r.incident_id });
  }
  if (by.donation !== undefined || by.phones) {
    let q = db.selectFrom('offers').select(['id', 'incident_id']);
    q = by.donation !== undefined ? q.where('reference_code', '=', by.donation) : q.where('donor_phone', 'in', by.phones ?? []);
    for (const r of await q.orderBy('id').execute()) out.push({ scope: 'offer', id: r.id, incidentId: r.incident_id });
  }
  return out;
}
