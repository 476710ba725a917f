import { Type } from 'typebox';
import { NEED_ROW_OUTCOMES, NEED_SHEET_FIELDS } from '../../interop/need-sheet-mapping';
import { SERVICE_CATEGORIES } from '../../model/taxonomy';

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
  status: Type.Enum(['awaiting_mapping', 'running', 'done', 'failed']),
  total: Type.Integer(),
  processed: Type.Integer(),
  report: Type.Union([ImportReportSchema, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

const Problems = Type.Array(Type.Object({ field: Type.String(), message: Type.String({ description: 'the reason' }) }));

/** What became of one row of a needs spreadsheet. */
export const NeedImportRowSchema = Type.Object({
  row: Type.Integer({ description: 'the row number as the sheet shows it' }),
  outcome: Type.Enum(NEED_ROW_OUTCOMES),
  needId: Type.Union([Type.String(), Type.Null()]),
  problems: Problems,
});
export const NeedImportReportSchema = Type.Object({
  total: Type.Integer(),
  counts: Type.Object(
    Object.fromEntries(NEED_ROW_OUTCOMES.map((o) => [o, Type.Integer()])) as Record<
      (typeof NEED_ROW_OUTCOMES)[number],
      ReturnType<typeof Type.Integer>
    >,
  ),
  rows: Type.Array(NeedImportRowSchema),
});
export const SheetField = Type.Enum(NEED_SHEET_FIELDS);
/** A column of the sheet: its position (from 0), header, proposed or confirmed field, and a few of its values. */
export const SheetColumnSchema = Type.Object({
  index: Type.Integer(),
  header: Type.String(),
  field: SheetField,
  sample: Type.Array(Type.String()),
});
/** An import of needs: waits for its mapping, then runs in the background like a roster import. */
export const NeedImportJobSchema = Type.Object({
  id: Type.String(),
  kind: Type.Literal('needs'),
  incidentId: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['awaiting_mapping', 'running', 'done', 'failed']),
  total: Type.Integer(),
  processed: Type.Integer(),
  mapping: Type.Object({ columns: Type.Array(SheetColumnSchema) }),
  defaultCategory: Type.Enum(SERVICE_CATEGORIES),
  report: Type.Union([NeedImportReportSchema, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
export const NeedImportQuery = Type.Object(
  {
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
    mapping: Type.Optional(Type.Enum(['auto'], { description: 'auto: accept the proposed mapping at once' })),
    defaultCategory: Type.Optional(
      Type.Enum(SERVICE_CATEGORIES, { description: 'for rows that name no category (default search_rescue)' }),
    ),
  },
  { additionalProperties: false },
);
export const MappingQuery = Type.Object(
  { defaultCategory: Type.Optional(Type.Enum(SERVICE_CATEGORIES)) },
  { additionalProperties: false },
);
export const MappingBody = Type.Object(
  {
    columns: Type.Array(
      Type.Object({ index: Type.Integer({ minimum: 0, maximum: 999 }), field: SheetField }, { additionalProperties: false }),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
