/** Needs from spreadsheets: upload (202, a job awaiting its mapping), the mapping, and the job's progress and report. */
import { AppError } from '../../model/errors';
import type { Deps } from '../../services/context';
import { confirmNeedMapping, type NeedImportJob, startNeedImport } from '../../services/imports/need-import-jobs';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { MappingBody, MappingQuery, NeedImportJobSchema, NeedImportQuery } from './schemas';

const tags = ['import and export'];
const UPLOAD_LIMIT = 10 * 1024 * 1024;

/** A job as the API shows it: the options flattened, no actor. */
export function needImportAnswer(job: NeedImportJob) {
  const { actorId: _a, options, mapping, incidentId, ...rest } = job;
  return {
    ...rest,
    kind: 'needs' as const,
    incidentId: incidentId ?? '',
    mapping: mapping ?? { columns: [] },
    defaultCategory: options?.defaultCategory ?? 'search_rescue',
  };
}

export async function needImportRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/incidents/:id/imports/needs',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags,
        summary:
          'Import needs from a spreadsheet (body: the CSV — UTF-8, UTF-8 with BOM or GBK — or XLSX file); 202 with a job awaiting its column mapping, or running with ?mapping=auto',
        params: IdParams,
        querystring: NeedImportQuery,
        response: { 202: NeedImportJobSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', { detail: 'send the file itself as text/csv or an XLSX workbook' });
      }
      const { job } = await startNeedImport(
        deps,
        actorOf(request),
        request.params.id,
        { content: body, name: request.query.fileName ?? null },
        { auto: request.query.mapping === 'auto', defaultCategory: request.query.defaultCategory },
      );
      return reply.status(202).send(needImportAnswer(job));
    },
  );

  app.post(
    '/api/v1/imports/:id/mapping',
    {
      schema: {
        tags,
        summary:
          'Confirm or correct the column mapping of an import of needs (columns by position; fields or "ignore") and start it',
        params: IdParams,
        querystring: MappingQuery,
        body: MappingBody,
        response: { 202: NeedImportJobSchema },
      },
    },
    async (request, reply) => {
      const { job } = await confirmNeedMapping(
        deps,
        actorOf(request),
        request.params.id,
        request.body.columns,
        request.query.defaultCategory,
      );
      return reply.status(202).send(needImportAnswer(job));
    },
  );
}
