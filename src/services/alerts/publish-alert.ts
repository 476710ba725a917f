/**
 * Publishing early warnings as CAP 1.2: a new alert, an update or a cancellation of an earlier
 * one (a new message that references it, as CAP requires). Coordinators publish for their own
 * area, admins anywhere. Each message is built once, kept as sent, and recorded as the event
 * `alert.published`.
 */
import {
  countIdentifiersLike,
  findAlertForChange,
  incidentsOfAlerts,
  insertAlert,
  linkAlertIncidents,
  setAlertState,
} from '../../db/repositories/alerts';
import { findIncident } from '../../db/repositories/incidents';
import type { Executor } from '../../db/schema';
import { buildCap } from '../../interop/cap/cap-xml';
import {
  type Alert,
  alertIdentifier,
  type CapCategory,
  type CapCertainty,
  type CapMsgType,
  type CapUrgency,
  capDay,
  capReference,
  closeRing,
  type Polygon,
  severityOfColor,
} from '../../model/alert';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { WarningColor } from '../../model/incident';
import { findJurisdiction } from '../../model/jurisdictions';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps } from '../context';
import { requiredText } from '../declarations';
import { assertCanPublishAlert } from '../policy';
import { type AlertSettings, type AlertView, presentAlerts } from './present-alerts';

export interface AlertInput {
  incidentId?: string | null;
  event: string;
  headline: string;
  description?: string | null;
  instruction?: string | null;
  warningColor: WarningColor;
  category: CapCategory;
  urgency: CapUrgency;
  certainty: CapCertainty;
  jurisdictions: string[];
  /** `[lat, lon]` points; closed here when the last is not the first. */
  polygon?: [number, number][] | null;
  effective?: string | null;
  expires: string;
}

export type AlertChange = Partial<Omit<AlertInput, 'incidentId'>> & { reason: string };

function checkedJurisdictions(codes: readonly string[]): string[] {
  const unique = [...new Set(codes)];
  if (unique.length === 0) {
    throw new AppError('invalid_input', { field: 'jurisdictions', detail: 'jurisdictions: name at least one GB/T 2260 area' });
  }
  unique.forEach((code, i) => {
    if (!findJurisdiction(code)) {
      throw new AppError('unknown_jurisdiction', {
        field: `jurisdictions/${i}`,
        detail: `jurisdictions/${i}: no GB/T 2260 division has the code ${code}`,
      });
    }
  });
  return unique;
}

function checkedPolygon(polygon: readonly [number, number][] | null | undefined): Polygon | null {
  if (!polygon || polygon.length === 0) return null;
  polygon.forEach(([lat, lon], i) => {
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
      throw new AppError('invalid_polygon', {
        field: `polygon/${i}`,
        detail: `polygon/${i}: [${lat}, ${lon}] is not a [lat, lon] point`,
      });
    }
  });
  const ring = closeRing(polygon);
  const distinct = new Set(ring.map(([lat, lon]) => `${lat},${lon}`));
  if (distinct.size < 3) {
    throw new AppError('invalid_polygon', { field: 'polygon', detail: 'polygon: at least three distinct [lat, lon] points' });
  }
  return ring;
}

