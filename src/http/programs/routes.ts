/** Normal-time programs and activities: record, list, read. */
import type { Deps } from '../../services/context';
import { createProgram, getProgram, listPrograms } from '../../services/programs/manage-programs';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { ProgramBody, ProgramPage, ProgramQuery, ProgramSchema } from './schemas';

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
    async (request, reply) => reply.status(201).send(await createProgram(deps, actorOf(request), request.body)),
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
}
