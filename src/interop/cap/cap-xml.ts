/**
 * CAP 1.2 documents out and in: built with fast-xml-parser's XMLBuilder (it escapes text), read
 * with its XMLParser with entity processing off and any DOCTYPE refused before parsing, so no
 * entity is ever expanded (no "billion laughs", no external entity).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { type Alert, capTime, type Polygon } from '../../model/alert';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_MEDIA_TYPE = 'application/cap+xml';
/** How we name the GB/T 2260 geocode in `<valueName>`. */
export const GB2260_VALUE_NAME = 'GB/T 2260';
/** The names other senders use for the same geocode (STANDARDS.md writes GB2260). */
const GB2260_NAMES = new Set(['GB/T 2260', 'GB/T2260', 'GB2260', 'GB_T_2260', 'GBT2260']);

const builder = new XMLBuilder({ format: true, indentBy: '  ', ignoreAttributes: false, attributeNamePrefix: '@_' });

/** A polygon as CAP writes it: "lat,lon lat,lon …", the ring closed. */
export function capPolygon(polygon: Polygon): string {
  return polygon.map(([lat, lon]) => `${lat},${lon}`).join(' ');
}

type Present<T> = { [K in keyof T]?: T[K] };

function optional<T extends object>(fields: Present<T>): Present<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Present<T>;
}

/** The CAP 1.2 document of one of our alerts (element order as the schema's sequences ask). */
export function buildCap(
  alert: Omit<Alert, 'xml' | 'id' | 'createdAt' | 'origin' | 'state'>,
  extra: { senderName?: string; web?: string | null; language?: string } = {},
): string {
  const area = {
    areaDesc: alert.areaDesc,
    ...(alert.polygon ? { polygon: capPolygon(alert.polygon) } : {}),
    ...(alert.jurisdictions.length > 0
      ? { geocode: alert.jurisdictions.map((code) => ({ valueName: GB2260_VALUE_NAME, value: code })) }
      : {}),
  };
  const info = {
    language: extra.language ?? 'zh-CN',
    category: alert.category,
    event: alert.event,
    urgency: alert.urgency,
    severity: alert.severity,
    certainty: alert.certainty,
    ...(alert.warningColor ? { eventCode: { valueName: 'warningColor', value: alert.warningColor } } : {}),
    ...optional({
      effective: alert.effective ? capTime(alert.effective) : null,
      expires: alert.expires ? capTime(alert.expires) : null,
      senderName: extra.senderName,
      headline: alert.headline,
      description: alert.description,
      instruction: alert.instruction,
      web: extra.web,
    }),
    area,
  };
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    alert: {
      '@_xmlns': CAP_NAMESPACE,
      identifier: alert.identifier,
      sender: alert.sender,
      sent: capTime(alert.sent),
      status: alert.status,
      msgType: alert.msgType,
      scope: alert.scope,
      ...(alert.note ? { note: alert.note } : {}),
      ...(alert.references ? { references: alert.references } : {}),
      info,
    },
  };
  return builder.build(document) as string;
}

/** An XML document the platform will not read, and why. */
export class CapRejection extends Error {
  constructor(
    readonly reason: 'doctype' | 'malformed' | 'not_cap',
    message: string,
  ) {
    super(message);
  }
}

const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;

/** What the platform reads from an ingested CAP document (its first info block and areas). */
export interface ParsedCap {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  scope: string;
  references: string | null;
  note: string | null;
  event: string;
  category: string;
  urgency: string;
  severity: string;
  certainty: string;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  effective: string | null;
  expires: string | null;
  areaDesc: string;
  /** GB/T 2260 geocodes of its areas (six digits). */
  geocodes: string[];
  polygon: Polygon | null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['info', 'area', 'geocode', 'polygon', 'category', 'parameter', 'resource', 'code'].includes(name),
});

/** The same, keeping prefixes and namespace declarations, to check the root element. */
const rawParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

type Node = Record<string, unknown>;

