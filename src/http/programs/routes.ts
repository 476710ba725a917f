/** Normal-time programs and activities: record, list, read. */
import type { Deps } from '../../services/context';
import { editProgram, programRevisions } from '../../services/programs/edit-program';
import { createProgram, getProgram, listPrograms } from '../../services/programs/manage-programs';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { RevisionList } from '../revision-schemas';
import { ProgramBody, ProgramPage, ProgramPatchBody, ProgramQuery, ProgramSchema } from './schemas';

const tags = ['programs'];

export async function programRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/programs',
    {
      schema: {
        tags,
        summary: 'Record a normal-time program (the lead organization’s admin, coordinators of its areas)',
        body: ProgramBody,
        response: { 201: ProgramSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ ...(await createProgram(deps, actorOf(request), request.body)), viewerCanEdit: true }),
  );

  app.get(
    '/api/v1/programs',
    {
      schema: {
        tags,
        summary: 'Programs, latest start first: by area (overlapping), period, organization and kind',
        querystring: ProgramQuery,
        response: { 200: ProgramPage },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return listPrograms(deps, actorOf(request), filter, { limit, cursor });
    },
  );

  app.get(
    '/api/v1/programs/:id',
    { schema: { tags, summary: 'One program', params: IdParams, response: { 200: ProgramSchema } } },
    async (request) => getProgram(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/programs/:id',
    {
      schema: {
        tags,
        summary: 'Edit a program (whoever may record it, before and after the edit); the edit is kept in its history',
        params: IdParams,
        body: ProgramPatchBody,
        response: { 200: ProgramSchema },
      },
    },
    async (request) => editProgram(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/programs/:id/revisions',
    {
      schema: { tags, summary: 'A program’s edits, newest first', params: IdParams, response: { 200: RevisionList } },
    },
    async (request) => ({ items: await programRevisions(deps, actorOf(request), request.params.id) }),
  );
}
