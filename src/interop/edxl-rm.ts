/**
 * EDXL-RM 1.0 (OASIS Emergency Data Exchange Language Resource Messaging, 2008), best effort:
 * no schema is at hand, so the element names follow STANDARDS.md. A need is written as a
 * `RequestResource`, an offer as an `OfferUnsolicitedResource`, a claim as a `CommitResource`
 * (OriginatingMessageID naming the need's request); a `RequestResource` is read back into the
 * fields of the need form. XML is built and parsed with fast-xml-parser, entities off; a
 * document type declaration is refused outright (no entity expansion, no XML bomb). Pure.
 *
 * Platform vocabularies ride as ValueListURN + Value pairs: the service category
 * (urn:corespond:service-category) in TypeStructure, the need kind, urgency and vulnerable
 * groups as Keywords, the GB/T 2260 division (urn:gb:standard:gb-t-2260) in the Location.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../model/errors';

export const EDXL_RM_NAMESPACE = 'urn:oasis:names:tc:emergency:EDXL:RM:1.0';
export const EDXL_RM_MEDIA_TYPE = 'application/xml';
export const URN = {
  category: 'urn:corespond:service-category',
  kind: 'urn:corespond:need-kind',
  urgency: 'urn:corespond:urgency',
  vulnerable: 'urn:corespond:vulnerable-group',
  item: 'urn:corespond:item',
  division: 'urn:gb:standard:gb-t-2260',
} as const;

type Xml = Record<string, unknown>;

const valueList = (urn: string, value: string) => ({ ValueListURN: urn, Value: value });

/** A place: the division's name and GB/T 2260 code, the free-text address when the reader may see it, the point. */
export interface EdxlPlace {
  jurisdiction: string;
  jurisdictionName: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
}

function location(place: EdxlPlace): Xml {
  return {
    ...(place.jurisdictionName ? { LocationDescription: place.jurisdictionName } : {}),
    Address: {
      AdministrativeArea: valueList(URN.division, place.jurisdiction),
      ...(place.address ? { FreeTextAddress: place.address } : {}),
    },
    // EDXL's circle: "lat,lon radius" (km); a point has radius 0.
    ...(place.lat !== null && place.lon !== null ? { TargetArea: { Circle: `${place.lat},${place.lon} 0` } } : {}),
  };
}

function contact(role: string, c: { name?: string | null; organization?: string | null; phone?: string | null }): Xml | null {
  if (!c.name && !c.organization && !c.phone) return null;
  return {
    ContactRole: role,
    ...(c.name ? { PersonName: c.name } : {}),
    ...(c.organization ? { OrganizationName: c.organization } : {}),
    ...(c.phone ? { Phone: c.phone } : {}),
  };
}