const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object' && '#text' in v) return String((v as Node)['#text']).trim() || null;
  return null;
};

const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);

/** The predefined XML entities and character references, decoded once (no other entity exists without a DOCTYPE). */
function decode(value: string | null): string | null {
  if (value === null) return null;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[ref] ?? '';
  });
}

/** A CAP time (with offset) as ISO 8601 UTC, or null when it is not a time. */
function isoOf(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function parsePolygon(value: string | null): Polygon | null {
  if (!value) return null;
  const points = value
    .trim()
    .split(/\s+/)
    .map((pair) => pair.split(',').map(Number) as [number, number]);
  return points.every((p) => p.length === 2 && p.every(Number.isFinite)) ? points : null;
}

/**
 * Refuses what must never be parsed (a DOCTYPE, so any entity declaration) and what is not a
 * CAP 1.2 alert (another root element or namespace), before the schema is asked.
 */
export function screenCap(xml: string): void {
  if (DOCTYPE.test(xml)) {
    throw new CapRejection('doctype', 'the document has a DOCTYPE or entity declaration, which CAP documents never need');
  }
  let tree: Node;
  try {
    tree = rawParser.parse(xml, true) as Node;
  } catch (error) {
    throw new CapRejection('malformed', `the document is not well-formed XML: ${(error as Error).message}`);
  }
  const roots = Object.keys(tree).filter((k) => !k.startsWith('?') && !k.startsWith('#'));
  const qname = roots[0] ?? '';
  const [prefix, local] = qname.includes(':') ? qname.split(':', 2) : [null, qname];
  if (roots.length !== 1 || local !== 'alert') {
    throw new CapRejection('not_cap', `the root element is <${qname || 'none'}>, not a CAP <alert>`);
  }
  const root = (tree[qname] ?? {}) as Node;
  const namespace = root[prefix === null ? '@_xmlns' : `@_xmlns:${prefix}`];
  if (namespace !== CAP_NAMESPACE) {
    throw new CapRejection(
      'not_cap',
      `<${qname}> is in namespace ${namespace === undefined ? '(none)' : `"${String(namespace)}"`}, not CAP 1.2 (${CAP_NAMESPACE})`,
    );
  }
}

/** Reads a screened, schema-valid CAP document. */
export function readCap(xml: string): ParsedCap {
  const alert = (parser.parse(xml) as Node).alert as Node;
  const info = list(alert.info)[0] ?? {};
  const areas = list(info.area);
  const geocodes = areas
    .flatMap((area) => list(area.geocode))
    .filter((g) => GB2260_NAMES.has(decode(text(g.valueName)) ?? ''))
    .map((g) => decode(text(g.value)) ?? '')
    .filter((code) => /^\d{6}$/.test(code));
  const polygon = areas.flatMap((area) => (Array.isArray(area.polygon) ? area.polygon : [])).map(text)[0] ?? null;
  const categories = Array.isArray(info.category) ? info.category : [];
  const t = (v: unknown) => decode(text(v));
  return {
    identifier: t(alert.identifier) ?? '',
    sender: t(alert.sender) ?? '',
    sent: isoOf(t(alert.sent)) ?? '',
    status: t(alert.status) ?? '',
    msgType: t(alert.msgType) ?? '',
    scope: t(alert.scope) ?? '',
    references: t(alert.references),
    note: t(alert.note),
    event: t(info.event) ?? '',
    category: t(categories[0]) ?? 'Other',
    urgency: t(info.urgency) ?? 'Unknown',
    severity: t(info.severity) ?? 'Unknown',
    certainty: t(info.certainty) ?? 'Unknown',
    headline: t(info.headline),
    description: t(info.description),
    instruction: t(info.instruction),
    effective: isoOf(t(info.effective)),
    expires: isoOf(t(info.expires)),
    areaDesc: areas
      .map((a) => t(a.areaDesc))
      .filter((d): d is string => d !== null)
      .join('; '),
    geocodes: [...new Set(geocodes)],
    polygon: parsePolygon(polygon),
  };
}
