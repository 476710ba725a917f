/** Roster and needs imports (CSV/XLSX, as background jobs with progress), the roster template, and the directory export. */
import { Type } from 'typebox';
import { AppError } from '../../model/errors';
import type { Deps } from '../../services/context';
import { exportOrganizations, rosterTemplate } from '../../services/imports/export-organizations';
import { getImportJob, startOrganizationImport } from '../../services/imports/import-jobs';
import { getNeedImportJob } from '../../services/imports/need-import-jobs';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { OrganizationQuery } from '../organizations/schemas';
import { needImportAnswer, needImportRoutes } from './need-import-routes';
import { ImportJobSchema, NeedImportJobSchema } from './schemas';

const tags = ['import and export'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_LIMIT = 10 * 1024 * 1024;
const Format = Type.Enum(['xlsx', 'csv'], { default: 'xlsx' });

/** Download headers: an ASCII file name for old clients, the Chinese one (RFC 6266) for the rest. */
function attachment(asciiName: string, fileName: string, format: 'xlsx' | 'csv') {
  return {
    'content-type': format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${fileName}.${format}`)}`,
  };
}

export async function importRoutes(app: App, deps: Deps): Promise<void> {
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/v1/imports/organizations/template',
    {
      schema: {
        tags,
        summary: 'Download the roster template (Chinese headers, notes)',
        querystring: Type.Object({ format: Format }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      actorOf(request);
      const format = request.query.format;
      return reply.headers(attachment('roster-template', '组织名录导入模板', format)).send(await rosterTemplate(format));
    },
  );

  app.post(
    '/api/v1/imports/organizations',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags,
        summary: 'Import a roster (body: the CSV or XLSX file); answers 202 with a job to follow',
        querystring: Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        response: { 202: ImportJobSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', { detail: 'send the file itself as text/csv or an XLSX workbook' });
      }
      const { job } = await startOrganizationImport(deps, actorOf(request), {
        content: body,
        name: request.query.fileName ?? null,
      });
      return reply.status(202).send(job);
    },
  );

  await needImportRoutes(app, deps);

  app.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags,
        summary: 'Progress, mapping and report of an import (a roster, or needs of an incident)',
        params: IdParams,
        response: { 200: Type.Union([NeedImportJobSchema, ImportJobSchema]) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const job = await getImportJob(deps, actor, request.params.id);
      return job.kind === 'needs' ? needImportAnswer(await getNeedImportJob(deps, actor, job.id)) : job;
    },
  );

  app.get(
    '/api/v1/organizations/export',
    {
      schema: {
        tags,
        summary: 'The directory (with the same filters) as XLSX or CSV',
        querystring: Type.Object(
          { ...Type.Omit(OrganizationQuery, ['limit', 'cursor']).properties, format: Format },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const file = await exportOrganizations(deps, actorOf(request), filter, format);
      return reply.headers(attachment('organizations', '组织名录', format)).send(file);
    },
  );
}
