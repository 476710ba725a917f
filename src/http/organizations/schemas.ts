import { Type } from 'typebox';
import { VERIFIABLE_FIELDS } from '../../model/embedding';
import { MEMBERSHIP_STATUSES, MEMBERSHIP_TIERS } from '../../model/membership';
import { ORGANIZATION_KINDS } from '../../model/organization';
import { PHASES, SERVICE_CATEGORIES, STRATEGIES } from '../../model/taxonomy';
import { Cursor, Id, JurisdictionCode, Limit, Page } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const Kind = Type.Enum(ORGANIZATION_KINDS);
export const Category = Type.Enum(SERVICE_CATEGORIES);
const Cell = Type.Object(
  {
    strategy: Type.Enum(STRATEGIES),
    phase: Type.Enum(PHASES),
  },
  strict,
);
const GeoPoint = Type.Object(
  { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
  strict,
);
const Capabilities = Type.Object(
  { cells: Type.Array(Cell, { maxItems: 12 }), serviceCategories: Type.Array(Category, { maxItems: 20 }) },
  strict,
);
const NullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

const fields = {
  kind: Kind,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.Optional(NullableText(200)),
  creditCode: Type.Optional(NullableText(40)),
  supervisingAgency: Type.Optional(NullableText(200)),
  jurisdictions: Type.Array(JurisdictionCode, { minItems: 1, maxItems: 100 }),
  base: Type.Optional(Type.Union([GeoPoint, Type.Null()])),
  capabilities: Type.Optional(Capabilities),
};

export const OrganizationBody = Type.Object(fields, strict);
/** 公开募捐资格: whether the organization holds it and since when (a date only while it does). */
const publicFundraising = {
  publicFundraisingQualified: Type.Boolean({ description: 'holds the public-fundraising qualification (公开募捐资格)' }),
  publicFundraisingSince: Type.Union([Type.String({ format: 'date', description: 'YYYY-MM-DD' }), Type.Null()], {
    description: 'the day it was granted, when known',
  }),
};

export const OrganizationPatchBody = Type.Partial(Type.Object({ ...fields, ...publicFundraising }), strict);

export const MembershipStatusSchema = Type.Enum(MEMBERSHIP_STATUSES);
export const MembershipTierSchema = Type.Enum(MEMBERSHIP_TIERS);
export const PlanSchema = Type.Object(
  {
    goals: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 20 }),
    mentorOrganizationId: Type.Union([Id, Type.Null()]),
    reviewOn: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
  },
  strict,
);
export const MembershipSchema = Type.Object({
  status: MembershipStatusSchema,
  tier: MembershipTierSchema,
  plan: Type.Union([PlanSchema, Type.Null()]),
});

export const OrganizationSchema = Type.Object({
  id: Id,
  kind: Kind,
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  supervisingAgency: Type.Union([Type.String(), Type.Null()]),
  jurisdictions: Type.Array(Type.String()),
  jurisdictionNames: Type.Array(Type.String()),
  base: Type.Union([GeoPoint, Type.Null()]),
  capabilities: Capabilities,
  archived: Type.Boolean(),
  membership: MembershipSchema,
  ...publicFundraising,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const OrganizationDetailSchema = Type.Object({
  ...OrganizationSchema.properties,
  verifiedFields: Type.Array(Type.Enum(VERIFIABLE_FIELDS), {
    description: 'fields a coordinator has verified; the rest are self-declared',
  }),
  viewerCanEdit: Type.Boolean(),
});

export const OrganizationQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(Kind),
    membershipStatus: Type.Optional(MembershipStatusSchema),
    jurisdiction: Type.Optional(JurisdictionCode),
    cell: Type.Optional(Type.String({ pattern: `^(${STRATEGIES.join('|')}):(${PHASES.join('|')})$` })),
    category: Type.Optional(Category),
    includeArchived: Type.Optional(Type.Boolean()),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  strict,
);

export const OrganizationPage = Page(OrganizationSchema);

const Count = Type.Integer({ minimum: 0 });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const OrganizationRecordSchema = Type.Object(
  {
    organizationId: Id,
    claims: Type.Object({
      fulfilled: Count,
      dropped: Type.Integer({ minimum: 0, description: 'claims that expired or were released without delivery' }),
      active: Count,
    }),
    dispatches: Type.Object({ accepted: Count, declined: Count, awaiting: Count }),
    medianMinutesToFirstProgress: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'median minutes from a claim or accepted dispatch to the first progress note or fulfilment on it',
    }),
    checkIns: Type.Object(
      { kept: Count, missed: Count, share: NullableNumber },
      { description: 'check-in intervals kept (no longer than the incident’s interval) and missed while accountable' },
    ),
    ratings: Type.Object({ count: Count, mean: NullableNumber }, { description: 'after-action review ratings, 1–5' }),
    trackRecord: Type.Number({
      minimum: 0,
      maximum: 1,
      description:
        'the track-record factor of recommendations: 0.6 × carried through + 0.2 × check-ins kept + 0.2 × ratings, each Laplace-smoothed',
    }),
  },
  { additionalProperties: false },
);
