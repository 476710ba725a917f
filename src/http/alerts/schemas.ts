import { Type } from 'typebox';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from '../../model/alert';
import { INCIDENT_CATEGORIES, INCIDENT_LEVELS, WARNING_COLORS } from '../../model/incident';
import { Id, JurisdictionCode, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ maxLength });
const Time = Type.String({ minLength: 1, maxLength: 40, description: 'ISO 8601 date and time with offset' });
const Point = Type.Tuple([Type.Number({ minimum: -90, maximum: 90 }), Type.Number({ minimum: -180, maximum: 180 })], {
  description: '[lat, lon], WGS 84',
});
const PolygonSchema = Type.Array(Point, {
  minItems: 3,
  maxItems: 1000,
  description: '[[lat, lon], …]; closed by the server when the last point is not the first',
});

const fields = {
  event: Type.String({ minLength: 1, maxLength: 200, description: 'the kind of event, e.g. 暴雨' }),
  headline: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Nullable(Text(5000))),
  instruction: Type.Optional(Nullable(Text(5000))),
  warningColor: Type.Enum(WARNING_COLORS, {
    description:
      'blue, yellow, orange or red; CAP severity follows from it (red Extreme, orange Severe, yellow Moderate, blue Minor)',
  }),
  category: Type.Enum(CAP_CATEGORIES, { description: 'CAP category' }),
  urgency: Type.Enum(CAP_URGENCIES, { description: 'CAP urgency' }),
  certainty: Type.Enum(CAP_CERTAINTIES, { description: 'CAP certainty' }),
  jurisdictions: Type.Array(JurisdictionCode, { minItems: 1, maxItems: 100, description: 'GB/T 2260 codes of the areas' }),
  polygon: Type.Optional(Nullable(PolygonSchema)),
  effective: Type.Optional(Nullable(Time)),
  expires: Time,
};

export const AlertBody = Type.Object({ incidentId: Type.Optional(Nullable(Id)), ...fields }, strict);

export const AlertChangeBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 1000, description: 'why; sent as the CAP note' }),
    event: Type.Optional(fields.event),
    headline: Type.Optional(fields.headline),
    description: fields.description,
    instruction: fields.instruction,
    warningColor: Type.Optional(fields.warningColor),
    category: Type.Optional(fields.category),
    urgency: Type.Optional(fields.urgency),
    certainty: Type.Optional(fields.certainty),
    jurisdictions: Type.Optional(fields.jurisdictions),
    polygon: fields.polygon,
    effective: fields.effective,
    expires: Type.Optional(fields.expires),
  },
  strict,
);

const alertFields = {
  id: Id,
  identifier: Type.String(),
  sender: Type.String(),
  sent: Type.String(),
  status: Type.Enum(CAP_STATUSES),
  msgType: Type.Enum(CAP_MSG_TYPES),
  scope: Type.Enum(CAP_SCOPES),
  references: Nullable(Type.String()),
  note: Nullable(Type.String()),
  origin: Type.Enum(['published', 'ingested']),
  state: Type.Enum(['current', 'updated', 'cancelled']),
  current: Type.Boolean({ description: 'in force now: not updated, cancelled or expired' }),
  event: Type.String(),
  headline: Nullable(Type.String()),
  description: Nullable(Type.String()),
  instruction: Nullable(Type.String()),
  warningColor: Nullable(Type.Enum(WARNING_COLORS)),
  category: Type.Enum(CAP_CATEGORIES),
  urgency: Type.Enum(CAP_URGENCIES),
  severity: Type.Enum(CAP_SEVERITIES),
  certainty: Type.Enum(CAP_CERTAINTIES),
  jurisdictions: Type.Array(Type.String()),
  areaDesc: Type.String(),
  polygon: Nullable(Type.Array(Type.Array(Type.Number()))),
  effective: Nullable(Type.String()),
  expires: Nullable(Type.String()),
  createdAt: Type.String(),
};

export const PublicAlertSchema = Type.Object(alertFields);

export const AlertSchema = Type.Object({
  ...alertFields,
  incidentIds: Type.Array(Id),
  viewerCanUpdate: Type.Boolean(),
});

const Document = (description: string) => Type.String({ description });

export const AlertList = Type.Object({ items: Type.Array(AlertSchema), viewerCanPublish: Type.Boolean() });
export const AlertListAnswer = Type.Union([AlertList, Document('format=geojson: a FeatureCollection (application/geo+json)')]);
export const PublicAlertList = Type.Object({ items: Type.Array(PublicAlertSchema) });
export const PublicAlertListAnswer = Type.Union([
  PublicAlertList,
  Document('format=atom: the CAP feed (application/atom+xml); format=geojson: a FeatureCollection'),
]);
export const PublicAlertAnswer = Type.Union([
  PublicAlertSchema,
  Document('format=cap: the CAP 1.2 document (application/cap+xml)'),
]);

export const AlertListQuery = Type.Object(
  {
    incidentId: Type.Optional(Id),
    attached: Type.Optional(Type.Boolean({ description: 'false: alerts not attached to any incident' })),
    origin: Type.Optional(Type.Enum(['published', 'ingested'])),
    current: Type.Optional(Type.Boolean({ description: 'only alerts in force' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    format: Type.Optional(Type.Enum(['json', 'geojson'], { description: 'geojson: the alerts’ areas (RFC 7946)' })),
  },
  strict,
);

export const PublicAlertQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['json', 'cap'], { description: 'cap: the CAP 1.2 document (application/cap+xml)' })) },
  strict,
);

export const PublicAlertsQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['json', 'atom', 'geojson'], { description: 'atom: the CAP feed; geojson: areas' })) },
  strict,
);

export const PreviewAnswer = Type.Object({ identifier: Type.String(), xml: Type.String() });

export const OpenIncidentBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: Type.Optional(Type.Enum(INCIDENT_CATEGORIES)),
    level: Type.Optional(Type.Enum(INCIDENT_LEVELS)),
  },
  strict,
);

export const OpenedIncident = Type.Object({
  id: Id,
  name: Type.String(),
  stage: Type.String(),
  jurisdictions: Type.Array(Type.String()),
});
