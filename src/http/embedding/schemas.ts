import { Type } from 'typebox';
import { AGREEMENT_TYPES, SUBSYSTEMS, VERIFIABLE_FIELDS } from '../../model/embedding';
import { Id } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
export const NullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);
export const Verification = Type.Union([Type.Object({ by: Type.String(), at: Type.String() }), Type.Null()]);
export const Declared = { declaredBy: Type.String(), verification: Verification, createdAt: Type.String() };

export const FilingSchema = Type.Object({
  id: Id,
  organizationId: Id,
  department: Type.String(),
  filedOn: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()]),
  ...Declared,
});
export const AgreementSchema = Type.Object({
  id: Id,
  organizationId: Id,
  counterpartId: Id,
  type: Type.Enum(AGREEMENT_TYPES),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  reference: Type.Union([Type.String(), Type.Null()]),
  ...Declared,
});
export const SeatSchema = Type.Object({
  id: Id,
  organizationId: Id,
  structure: Type.String(),
  subsystem: Type.Enum(SUBSYSTEMS),
  liaisonName: Type.Union([Type.String(), Type.Null()]),
  personalDataVisible: Type.Optional(Type.Boolean({ description: 'false when the liaison is hidden (null) from this reader' })),
  from: Type.String(),
  to: Type.Union([Type.String(), Type.Null()]),
  ...Declared,
});
export const VerifiedField = Type.Object({
  field: Type.Enum(VERIFIABLE_FIELDS),
  verification: Type.Object({ by: Type.String(), at: Type.String() }),
});

/** A seat as read: the liaison is null for readers who need not know them. */
export const SeatViewSchema = Type.Object({
  ...SeatSchema.properties,
  personalDataVisible: Type.Boolean({ description: 'false when the liaison is hidden (null) from this reader' }),
});
/** Filings, agreements, seats and verified fields of an organization. */
export const EmbeddingSchema = Type.Object({
  filings: Type.Array(FilingSchema),
  agreements: Type.Array(AgreementSchema),
  seats: Type.Array(SeatViewSchema),
  verifiedFields: Type.Array(VerifiedField),
  viewerCanVerify: Type.Boolean(),
});
export const VerifiedFieldsSchema = Type.Object({ verifiedFields: Type.Array(VerifiedField) });

export const FilingBody = Type.Object(
  { department: Text(200), filedOn: Day, reference: Type.Optional(NullableText(200)) },
  strict,
);
export const AgreementBody = Type.Object(
  {
    organizationId: Id,
    counterpartId: Id,
    type: Type.Enum(AGREEMENT_TYPES),
    validFrom: Day,
    validTo: Type.Optional(Type.Union([Day, Type.Null()])),
    reference: Type.Optional(NullableText(200)),
  },
  strict,
);
export const SeatBody = Type.Object(
  {
    organizationId: Id,
    structure: Text(200),
    subsystem: Type.Enum(SUBSYSTEMS),
    liaisonName: Text(50),
    from: Day,
    to: Type.Optional(Type.Union([Day, Type.Null()])),
  },
  strict,
);
export const VerifyFieldsBody = Type.Object(
  { fields: Type.Array(Type.Enum(VERIFIABLE_FIELDS), { minItems: 1, maxItems: VERIFIABLE_FIELDS.length }) },
  strict,
);
