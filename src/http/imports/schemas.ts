import { Type } from 'typebox';

/** What became of one row of a roster. */
export const ImportRowReportSchema = Type.Object({
  row: Type.Integer(),
  outcome: Type.Enum(['created', 'updated', 'unchanged', 'refused']),
  name: Type.Union([Type.String(), Type.Null()]),
  organizationId: Type.Union([Type.String(), Type.Null()]),
  problems: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});
export const ImportReportSchema = Type.Object({
  total: Type.Integer(),
  counts: Type.Object({
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    refused: Type.Integer(),
  }),
  rows: Type.Array(ImportRowReportSchema),
});
/** A roster import running in the background, with its progress and, once done, its report. */
export const ImportJobSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['running', 'done', 'failed']),
  total: Type.Integer(),
  processed: Type.Integer(),
  report: Type.Union([ImportReportSchema, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
