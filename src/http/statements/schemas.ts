import { Type } from 'typebox';
import { STATEMENT_BODY_MAX, STATEMENT_TITLE_MAX } from '../../model/statement';
import { Id, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const StatementBody = Type.Object(
  {
    incidentId: Type.Optional(Nullable(Id)),
    title: Type.String({ minLength: 1, maxLength: STATEMENT_TITLE_MAX }),
    body: Type.String({ minLength: 1, maxLength: STATEMENT_BODY_MAX }),
    issuingOrganizationId: Id,
  },
  strict,
);

export const RumourBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    seenWhere: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'where it circulated: a chat group, a platform, a place',
    }),
    seenAt: Type.String({ format: 'date-time', description: 'when it was seen (RFC 3339)' }),
  },
  strict,
);

export const AnswerBody = Type.Object({ statementId: Id }, strict);

export const RumourSchema = Type.Object({
  id: Id,
  incidentId: Id,
  text: Type.String(),
  seenWhere: Type.String(),
  seenAt: Type.String(),
  statementId: Nullable(Id),
  recordedBy: Nullable(Type.String({ description: 'the account that recorded it; null for the public' })),
  recordedAt: Nullable(Type.String({ description: 'null for the public' })),
  personalDataVisible: Type.Boolean(),
});

export const StatementSchema = Type.Object({
  id: Id,
  incidentId: Nullable(Id),
  title: Type.String(),
  body: Type.String({ description: 'Markdown' }),
  issuer: Type.Object({ organizationId: Id, name: Type.String() }),
  issuedAt: Type.String(),
  kid: Type.String({ description: 'the key that signed it, in /.well-known/jwks.json' }),
  jws: Type.String({ description: 'compact JWS, EdDSA (Ed25519), typ corespond-statement+jwt' }),
  issuedBy: Nullable(Type.String({ description: 'the account that issued it; null for the public' })),
  personalDataVisible: Type.Boolean(),
  rumours: Type.Array(RumourSchema, { description: 'the rumours it answers' }),
});

export const StatementList = Type.Object({ items: Type.Array(StatementSchema) });
export const RumourList = Type.Object({ items: Type.Array(RumourSchema) });
