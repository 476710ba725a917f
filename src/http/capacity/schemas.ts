import { Type } from 'typebox';
import { AVAILABILITIES, CAPACITY_KINDS, RESCUE_SPECIALTIES } from '../../model/capacity';
import { Id } from '../common-schemas';
import { Day, Declared, NullableText, Text } from '../embedding/schemas';

const strict = { additionalProperties: false } as const;
const TypeLevel = Type.Integer({ minimum: 1, maximum: 4, description: 'NIMS type: 1 is the most capable' });
const Quantity = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const CapacityBody = Type.Object(
  {
    kind: Type.Enum(CAPACITY_KINDS),
    type: Text(100),
    typeLevel: TypeLevel,
    quantity: Quantity,
    description: Type.Optional(NullableText(500)),
  },
  strict,
);
export const CapacityPatchBody = Type.Object(
  { typeLevel: Type.Optional(TypeLevel), quantity: Type.Optional(Quantity), description: Type.Optional(NullableText(500)) },
  strict,
);
export const CapacitySchema = Type.Object({
  id: Id,
  organizationId: Id,
  kind: Type.Enum(CAPACITY_KINDS),
  type: Type.String(),
  typeLevel: Type.Integer(),
  quantity: Type.Integer(),
  description: Type.Union([Type.String(), Type.Null()]),
  ...Declared,
  updatedAt: Type.String(),
});

export const SpecialtyBody = Type.Object(
  {
    specialty: Type.Enum(RESCUE_SPECIALTIES),
    grade: Type.Integer({ minimum: 1, maximum: 3, description: '1 is the highest grade' }),
    assessedBy: Text(200),
    validUntil: Day,
  },
  strict,
);
export const SpecialtySchema = Type.Object({
  id: Id,
  organizationId: Id,
  specialty: Type.Enum(RESCUE_SPECIALTIES),
  grade: Type.Integer(),
  assessedBy: Type.String(),
  validUntil: Type.String(),
  ...Declared,
});

const Certification = Type.Object({ type: Text(100), issuer: Text(200), expiresOn: Type.Union([Day, Type.Null()]) }, strict);
const volunteerFields = {
  name: Text(50),
  phone: Type.Optional(NullableText(30)),
  skills: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 30 })),
  certifications: Type.Optional(Type.Array(Certification, { maxItems: 30 })),
  insuranceExpiresOn: Type.Optional(Type.Union([Day, Type.Null()])),
  availability: Type.Optional(Type.Enum(AVAILABILITIES)),
};
export const VolunteerBody = Type.Object(volunteerFields, strict);
export const VolunteerPatchBody = Type.Object(
  { ...Type.Partial(Type.Object(volunteerFields)).properties, active: Type.Optional(Type.Boolean()) },
  strict,
);
export const VolunteerSchema = Type.Object({
  id: Id,
  organizationId: Id,
  name: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  skills: Type.Array(Type.String()),
  certifications: Type.Array(
    Type.Object({ type: Type.String(), issuer: Type.String(), expiresOn: Type.Union([Type.String(), Type.Null()]) }),
  ),
  insuranceExpiresOn: Type.Union([Type.String(), Type.Null()]),
  availability: Type.Enum(AVAILABILITIES),
  active: Type.Boolean(),
  ...Declared,
  updatedAt: Type.String(),
  personalDataVisible: Type.Optional(
    Type.Boolean({ description: 'false when name and phone are hidden (null) from this reader' }),
  ),
});
export const WarningSchema = Type.Object({
  subject: Type.Enum(['certification', 'insurance']),
  label: Type.String(),
  expiresOn: Type.String(),
  state: Type.Enum(['expiring', 'expired']),
});

/** A rescue specialty with whether its assessment is still valid. */
export const SpecialtyViewSchema = Type.Object({
  ...SpecialtySchema.properties,
  validity: Type.Enum(['valid', 'expiring', 'expired']),
});
/** An organization's typed capacity and graded rescue specialties. */
export const CapacityViewSchema = Type.Object({
  capacity: Type.Array(CapacitySchema),
  specialties: Type.Array(SpecialtyViewSchema),
  viewerCanDeclare: Type.Boolean(),
  viewerCanVerify: Type.Boolean(),
});
/** A volunteer as read (name and phone null for readers who need not know them), with certificate and insurance warnings. */
export const VolunteerViewSchema = Type.Object({
  ...VolunteerSchema.properties,
  personalDataVisible: Type.Boolean({ description: 'false when name and phone are hidden (null) from this reader' }),
  warnings: Type.Array(WarningSchema),
});
export const VolunteerListSchema = Type.Object({
  items: Type.Array(VolunteerViewSchema),
  summary: Type.Object({ total: Type.Integer(), available: Type.Integer(), withWarnings: Type.Integer() }),
  viewerCanDeclare: Type.Boolean(),
  viewerCanVerify: Type.Boolean(),
});
export const VolunteerQuery = Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }, strict);
