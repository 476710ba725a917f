import { Type } from 'typebox';
import { AGREEMENT_TYPES, SUBSYSTEMS, VERIFIABLE_FIELDS } from '../../model/embedding';
import { Id } from '../common-schemas';

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
