/**
 * A person's request about their own data (PIPL art. 45, 47): a coordinator finds it by the
 * receipt code of a need they reported, the reference of a donation, or their phone number,
 * and exports it (JSON) or erases it at once, without waiting for the incident's retention
 * time. Both are recorded in the audit log by what was reached (need and offer ids), never by
 * the code or phone asked with.
 */

import { readAuditRows } from '../../db/repositories/audit';
import { findIncident } from '../../db/repositories/incidents';
import { subjectsNamedBy } from '../../db/repositories/retention';
import { normalizePhone } from '../../interop/need-sheet-row';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { openSealed } from '../audit/open-sealed';
import { recordChange } from '../audit/record-change';
import type { Actor, Deps } from '../context';
import { getNeed } from '../needs/read-needs';
import { assertCanHandlePersonalDataRequests, canHandlePersonalDataRequest } from '../policy';
import { getOffer } from '../resources/read-offers';
import { type ErasureCounts, erasePersonalData } from './erase-personal-data';
import type { ErasureEntry } from './erasure-register';

/** What identifies the person: exactly one of them. */
export interface PersonalDataQuery {
  receipt?: string;
  donation?: string;
  phone?: string;
}

export interface PersonalDataSubject {
  scope: 'need' | 'offer';
  id: string;
  incidentId: string;
}

function identifiedBy(query: PersonalDataQuery): 'receipt' | 'donation' | 'phone' {
  const given = (['receipt', 'donation', 'phone'] as const).filter((k) => query[k] !== undefined && query[k] !== '');
  if (given.length !== 1) {
    throw new AppError('invalid_input', { field: 'receipt', detail: 'give exactly one of receipt, donation or phone' });
  }
  return given[0];
}

/** The needs and offers the query names that the actor may handle requests for (404 when none). */
async function subjectsOf(
  deps: Deps,
  actor: Actor,
  query: PersonalDataQuery,
): Promise<{ by: string; subjects: PersonalDataSubject[] }> {
  assertCanHandlePersonalDataRequests(actor);
  const by = identifiedBy(query);
  let phones: string[] | undefined;
  if (by === 'phone') {
    const phone = normalizePhone(query.phone ?? '');
    if (!phone) throw new AppError('invalid_input', { field: 'phone', detail: 'not a phone number' });
    phones = [...new Set([phone, (query.phone ?? '').trim()])];
  }
  const found = await subjectsNamedBy(deps.db, {
    receipt: by === 'receipt' ? query.receipt?.trim().toUpperCase() : undefined,
    donation: by === 'donation' ? query.donation?.trim().toUpperCase() : undefined,
    phones,
  });
  const areas = new Map<string, string[]>();
  const subjects: PersonalDataSubject[] = [];
  for (const s of found) {
    if (!areas.has(s.incidentId)) areas.set(s.incidentId, (await findIncident(deps.db, s.incidentId))?.jurisdictions ?? []);
    if (canHandlePersonalDataRequest(actor, areas.get(s.incidentId) ?? [])) subjects.push(s);
  }
  if (subjects.length === 0) throw new AppError('not_found', { field: by });
  return { by, subjects };
}

/** The person's data: each need and offer as the coordinator reads it, with the audit log's records of it opened. */
export async function exportPersonalData(
  deps: Deps,
  actor: Actor,
  query: PersonalDataQuery,
): Promise<{ subjects: (PersonalDataSubject & { record: unknown; auditRecords: unknown[] })[] }> {
  const { by, subjects } = await subjectsOf(deps, actor, query);
  const out: (PersonalDataSubject & { record: unknown; auditRecords: unknown[] })[] = [];
  for (const s of subjects) {
    const record = s.scope === 'need' ? await getNeed(deps, actor, s.id) : await getOffer(deps, actor, s.id);
    const rows = await readAuditRows(deps.db, { entityType: s.scope, entityId: s.id, limit: 1000 });
    const auditRecords: unknown[] = [];
    for (const r of rows) {
      auditRecords.push({
        seq: r.seq,
        at: r.at,
        action: r.action,
        before: r.before === null ? null : await openSealed(deps.db, deps, JSON.parse(r.before)),
        after: r.after === null ? null : await openSealed(deps.db, deps, JSON.parse(r.after)),
      });
    }
    out.push({ ...s, record, auditRecords });
  }
  await deps.db.transaction().execute((trx) =>
    recordChange(trx, deps, actor, {
      action: 'personal_data.export',
      entityType: 'personalDataRequest',
      entityId: newId(),
      after: { by, subjects: subjects.map(({ scope, id }) => ({ scope, id })) },
    }),
  );
  return { subjects: out };
}

/** Erases the person's data now: their needs' and offers' personal fields and their audit data keys. */
export async function erasePersonalDataOnRequest(
  deps: Deps,
  actor: Actor,
  query: PersonalDataQuery,
): Promise<{ subjects: PersonalDataSubject[]; erasures: ErasureEntry[]; counts: ErasureCounts }> {
  const { subjects } = await subjectsOf(deps, actor, query);
  const done = await erasePersonalData(
    deps,
    actor,
    subjects.map((s) => ({ scope: s.scope, subjectId: s.id })),
    'request',
  );
  return { subjects, erasures: done.entries, counts: done.counts };
}
