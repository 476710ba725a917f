/**
 * Ingesting CAP 1.2 alerts of other senders (posted, or polled from their feeds): screened (no
 * DOCTYPE, the CAP root and namespace), validated against the OASIS schema, de-duplicated by
 * (sender, identifier), attached to the open incidents whose areas its GB/T 2260 geocodes
 * overlap, else kept unattached, and recorded as the event `alert.ingested`.
 */
import { findAlertBySenderIdentifier, insertAlert, linkAlertIncidents, setAlertState } from '../../db/repositories/alerts';
import { listIncidentRows } from '../../db/repositories/incidents';
import type { Executor } from '../../db/schema';
import { CapRejection, readCap, screenCap } from '../../interop/cap/cap-xml';
import { validateCap } from '../../interop/cap/validate-cap';
import type {
  Alert,
  CapCategory,
  CapCertainty,
  CapMsgType,
  CapScope,
  CapSeverity,
  CapStatus,
  CapUrgency,
} from '../../model/alert';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { findJurisdiction, overlaps } from '../../model/jurisdictions';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps } from '../context';
import { assertCanIngestAlerts } from '../policy';
import { type AlertSettings, type AlertView, presentAlerts } from './present-alerts';

/** Checks a document before anything is stored: a clear 4xx naming the first problem. */
async function checkedCap(xml: string) {
  try {
    screenCap(xml);
  } catch (error) {
    if (!(error instanceof CapRejection)) throw error;
    const code = error.reason === 'doctype' ? 'cap_doctype' : error.reason === 'malformed' ? 'cap_malformed' : 'not_cap';
    throw new AppError(code, { detail: error.message });
  }
  const [first] = await validateCap(xml);
  if (first) {
    const where = [first.line !== null ? `line ${first.line}` : null, first.element ? `element <${first.element}>` : null]
      .filter(Boolean)
      .join(', ');
    throw new AppError('cap_invalid', {
      field: first.element ?? undefined,
      detail: `${where ? `${where}: ` : ''}${first.message}`,
      extra: { element: first.element, line: first.line },
    });
  }
  return readCap(xml);
}

/** The open incidents whose areas share ground with any of the codes. */
async function overlappingIncidents(db: Executor, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const open = await listIncidentRows(db, ['preparedness', 'response', 'recovery']);
  return open.filter((i) => i.jurisdictions.some((j) => codes.some((c) => overlaps(c, j)))).map((i) => i.id);
}

/** The (sender, identifier) pairs a `<references>` value names. */
function referencedPairs(references: string | null): { sender: string; identifier: string }[] {
  if (!references) return [];
  return references
    .split(/\s+/)
    .map((ref) => ref.split(','))
    .filter((parts) => parts.length >= 2)
    .map(([sender, identifier]) => ({ sender, identifier }));
}

function isUniqueViolation(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /unique|duplicate key/i.test(message);
}

/**
 * Ingests one CAP document; answers the alert and whether it is new (false: the same
 * sender and identifier were ingested before, and the record already kept is answered).
 */
export async function ingestAlert(
  deps: Deps,
  settings: AlertSettings,
  actor: Actor,
  xml: string,
): Promise<{ created: boolean; alert: AlertView }> {
  assertCanIngestAlerts(actor);
  const cap = await checkedCap(xml);
  if (settings.allowedSenders && !settings.allowedSenders.includes(cap.sender)) {
    throw new AppError('cap_sender_not_allowed', { field: 'sender', detail: `sender ${cap.sender} is not on the allow-list` });
  }
  const existing = await findAlertBySenderIdentifier(deps.db, cap.sender, cap.identifier);
  if (existing) return { created: false, alert: (await presentAlerts(deps.db, actor, [existing], deps.now()))[0] };
  const jurisdictions = cap.geocodes.filter((code) => findJurisdiction(code) !== undefined);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const earlier = [];
      for (const ref of referencedPairs(cap.references)) {
        const found = await findAlertBySenderIdentifier(trx, ref.sender, ref.identifier);
        if (found) earlier.push(found.id);
      }
      const msgType = cap.msgType as CapMsgType;
      if (msgType === 'Update' || msgType === 'Cancel') {
        await setAlertState(trx, earlier, msgType === 'Cancel' ? 'cancelled' : 'updated');
      }
      const alert: Alert = {
        id: newId(),
        identifier: cap.identifier,
        sender: cap.sender,
        sent: cap.sent,
        status: cap.status as CapStatus,
        msgType,
        scope: cap.scope as CapScope,
        references: cap.references,
        note: cap.note,
        origin: 'ingested',
        state: msgType === 'Cancel' ? 'cancelled' : 'current',
        event: cap.event,
        headline: cap.headline,
        description: cap.description,
        instruction: cap.instruction,
        warningColor: null,
        category: cap.category as CapCategory,
        urgency: cap.urgency as CapUrgency,
        severity: cap.severity as CapSeverity,
        certainty: cap.certainty as CapCertainty,
        jurisdictions,
        areaDesc: cap.areaDesc,
        polygon: cap.polygon,
        effective: cap.effective,
        expires: cap.expires,
        xml,
        createdAt: deps.now().toISOString(),
      };
      const incidentIds = await overlappingIncidents(trx, jurisdictions);
      await insertAlert(trx, alert, actorId(actor));
      await linkAlertIncidents(trx, alert.id, incidentIds);
      const { xml: _xml, ...after } = alert;
      await recordChange(trx, deps, actor, {
        action: 'alert.ingest',
        entityType: 'alert',
        entityId: alert.id,
        after: { ...after, incidentIds },
        event: { type: 'alert.ingested', incidentId: incidentIds[0] ?? null, jurisdiction: jurisdictions[0] ?? null },
        ...(incidentIds[0] ? { live: { incidentId: incidentIds[0], kind: 'alert' as const } } : {}),
      });
      return { created: true, alert: (await presentAlerts(trx, actor, [alert], deps.now()))[0] };
    });
  } catch (error) {
    // The same alert ingested twice at once: the second answers the first one's record.
    if (!isUniqueViolation(error)) throw error;
    const kept = await findAlertBySenderIdentifier(deps.db, cap.sender, cap.identifier);
    if (!kept) throw error;
    return { created: false, alert: (await presentAlerts(deps.db, actor, [kept], deps.now()))[0] };
  }
}
