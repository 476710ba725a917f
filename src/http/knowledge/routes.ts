/** The knowledge base: experience, lessons learned and after-action reviews. */
import { Type } from 'typebox';
import { LESSON_KINDS } from '../../model/lesson';
import type { Deps } from '../../services/context';
import { getLesson, recordLesson, searchLessons } from '../../services/knowledge/lessons';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Cursor, Id, IdParams, JurisdictionCode, Limit, Nullable, Page } from '../common-schemas';

const tags = ['knowledge'];
const strict = { additionalProperties: false } as const;
const Performance = Type.Object(
  {
    organizationId: Id,
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    rating: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 5 }))),
  },
  strict,
);
const LessonBody = Type.Object(
  {
    kind: Type.Enum(LESSON_KINDS),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
    jurisdiction: JurisdictionCode,
    incidentId: Type.Optional(Nullable(Id)),
    programId: Type.Optional(Nullable(Id)),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 20 })),
    performance: Type.Optional(Type.Array(Performance, { maxItems: 200 })),
  },
  strict,
);
const LessonSchema = Type.Object({
  ...LessonBody.properties,
  id: Id,
  incidentId: Nullable(Id),
  programId: Nullable(Id),
  tags: Type.Array(Type.String()),
  performance: Type.Array(Type.Object({ organizationId: Id, note: Type.String(), rating: Nullable(Type.Integer()) })),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export async function knowledgeRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/lessons',
    {
      schema: {
        tags,
        summary: 'Record experience, a lesson learned, or an incident’s after-action review (its coordinators)',
        body: LessonBody,
        response: { 201: LessonSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await recordLesson(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/lessons',
    {
      schema: {
        tags,
        summary: 'Search the knowledge base (text in either Chinese script), by kind, area, incident or program',
        querystring: Type.Object(
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
        ),
        response: { 200: Page(LessonSchema) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return searchLessons(deps, actorOf(request), filter, { limit, cursor });
    },
  );

  app.get(
    '/api/v1/lessons/:id',
    { schema: { tags, summary: 'One lesson or review', params: IdParams, response: { 200: LessonSchema } } },
    async (request) => getLesson(deps, actorOf(request), request.params.id),
  );
}
