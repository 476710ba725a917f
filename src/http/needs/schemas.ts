import { Type } from 'typebox';
import { MEMBERSHIP_TIERS } from '../../model/membership';
import {
  CLOSE_REASONS,
  NEED_KINDS,
  NEED_SOURCES,
  NEED_STATUSES,
  URGENCIES,
  VERIFICATION_LEVELS,
  VULNERABLE_GROUPS,
} from '../../model/need';
import { ORGANIZATION_KINDS } from '../../model/organization';
import { SERVICE_CATEGORIES } from '../../model/taxonomy';
import { Cursor, Id, ItemCode, JurisdictionCode, Limit, Nullable, Page } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const NeedBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    kind: Type.Optional(Type.Enum(NEED_KINDS)),
    category: Type.Enum(SERVICE_CATEGORIES),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    unit: Type.Optional(Type.String({ maxLength: 20 })),
    item: Type.Optional(Nullable(ItemCode)),
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

/** An organization holding (a quantity of) a need. */
export const HolderSchema = Type.Object({
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
  lat: Nullable(Type.Number({ description: 'null while the need waits to be located (locationNeeded)' })),
  lon: Nullable(Type.Number()),
  locationNeeded: Type.Boolean({
    description: 'known only by its address: off the map and out of distance scoring until located',
  }),
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
  item: Nullable(Type.String({ description: 'the catalogue item of a need for goods' })),
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
  holders: Type.Array(HolderSchema),
});

export const NeedHistoryEntry = Type.Object({
  kind: Type.String(),
  detail: Type.Unknown(),
  actor: Type.String(),
  at: Type.String(),
});
/** A pair of needs flagged as likely duplicates. */
export const DuplicateFlagSchema = Type.Object({
  needId: Type.String(),
  candidateId: Type.String(),
  score: Type.Number(),
  reasons: Type.Array(Type.String()),
});
export const NeedDetail = Type.Object({
  ...NeedSchema.properties,
  history: Type.Array(NeedHistoryEntry),
  duplicates: Type.Array(DuplicateFlagSchema),
});
export const NeedPage = Page(NeedSchema);

/** A reported need and the needs it may repeat. */
export const ReportedNeedSchema = Type.Object({
  need: NeedSchema,
  possibleDuplicates: Type.Array(Type.Object({ id: Id, score: Type.Number(), reasons: Type.Array(Type.String()) })),
});

/** The filters of the needs list and the board's map. */
const filters = {
  status: Type.Optional(Type.Array(Type.Enum(NEED_STATUSES))),
  category: Type.Optional(Type.Enum(SERVICE_CATEGORIES)),
  urgency: Type.Optional(Type.Enum(URGENCIES)),
  vulnerable: Type.Optional(Type.Boolean()),
  unclaimed: Type.Optional(Type.Boolean()),
  bbox: Type.Optional(Type.String({ maxLength: 100, description: 'south,west,north,east' })),
};
export const NeedMapQuery = Type.Object(filters, strict);
export const NeedListQuery = Type.Object(
  {
    ...filters,
    locationNeeded: Type.Optional(
      Type.Boolean({
        description: "true: only needs waiting to be located (the board's list to locate); false: only located ones",
      }),
    ),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  strict,
);

/** One need on the board's map: where it is and how to draw it (no title: the drawer fetches the detail). */
export const NeedMapPointSchema = Type.Object({
  id: Id,
  lat: Type.Number(),
  lon: Type.Number(),
  locationPrecision: Type.Enum(['exact', 'grid']),
  status: Type.Enum(NEED_STATUSES),
  urgency: Type.Enum(URGENCIES),
  category: Type.Enum(SERVICE_CATEGORIES),
  remaining: Type.Integer({ description: 'quantity neither claimed nor fulfilled' }),
  vulnerable: Type.Union([Type.Boolean(), Type.Null()], { description: 'null when the reader may not see who the need is for' }),
});
/** The newest needs in a box (at most the server's cap) and how many matched in all. */
export const NeedMapAnswerSchema = Type.Object({
  items: Type.Array(NeedMapPointSchema),
  total: Type.Integer(),
  truncated: Type.Boolean(),
});

export const RecommendationQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
    kind: Type.Optional(Type.Enum(ORGANIZATION_KINDS, { description: 'only organizations of this kind' })),
    withinKm: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 5000, description: 'only organizations based within this distance' }),
    ),
    verifiedOnly: Type.Optional(Type.Boolean({ description: 'only organizations with a capacity a coordinator has verified' })),
  },
  strict,
);
export const RecommendationList = Type.Object({
  items: Type.Array(
    Type.Object({
      organizationId: Id,
      name: Type.String(),
      kind: Type.String(),
      membershipStatus: Type.String(),
      membershipTier: Type.Enum(MEMBERSHIP_TIERS, {
        description: "provisional: its claims wait for a coordinator's confirmation",
      }),
      verifiedCapacity: Type.Boolean(),
      score: Type.Number(),
      factors: Type.Object({
        capability: Type.Number(),
        distance: Type.Union([Type.Number(), Type.Null()]),
        area: Type.Number(),
        capacity: Type.Union([Type.Number(), Type.Null()]),
        record: Type.Number(),
      }),
      distanceKm: Type.Union([Type.Number(), Type.Null()]),
      explanation: Type.String(),
    }),
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
  item: Nullable(Type.String()),
  jurisdiction: Type.String(),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
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

export const ClaimAnswerSchema = Type.Object({ claim: ClaimSchema, need: NeedSchema });

export const ClaimBody = Type.Object(
  { organizationId: Id, quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) },
  strict,
);
/** Where a need is, found later for a need imported with an address only. */
export const LocateBody = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    coordSystem: Type.Optional(
      Type.Enum(['wgs84', 'gcj02'], { description: 'gcj02 for points from Chinese map pickers; stored as WGS 84' }),
    ),
  },
  strict,
);

export const CloseBody = Type.Object(
  {
    reason: Type.Enum(['duplicate', 'not_found', 'done_by_others', 'referred']),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  strict,
);
