/** The knowledge base: experience, lessons learned and after-action reviews. */
import type { Deps } from '../../services/context';
import { editLesson, lessonRevisions } from '../../services/knowledge/edit-lesson';
import { getLesson, recordLesson, searchLessons } from '../../services/knowledge/lessons';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { RevisionList } from '../revision-schemas';
import { LessonBody, LessonPage, LessonPatchBody, LessonQuery, LessonSchema } from './schemas';

const tags = ['knowledge'];

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
    async (request, reply) =>
      reply.status(201).send({ ...(await recordLesson(deps, actorOf(request), request.body)), viewerCanEdit: true }),
  );

  app.get(
    '/api/v1/lessons',
    {
      schema: {
        tags,
        summary: 'Search the knowledge base (text in either Chinese script), by kind, area, incident or program',
        querystring: LessonQuery,
        response: { 200: LessonPage },
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

  app.patch(
    '/api/v1/lessons/:id',
    {
      schema: {
        tags,
        summary: 'Edit a lesson (its author; a review also its incident’s coordinators; admins); the edit is kept in its history',
        params: IdParams,
        body: LessonPatchBody,
        response: { 200: LessonSchema },
      },
    },
    async (request) => editLesson(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/lessons/:id/revisions',
    { schema: { tags, summary: 'A lesson’s edits, newest first', params: IdParams, response: { 200: RevisionList } } },
    async (request) => ({ items: await lessonRevisions(deps, actorOf(request), request.params.id) }),
  );
}
