import { Type } from 'typebox';
import { APPLICATION_DECISIONS, MEMBERSHIP_STATUSES } from '../../model/membership';
import { Cursor, Id, Limit, Nullable, Page } from '../common-schemas';
import {
  MembershipSchema,
  MembershipStatusSchema,
  MembershipTierSchema,
  OrganizationBody,
  OrganizationSchema,
  PlanSchema,
} from '../organizations/schemas';

const strict = { additionalProperties: false } as const;
const Reason = Type.String({ minLength: 1, maxLength: 1000 });

export const ContactSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.String({ minLength: 5, maxLength: 30 }),
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  },
  strict,
);

/** An application as the review queue shows it (the contact is null where the reader's area does not hold the applicant's home). */
export const ApplicationSchema = Type.Object({
  id: Id,
  organizationId: Id,
  homeJurisdiction: Type.String(),
  contact: Type.Union([Type.Object({ name: Type.String(), phone: Type.String(), email: Nullable(Type.String()) }), Type.Null()]),
  status: Type.Enum(['under_review', 'decided']),
  decision: Type.Union([Type.Enum(APPLICATION_DECISIONS), Type.Null()]),
  reason: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  organization: Type.Union([OrganizationSchema, Type.Null()]),
  viewerCanDecide: Type.Boolean(),
  personalDataVisible: Type.Boolean({ description: 'false when the contact is hidden (null) from this reader' }),
});

/** One step of an organization's membership history. */
export const MembershipEventSchema = Type.Object({
  from: Type.Union([MembershipStatusSchema, Type.Null()]),
  to: MembershipStatusSchema,
  tier: MembershipTierSchema,
  actor: Type.String(),
  reason: Type.String(),
  plan: Type.Union([PlanSchema, Type.Null()]),
  at: Type.String(),
});
/** An organization's membership with its history, oldest first. */
export const MembershipDetail = Type.Object({
  ...MembershipSchema.properties,
  history: Type.Array(MembershipEventSchema),
  viewerCanDecide: Type.Boolean(),
});

export const ApplicationPage = Page(ApplicationSchema);
export const ApplicationQuery = Type.Object(
  { status: Type.Optional(Type.Enum(['under_review', 'decided'])), limit: Limit, cursor: Type.Optional(Cursor) },
  strict,
);
export const ApplicationBody = Type.Object({ organization: OrganizationBody, contact: ContactSchema }, strict);
/** The answer to a submitted application. */
export const ApplicationReceiptSchema = Type.Object({
  id: Id,
  organizationId: Id,
  status: Type.Literal('under_review'),
  createdAt: Type.String(),
});
export const DecisionBody = Type.Object(
  { decision: Type.Enum(APPLICATION_DECISIONS), reason: Reason, plan: Type.Optional(PlanSchema) },
  strict,
);
export const TransitionBody = Type.Object(
  {
    to: Type.Enum(MEMBERSHIP_STATUSES),
    reason: Reason,
    tier: Type.Optional(MembershipTierSchema),
    plan: Type.Optional(PlanSchema),
  },
  strict,
);
/** Organizations whose cultivation plans are due for review. */
export const DeskSchema = Type.Object({ items: Type.Array(OrganizationSchema) });
