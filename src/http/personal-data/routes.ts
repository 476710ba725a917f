/** A person's request about their own data: export (JSON) or erase, by receipt code, donation reference or phone. */
import type { Deps } from '../../services/context';
import { erasePersonalDataOnRequest, exportPersonalData } from '../../services/retention/personal-data-requests';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { ErasureAnswer, PersonalDataExport, PersonalDataQuery } from './schemas';

const tags = ['personal data'];

export async function personalDataRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/personal-data',
    {
      schema: {
        tags,
        summary:
          "Export one person's data (their needs and donations, with the audit log's records of them); recorded in the audit log",
        querystring: PersonalDataQuery,
        response: { 200: PersonalDataExport },
      },
    },
    async (request) => exportPersonalData(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/personal-data/erasures',
    {
      schema: {
        tags,
        summary: "Erase one person's data now (their audit data keys destroyed too); recorded in the audit log and the register",
        body: PersonalDataQuery,
        response: { 201: ErasureAnswer },
      },
    },
    async (request, reply) => {
      const done = await erasePersonalDataOnRequest(deps, actorOf(request), request.body);
      reply.code(201);
      return {
        subjects: done.subjects,
        erasures: done.erasures.map(({ id, scope, subjectId, at }) => ({ id, scope, subjectId, at })),
        counts: done.counts,
      };
    },
  );
}
