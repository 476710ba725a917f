import { Type } from 'typebox';

const strict = { additionalProperties: false } as const;

/** Exactly one of them identifies the person (checked by the service, which names the problem). */
export const PersonalDataQuery = Type.Object(
  {
    receipt: Type.Optional(
      Type.String({ minLength: 1, maxLength: 20, description: 'the receipt code of a need the person reported' }),
    ),
    donation: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'the reference code of a donation' })),
    phone: Type.Optional(Type.String({ minLength: 1, maxLength: 30, description: 'the phone number given as contact or donor' })),
  },
  strict,
);

const Subject = {
  scope: Type.Union([Type.Literal('need'), Type.Literal('offer')]),
  id: Type.String(),
  incidentId: Type.String(),
};

export const PersonalDataExport = Type.Object({
  subjects: Type.Array(
    Type.Object({
      ...Subject,
      record: Type.Unknown({ description: 'the need or offer as the coordinator reads it' }),
      auditRecords: Type.Array(Type.Unknown(), {
        description: "the audit log's records of it, personal values opened (or erased)",
      }),
    }),
  ),
});

export const ErasureAnswer = Type.Object({
  subjects: Type.Array(Type.Object(Subject)),
  erasures: Type.Array(Type.Object({ id: Type.String(), scope: Type.String(), subjectId: Type.String(), at: Type.String() })),
  counts: Type.Object({ needs: Type.Integer(), offers: Type.Integer(), keys: Type.Integer() }),
});
