/** The history of an editable record (programs, lessons) on the wire. */
import { Type } from 'typebox';

export const RevisionSchema = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  changes: Type.Array(Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() })),
  actor: Type.String({ description: 'the account (or system) that made the edit' }),
  at: Type.String(),
});
export const RevisionList = Type.Object({ items: Type.Array(RevisionSchema) });