/** Whether text holds a character XML 1.0 cannot carry: C0 controls but tab, line feed and return; U+FFFE, U+FFFF; lone surrogates. */
function hasNonXml(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
    if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

/** Text a CAP document can carry, trimmed; a control character is refused with the field named. */
function capText(value: string, field: string): string {
  if (hasNonXml(value)) {
    throw new AppError('invalid_input', { field, detail: `${field}: contains a control character that XML cannot carry` });
  }
  return value.trim();
}

/** Whole seconds: CAP times carry no fractions, and the stored time must be the one sent. */
const toSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

function checkedTime(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('invalid_input', { field, detail: `${field}: "${value}" is not a date and time` });
  return toSecond(new Date(ms));
}

/** The names of the areas, for CAP's areaDesc. */
function areaDescOf(codes: readonly string[]): string {
  return codes.map((code) => findJurisdiction(code)?.name ?? code).join('、');
}

type Draft = Omit<Alert, 'id' | 'identifier' | 'xml' | 'createdAt' | 'origin' | 'state'>;

/** A message's fields from the input, checked (identifier and document come later). */
function draftOf(
  deps: Deps,
  settings: AlertSettings,
  input: AlertInput,
  msgType: CapMsgType,
  references: string | null,
  note: string | null,
): Draft {
  const jurisdictions = checkedJurisdictions(input.jurisdictions);
  const sent = toSecond(deps.now());
  const expires = checkedTime(input.expires, 'expires');
  if (expires === null || Date.parse(expires) <= Date.parse(sent)) {
    throw new AppError('invalid_input', { field: 'expires', detail: 'expires: must be a time after now' });
  }
  const effective = checkedTime(input.effective, 'effective');
  if (effective !== null && Date.parse(effective) >= Date.parse(expires)) {
    throw new AppError('invalid_input', { field: 'effective', detail: 'effective: must be before expires' });
  }
  return {
    sender: settings.sender,
    sent,
    status: 'Actual',
    msgType,
    scope: 'Public',
    references,
    note,
    event: requiredText(capText(input.event, 'event'), 'event'),
    headline: requiredText(capText(input.headline, 'headline'), 'headline'),
    description: capText(input.description ?? '', 'description') || null,
    instruction: capText(input.instruction ?? '', 'instruction') || null,
    warningColor: input.warningColor,
    category: input.category,
    urgency: input.urgency,
    severity: severityOfColor(input.warningColor),
    certainty: input.certainty,
    jurisdictions,
    areaDesc: areaDescOf(jurisdictions),
    polygon: checkedPolygon(input.polygon),
    effective,
    expires,
  };
}

/** The next identifier of ours for the day: `<sender>-<yyyymmdd>-<sequence>`. */
async function nextIdentifier(db: Executor, sender: string, sent: string): Promise<string> {
  const taken = await countIdentifiersLike(db, sender, `${sender}-${capDay(sent)}-`);
  return alertIdentifier(sender, sent, taken + 1);
}

async function checkedIncident(db: Executor, incidentId: string | null | undefined): Promise<string[]> {
  if (!incidentId) return [];
  const incident = await findIncident(db, incidentId);
  if (!incident) throw new AppError('not_found', { field: 'incidentId', detail: `incidentId: no incident ${incidentId}` });
  if (incident.stage === 'closed')
    throw new AppError('invalid_input', { field: 'incidentId', detail: 'incidentId: the incident is closed' });
  return [incident.id];
}

/** What the server would publish for this input, without publishing it: the CAP document and its identifier. */
export async function previewAlert(
  deps: Deps,
  settings: AlertSettings,
  actor: Actor,
  input: AlertInput,
): Promise<{ identifier: string; xml: string }> {
  const draft = draftOf(deps, settings, input, 'Alert', null, null);
  assertCanPublishAlert(actor, draft.jurisdictions);
  await checkedIncident(deps.db, input.incidentId);
  const identifier = await nextIdentifier(deps.db, settings.sender, draft.sent);
  return { identifier, xml: buildCap({ ...draft, identifier }) };
}

async function send(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  draft: Draft,
  incidentIds: string[],
  state: Alert['state'],
  action: string,
): Promise<Alert> {
  const identifier = await nextIdentifier(trx, draft.sender, draft.sent);
  const alert: Alert = {
    ...draft,
    id: newId(),
    identifier,
    origin: 'published',
    state,
    xml: buildCap({ ...draft, identifier }),
    createdAt: deps.now().toISOString(),
  };
  await insertAlert(trx, alert, actorId(actor));
  await linkAlertIncidents(trx, alert.id, incidentIds);
  const { xml: _xml, ...after } = alert;
  await recordChange(trx, deps, actor, {
    action,
    entityType: 'alert',
    entityId: alert.id,
    after: { ...after, incidentIds },
    event: { type: 'alert.published', incidentId: incidentIds[0] ?? null, jurisdiction: alert.jurisdictions[0] ?? null },
    ...(incidentIds[0] ? { live: { incidentId: incidentIds[0], kind: 'alert' as const } } : {}),
  });
  return alert;
}

/**
 * Runs a publishing transaction again when another one took the same identifier meanwhile (two
 * warnings sent in the same instant count the day's sequence alike; the unique index refuses one).
 */
async function withFreshIdentifier<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const clash = /unique|duplicate key/i.test(error instanceof Error ? error.message : String(error));
      if (!clash || attempt >= 8) throw error;
    }
  }
}

