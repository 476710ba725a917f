/**
 * Early warnings (预警) as CAP 1.2 alerts: the CAP vocabularies, the product's own mapping of the
 * Chinese warning colours to CAP severity, and the rules of CAP identifiers and times.
 */
import type { WarningColor } from './incident';

export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export type CapCategory = (typeof CAP_CATEGORIES)[number];

export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export type CapUrgency = (typeof CAP_URGENCIES)[number];

export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export type CapStatus = (typeof CAP_STATUSES)[number];

export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];

export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

/**
 * The product's own mapping of the four warning colours (蓝、黄、橙、红, as Chinese warnings grade
 * them, IV to I) to CAP severity. No official table exists; this one is ours: red is the
 * gravest (Extreme) and blue the least (Minor).
 */
export const COLOR_SEVERITY: Record<WarningColor, CapSeverity> = {
  red: 'Extreme',
  orange: 'Severe',
  yellow: 'Moderate',
  blue: 'Minor',
};

/** The CAP severity of a warning colour, by the product's table. */
export function severityOfColor(color: WarningColor): CapSeverity {
  return COLOR_SEVERITY[color];
}

/** Where an alert came from: published here, or ingested from another sender. */
export type AlertOrigin = 'published' | 'ingested';

/** Whether an alert is in force, was replaced by an update, or was cancelled. */
export type AlertState = 'current' | 'updated' | 'cancelled';

/** A warning polygon: `[lat, lon]` points, the ring closed (first = last). */
export type Polygon = [number, number][];

export interface Alert {
  id: string;
  identifier: string;
  sender: string;
  /** When it was sent, ISO 8601 UTC (CAP's own form is in `xml`). */
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  scope: CapScope;
  /** The earlier messages it answers, as CAP writes them: `sender,identifier,sent` separated by spaces. */
  references: string | null;
  /** Why an update or cancellation was sent (CAP's note). */
  note: string | null;
  origin: AlertOrigin;
  state: AlertState;
  event: string;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  warningColor: WarningColor | null;
  category: CapCategory;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  /** GB/T 2260 codes of the areas it covers. */
  jurisdictions: string[];
  /** Free text naming the areas (CAP's areaDesc). */
  areaDesc: string;
  polygon: Polygon | null;
  effective: string | null;
  expires: string | null;
  /** The CAP document as it was sent (ours as built, an ingested one as received). */
  xml: string;
  createdAt: string;
}

const FORBIDDEN_IN_IDENTIFIER = /[\s,<&]/;

/** Whether a string may be a CAP identifier or sender: no spaces, commas, `<` or `&`. */
export function isCapIdentifier(value: string): boolean {
  return value.length > 0 && !FORBIDDEN_IN_IDENTIFIER.test(value);
}

/** A sender made safe for CAP: forbidden characters replaced by `-`. */
export function capSafe(value: string): string {
  return value.replace(/[\s,<&]+/g, '-') || 'corespond';
}

/** Offset of the times we write (China Standard Time; CAP forbids `Z`). */
const OFFSET_MINUTES = 8 * 60;

/** A moment as CAP writes it, `YYYY-MM-DDThh:mm:ss+08:00`. */
export function capTime(iso: string): string {
  const local = new Date(Date.parse(iso) + OFFSET_MINUTES * 60_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

/** The day part of an identifier, `yyyymmdd`, in China Standard Time. */
export function capDay(iso: string): string {
  return capTime(iso).slice(0, 10).replaceAll('-', '');
}

/** An identifier of ours: `<sender>-<yyyymmdd>-<sequence>`. */
export function alertIdentifier(sender: string, iso: string, sequence: number): string {
  return `${sender}-${capDay(iso)}-${sequence}`;
}

/** The reference CAP asks an update or cancellation to carry: `sender,identifier,sent`. */
export function capReference(alert: Pick<Alert, 'sender' | 'identifier' | 'sent'>): string {
  return `${alert.sender},${alert.identifier},${capTime(alert.sent)}`;
}

/** Whether a polygon is a closed ring of at least four points (CAP's rule). */
export function isClosedRing(polygon: readonly (readonly [number, number])[]): boolean {
  if (polygon.length < 4) return false;
  const [a, b] = [polygon[0], polygon[polygon.length - 1]];
  return a[0] === b[0] && a[1] === b[1];
}

/** A polygon closed if it was not (the first point repeated at the end). */
export function closeRing(polygon: readonly (readonly [number, number])[]): Polygon {
  const ring = polygon.map(([lat, lon]) => [lat, lon] as [number, number]);
  if (ring.length > 0 && !isClosedRing(ring)) ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** Whether an alert is current at a moment: in force and not expired. */
export function isCurrent(alert: Pick<Alert, 'state' | 'expires' | 'msgType'>, now: Date): boolean {
  if (alert.state !== 'current' || alert.msgType === 'Cancel') return false;
  return alert.expires === null || Date.parse(alert.expires) > now.getTime();
}
