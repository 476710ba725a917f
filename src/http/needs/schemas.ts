import { Type } from 'typebox';
import {
  CLOSE_REASONS,
  NEED_KINDS,
  NEED_SOURCES,
  NEED_STATUSES,
  URGENCIES,
  VERIFICATION_LEVELS,
  VULNERABLE_GROUPS,
} from '../../model/need';
import { SERVICE_CATEGORIES } from '../../model/taxonomy';
import { Id, JurisdictionCode, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const NeedBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    kind: Type.Optional(Type.Enum(NEED_KINDS)),
    category: Type.Enum(SERVICE_CATEGORIES),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    unit: Type.Optional(Type.String({ maxLength: 20 })),
    jurisdiction: JurisdictionCode,
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    coordSystem: Type.Optional(
      Type.Enum(['wgs84', 'gcj02'], { description: 'gcj02 for points from Chinese map pickers; stored as WGS 84' }),
    ),
    urgency: Type.Optional(Type.Enum(URGENCIES)),
    vulnerableGroups: Type.Optional(Type.Array(Type.Enum(VULNERABLE_GROUPS), { maxItems: VULNERABLE_GROUPS.length })),
    peopleAffected: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
    contactName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  },
  strict,
);

const Holder = Type.Object({
  claimId: Id,
  organizationId: Id,
  organizationName: Type.String(),
  quantity: Type.Integer(),
  status: Type.String(),
  expiresAt: Type.String(),
});

export const NeedSchema = Type.Object({
  id: Id,
  incidentId: Id,
  title: Type.String(),
  description: Nullable(Type.String()),
  kind: Type.Enum(NEED_KINDS),
  category: Type.Enum(SERVICE_CATEGORIES),
  quantity: Type.Integer(),
  unit: Type.String(),
  jurisdiction: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  urgency: Type.Enum(URGENCIES),
  vulnerableGroups: Type.Union([Type.Array(Type.Enum(VULNERABLE_GROUPS)), Type.Null()]),
  peopleAffected: Type.Union([Type.Integer(), Type.Null()]),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  source: Type.Enum(NEED_SOURCES),
  verification: Type.Object({ level: Type.Enum(VERIFICATION_LEVELS), by: Nullable(Type.String()), at: Nullable(Type.String()) }),
  status: Type.Enum(NEED_STATUSES),
  claimedQuantity: Type.Integer(),
  fulfilledQuantity: Type.Integer(),
  closeReason: Type.Union([Type.Enum(CLOSE_REASONS), Type.Null()]),
  closeNote: Nullable(Type.String()),
  duplicateOf: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  personalDataVisible: Type.Boolean({
    description: 'false when personal and sensitive fields are hidden (null) from this reader',
  }),
  locationPrecision: Type.Enum(['exact', 'grid'], {
    description: 'grid: lat/lon are the centre of the public ~1 km grid cell, not the exact place',
  }),
  holders: Type.Array(Holder),
});

export const NeedDetail = Type.Object({
  ...NeedSchema.properties,
  history: Type.Array(Type.Object({ kind: Type.String(), detail: Type.Unknown(), actor: Type.String(), at: Type.String() })),
  duplicates: Type.Array(
    Type.Object({ needId: Type.String(), candidateId: Type.String(), score: Type.Number(), reasons: Type.Array(Type.String()) }),
  ),
});

export const PublicNeedSchema = Type.Object({
  id: Id,
  incidentId: Id,
  title: Type.String(),
  category: Type.Enum(SERVICE_CATEGORIES),
  urgency: Type.Enum(URGENCIES),
  quantity: Type.Integer(),
  unit: Type.String(),
  jurisdiction: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  status: Type.Enum(NEED_STATUSES),
  verification: Type.Enum(VERIFICATION_LEVELS),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ClaimSchema = Type.Object({
  id: Id,
  needId: Id,
  organizationId: Id,
  quantity: Type.Integer(),
  status: Type.String(),
  dispatchedBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
  claimedBy: Type.String(),
  claimedAt: Type.String(),
  progressAt: Nullable(Type.String()),
  expiresAt: Type.String(),
  endedAt: Nullable(Type.String()),
});

export const ClaimBody = Type.Object(
  { organizationId: Id, quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) },
  strict,
);
export const CloseBody = Type.Object(
  {
    reason: Type.Enum(['duplicate', 'not_found', 'done_by_others', 'referred']),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  strict,
);