export async function publishAlert(deps: Deps, settings: AlertSettings, actor: Actor, input: AlertInput): Promise<AlertView> {
  const draft = draftOf(deps, settings, input, 'Alert', null, null);
  assertCanPublishAlert(actor, draft.jurisdictions);
  return withFreshIdentifier(() =>
    deps.db.transaction().execute(async (trx) => {
      const incidentIds = await checkedIncident(trx, input.incidentId);
      const alert = await send(deps, trx, actor, draft, incidentIds, 'current', 'alert.publish');
      const [view] = await presentAlerts(trx, actor, [alert], deps.now());
      return view;
    }),
  );
}

/**
 * An update or a cancellation of one of our alerts: a new message carrying the earlier one's
 * fields with the changes, the reason as its note, and the earlier message (and those it
 * referenced) in `<references>`; the earlier one is then no longer current.
 */
export async function amendAlert(
  deps: Deps,
  settings: AlertSettings,
  actor: Actor,
  id: string,
  change: AlertChange,
  msgType: 'Update' | 'Cancel',
): Promise<AlertView> {
  const reason = requiredText(capText(change.reason, 'reason'), 'reason');
  return withFreshIdentifier(() =>
    deps.db.transaction().execute(async (trx) => {
      const earlier = await findAlertForChange(trx, id, deps.dialect);
      if (!earlier) throw new AppError('not_found');
      assertCanPublishAlert(actor, earlier.jurisdictions);
      if (earlier.origin !== 'published' || earlier.state !== 'current' || earlier.msgType === 'Cancel') {
        throw new AppError('alert_not_current', {
          detail:
            earlier.origin === 'published'
              ? `alert ${earlier.identifier} is ${earlier.state}; act on the latest message`
              : `alert ${earlier.identifier} was ingested from ${earlier.sender}; only its sender may update it`,
        });
      }
      const { reason: _reason, ...fields } = change;
      const input: AlertInput = {
        event: earlier.event,
        headline: earlier.headline ?? earlier.event,
        description: earlier.description,
        instruction: earlier.instruction,
        warningColor: earlier.warningColor ?? 'blue',
        category: earlier.category,
        urgency: earlier.urgency,
        certainty: earlier.certainty,
        jurisdictions: earlier.jurisdictions,
        polygon: earlier.polygon,
        effective: earlier.effective,
        expires: earlier.expires ?? '',
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      };
      // A cancellation may come after the warning expired: it still says "this no longer holds".
      if (msgType === 'Cancel' && Date.parse(input.expires) <= deps.now().getTime()) {
        input.expires = new Date(deps.now().getTime() + 3_600_000).toISOString();
      }
      const references = [earlier.references, capReference(earlier)].filter(Boolean).join(' ');
      const draft = draftOf(deps, settings, input, msgType, references, reason);
      assertCanPublishAlert(actor, draft.jurisdictions);
      const incidentIds = (await incidentsOfAlerts(trx, [earlier.id])).get(earlier.id) ?? [];
      await setAlertState(trx, [earlier.id], msgType === 'Cancel' ? 'cancelled' : 'updated');
      const alert = await send(
        deps,
        trx,
        actor,
        draft,
        incidentIds,
        msgType === 'Cancel' ? 'cancelled' : 'current',
        msgType === 'Cancel' ? 'alert.cancel' : 'alert.update',
      );
      const [view] = await presentAlerts(trx, actor, [alert], deps.now());
      return view;
    }),
  );
}
