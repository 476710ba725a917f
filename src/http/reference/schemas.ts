import { Type } from 'typebox';
import { JurisdictionCode } from '../common-schemas';

/** A GB/T 2260 division. */
export const JurisdictionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  retired: Type.Boolean(),
});
/** One division with its path from the province down. */
export const JurisdictionDetailSchema = Type.Object({ ...JurisdictionSchema.properties, path: Type.Array(JurisdictionSchema) });
export const JurisdictionList = Type.Object({ items: Type.Array(JurisdictionSchema) });
export const JurisdictionQuery = Type.Object(
  { parent: Type.Optional(JurisdictionCode), q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })) },
  { additionalProperties: false },
);

/** The board's map style; null when none is configured (the board draws its own simple map). */
export const MapSettingsSchema = Type.Object({ styleUrl: Type.Union([Type.String(), Type.Null()]) });