function message(
  type: string,
  header: { messageId: string; sentAt: string; description?: string | null; originating?: string },
  body: Xml,
) {
  const contents: Xml = {
    '@_xmlns': EDXL_RM_NAMESPACE,
    MessageID: header.messageId,
    SentDateTime: header.sentAt,
    MessageContentType: type,
    ...(header.description ? { MessageDescription: header.description } : {}),
    ...(header.originating ? { OriginatingMessageID: header.originating } : {}),
    ...body,
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true, processEntities: true });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [type]: contents }) as string}`;
}

/** The message id of a need's request: a claim's CommitResource names it as OriginatingMessageID. */
export const needMessageId = (needId: string) => `urn:corespond:need:${needId}`;

export interface EdxlNeed extends EdxlPlace {
  id: string;
  incidentId: string;
  incidentName: string | null;
  title: string;
  description: string | null;
  kind: string;
  category: string;
  quantity: number;
  unit: string;
  item: string | null;
  urgency: string;
  vulnerableGroups: readonly string[] | null;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: string;
}

/** A need as a RequestResource (fields the reader may not see come as null and are left out). */
export function needToRequestResource(need: EdxlNeed, sentAt: string): string {
  const keywords = [
    valueList(URN.kind, need.kind),
    valueList(URN.urgency, need.urgency),
    ...(need.item ? [valueList(URN.item, need.item)] : []),
    ...(need.vulnerableGroups ?? []).map((g) => valueList(URN.vulnerable, g)),
  ];
  const requester = contact('Requester', { name: need.contactName, phone: need.contactPhone });
  return message(
    'RequestResource',
    { messageId: needMessageId(need.id), sentAt, description: need.title },
    {
      IncidentInformation: {
        IncidentID: need.incidentId,
        ...(need.incidentName ? { IncidentDescription: need.incidentName } : {}),
      },
      ...(requester ? { ContactInformation: requester } : {}),
      ResourceInformation: {
        ResourceInfoElementID: need.id,
        Resource: {
          Name: need.title,
          TypeStructure: valueList(URN.category, need.category),
          Keyword: keywords,
          ...(need.description ? { Description: need.description } : {}),
        },
        AssignmentInformation: { Quantity: { MeasuredQuantity: { Amount: need.quantity, UnitOfMeasure: need.unit } } },
        ScheduleInformation: { ScheduleType: 'RequestedArrival', DateTime: need.createdAt, Location: location(need) },
      },
    },
  );
}

export interface EdxlOffer {
  id: string;
  incidentId: string;
  organizationName: string | null;
  category: string | null;
  item: string | null;
  title: string;
  description: string | null;
  quantity: number;
  unit: string;
  availableFrom: string | null;
  availableUntil: string | null;
  place: EdxlPlace | null;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: string;
}

/** An offer as an OfferUnsolicitedResource. */
export function offerToOfferUnsolicited(offer: EdxlOffer, sentAt: string): string {
  const offeror = contact('Offeror', {
    name: offer.contactName,
    organization: offer.organizationName,
    phone: offer.contactPhone,
  });
  const schedules: Xml[] = [];
  if (offer.availableFrom) schedules.push({ ScheduleType: 'BeginAvailable', DateTime: offer.availableFrom });
  if (offer.availableUntil) schedules.push({ ScheduleType: 'EndAvailable', DateTime: offer.availableUntil });
  if (offer.place) schedules.push({ ScheduleType: 'ReportTo', Location: location(offer.place) });
  return message(
    'OfferUnsolicitedResource',
    { messageId: `urn:corespond:offer:${offer.id}`, sentAt, description: offer.title },
    {
      IncidentInformation: { IncidentID: offer.incidentId },
      ...(offeror ? { ContactInformation: offeror } : {}),
      ResourceInformation: {
        ResourceInfoElementID: offer.id,
        Resource: {
          Name: offer.title,
          ...(offer.category ? { TypeStructure: valueList(URN.category, offer.category) } : {}),
          ...(offer.item ? { Keyword: [valueList(URN.item, offer.item)] } : {}),
          ...(offer.description ? { Description: offer.description } : {}),
        },
        AssignmentInformation: { Quantity: { MeasuredQuantity: { Amount: offer.quantity, UnitOfMeasure: offer.unit } } },
        ...(schedules.length ? { ScheduleInformation: schedules } : {}),
      },
    },
  );
}

export interface EdxlClaim {
  id: string;
  needId: string;
  incidentId: string;
  organizationName: string;
  category: string;
  title: string;
  quantity: number;
  unit: string;
  status: string;
  expiresAt: string;
}

/** A claim as a CommitResource: the organization commits a quantity towards the need's request. */
export function claimToCommitResource(claim: EdxlClaim, sentAt: string): string {
  return message(
    'CommitResource',
    { messageId: `urn:corespond:claim:${claim.id}`, sentAt, description: claim.title, originating: needMessageId(claim.needId) },
    {
      IncidentInformation: { IncidentID: claim.incidentId },
      ContactInformation: contact('Supplier', { organization: claim.organizationName }) as Xml,
      ResourceInformation: {
        ResourceInfoElementID: claim.needId,
        Resource: {
          Name: claim.title,
          TypeStructure: valueList(URN.category, claim.category),
          ResourceStatus: claim.status,
        },
        AssignmentInformation: { Quantity: { MeasuredQuantity: { Amount: claim.quantity, UnitOfMeasure: claim.unit } } },
        // The claim is held until it expires: the organization commits to arrive by then.
        ScheduleInformation: { ScheduleType: 'EstimatedArrival', DateTime: claim.expiresAt },
      },
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Reading a RequestResource

/** A bad message: the offending element, and why. */
function bad(element: string, detail: string): never {
  throw new AppError('invalid_input', { field: element, detail: `${element}: ${detail}` });
}

export const EDXL_MAX_BYTES = 256 * 1024;

/** The fields of the need form a RequestResource gives (the create-need service checks them as it checks the form's). */
export interface RequestedNeed {
  title: string;
  description?: string | null;
  kind?: string;
  category: string;
  quantity?: number;
  unit?: string;
  item?: string | null;
  jurisdiction: string;
  lat: number;
  lon: number;
  urgency?: string;
  vulnerableGroups?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
/** The five predefined entities and character references (entity processing is off, and no DTD can declare others). */
const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Math.min(Number.parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const text = (v: unknown): string | undefined => {
  if (typeof v === 'string') return decode(v).trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as Xml)['#text']);
  return undefined;
};
const child = (v: unknown, name: string): unknown => (v && typeof v === 'object' ? (v as Xml)[name] : undefined);

/** The value of the first ValueListURN + Value pair with this URN among some elements. */
function valuesIn(pairs: unknown[], urn: string): string[] {
  return pairs.filter((p) => text(child(p, 'ValueListURN')) === urn).flatMap((p) => text(child(p, 'Value')) ?? []);
}

/** Parses an EDXL-RM RequestResource into the need form's fields, or throws a 400 naming the element. */
export function parseRequestResource(xml: string): RequestedNeed {
  if (Buffer.byteLength(xml) > EDXL_MAX_BYTES) bad('RequestResource', `the message is larger than ${EDXL_MAX_BYTES} bytes`);
  if (/<!DOCTYPE/i.test(xml)) bad('DOCTYPE', 'a document type declaration is not accepted');
  if (/<!ENTITY/i.test(xml)) bad('ENTITY', 'entity declarations are not accepted');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) bad('RequestResource', `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    processEntities: false,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const doc = parser.parse(xml) as Xml;
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (roots.length !== 1 || roots[0] !== 'RequestResource') {
    bad(roots[0] ?? 'RequestResource', 'the message must be an EDXL-RM RequestResource');
  }
  // The parser drops namespace declarations with the prefixes; the root's own start tag must declare RM 1.0.
  const start = /<(?:([A-Za-z_][\w.-]*):)?RequestResource\b([^>]*)>/.exec(xml);
  const declared = start
    ? new RegExp(`xmlns${start[1] ? `:${start[1]}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(start[2] ?? '')
    : null;
  if (declared?.[1] !== EDXL_RM_NAMESPACE) bad('RequestResource', `the namespace must be ${EDXL_RM_NAMESPACE}`);
  const root = doc.RequestResource as Xml;
  if (typeof root !== 'object' || root === null) bad('RequestResource', 'the message is empty');
  const type = text(root.MessageContentType);
  if (type !== undefined && type !== 'RequestResource') bad('MessageContentType', `expected RequestResource, not ${type}`);

  const infos = asList(root.ResourceInformation);
  if (infos.length !== 1) bad('ResourceInformation', 'exactly one ResourceInformation (one need) is expected');
  const info = infos[0];
  const resource = child(info, 'Resource');
  if (!resource) bad('Resource', 'missing');

  const title = text(child(resource, 'Name')) ?? text(root.MessageDescription);
  if (!title) bad('Name', 'the resource has no Name (nor the message a MessageDescription)');

  const category = valuesIn(asList(child(resource, 'TypeStructure')), URN.category)[0];
  if (!category) bad('TypeStructure', `no Value with ValueListURN ${URN.category}`);
  const keywords = asList(child(resource, 'Keyword'));
  const [kind] = valuesIn(keywords, URN.kind);
  const [urgency] = valuesIn(keywords, URN.urgency);
  const [item] = valuesIn(keywords, URN.item);
  const vulnerableGroups = valuesIn(keywords, URN.vulnerable);

  const measured = child(child(child(info, 'AssignmentInformation'), 'Quantity'), 'MeasuredQuantity');
  let quantity: number | undefined;
  const amount = text(child(measured, 'Amount'));
  if (amount !== undefined) {
    quantity = Number(amount);
    if (!Number.isSafeInteger(quantity) || quantity < 1) bad('Amount', `a whole number of at least 1, not ${amount}`);
  }
  const unit = text(child(measured, 'UnitOfMeasure'));

  // The place: the first ScheduleInformation with a Location.
  const place = asList(child(info, 'ScheduleInformation'))
    .map((s) => child(s, 'Location'))
    .find(Boolean);
  if (!place) bad('Location', 'no ScheduleInformation has a Location');
  const address = child(place, 'Address');
  const jurisdiction = valuesIn(asList(child(address, 'AdministrativeArea')), URN.division)[0];
  if (!jurisdiction) bad('AdministrativeArea', `no Value with ValueListURN ${URN.division} (a GB/T 2260 code)`);
  if (!/^\d{6}$/.test(jurisdiction)) bad('AdministrativeArea', `a GB/T 2260 code is six digits, not ${jurisdiction}`);
  const circle = text(child(child(place, 'TargetArea'), 'Circle'));
  if (!circle) bad('Circle', 'the Location has no TargetArea/Circle ("lat,lon radius")');
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)(?:\s+\d+(?:\.\d+)?)?\s*$/.exec(circle);
  const lat = Number(match?.[1]);
  const lon = Number(match?.[2]);
  if (!match || Math.abs(lat) > 90 || Math.abs(lon) > 180) bad('Circle', `"lat,lon radius" in degrees, not ${circle}`);

  const requester = asList(root.ContactInformation).find((c) => text(child(c, 'ContactRole')) === 'Requester');
  return {
    title,
    description: text(child(resource, 'Description')) ?? null,
    category,
    jurisdiction,
    lat,
    lon,
    ...(kind ? { kind } : {}),
    ...(urgency ? { urgency } : {}),
    ...(item ? { item } : {}),
    ...(vulnerableGroups.length ? { vulnerableGroups } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(unit ? { unit } : {}),
    ...(text(child(address, 'FreeTextAddress')) ? { address: text(child(address, 'FreeTextAddress')) } : {}),
    ...(requester && text(child(requester, 'PersonName')) ? { contactName: text(child(requester, 'PersonName')) } : {}),
    ...(requester && text(child(requester, 'Phone')) ? { contactPhone: text(child(requester, 'Phone')) } : {}),
  };
}

/** The element a field of the need form comes from, for naming it in a refusal. */
export const ELEMENT_OF_FIELD: Record<string, string> = {
  title: 'Name',
  description: 'Description',
  kind: 'Keyword',
  category: 'TypeStructure',
  quantity: 'Amount',
  unit: 'UnitOfMeasure',
  item: 'Keyword',
  jurisdiction: 'AdministrativeArea',
  lat: 'Circle',
  lon: 'Circle',
  urgency: 'Keyword',
  vulnerableGroups: 'Keyword',
  contactName: 'PersonName',
  contactPhone: 'Phone',
  address: 'FreeTextAddress',
};
