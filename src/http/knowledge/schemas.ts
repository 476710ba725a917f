import { Type } from 'typebox';
import { LESSON_KINDS } from '../../model/lesson';
import { Cursor, Id, JurisdictionCode, Limit, Nullable, Page } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const PerformanceBody = Type.Object(
  {
    organizationId: Id,
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    rating: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 5 }))),
  },
  strict,
);
export const LessonBody = Type.Object(
  {
    kind: Type.Enum(LESSON_KINDS),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
    jurisdiction: JurisdictionCode,
    incidentId: Type.Optional(Nullable(Id)),
    programId: Type.Optional(Nullable(Id)),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 20 })),
    performance: Type.Optional(Type.Array(PerformanceBody, { maxItems: 200 })),
  },
  strict,
);
/** An edit of a lesson: its title, text, tags or (reviews) performance notes; at least one. */
export const LessonPatchBody = Type.Object(
  {
    title: Type.Optional(LessonBody.properties.title),
    body: Type.Optional(LessonBody.properties.body),
    tags: LessonBody.properties.tags,
    performance: LessonBody.properties.performance,
  },
  { ...strict, minProperties: 1 },
);
/** How an organization did, in an after-action review. */
export const PerformanceNoteSchema = Type.Object({ organizationId: Id, note: Type.String(), rating: Nullable(Type.Integer()) });
/** A lesson, experience or after-action review. */
export const LessonSchema = Type.Object({
  ...LessonBody.properties,
  id: Id,
  incidentId: Nullable(Id),
  programId: Nullable(Id),
  tags: Type.Array(Type.String()),
  performance: Type.Array(PerformanceNoteSchema),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  viewerCanEdit: Type.Boolean({ description: 'the reader may edit it (its author; a review, its incident’s coordinators)' }),
});
export const LessonPage = Page(LessonSchema);
export const LessonQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(Type.Enum(LESSON_KINDS)),
    jurisdiction: Type.Optional(JurisdictionCode),
    incidentId: Type.Optional(Id),
    programId: Type.Optional(Id),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  strict,
);
