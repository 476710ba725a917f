import { Type } from 'typebox';
import { Cursor, Limit, Page } from '../common-schemas';

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

/** One record of the audit log; personal and sensitive values inside before/after stay encrypted. */
export const AuditRecordSchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  prevHash: Type.String(),
  hash: Type.String(),
});
export const AuditPage = Page(AuditRecordSchema);

/** The result of walking the hash chain. */
export const ChainReportSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
});
