/** Network analytics (SPEC §1): how an area's cooperation network is doing, in the study's terms. */
import type { Config } from '../../config';
import { AppError } from '../../model/errors';
import { annualReportHtml, annualReportPdf } from '../../services/analytics/annual-report';
import { collaborationOf } from '../../services/analytics/collaboration';
import { cooperationModes } from '../../services/analytics/cooperation-modes';
import { functionCoverageOf } from '../../services/analytics/function-coverage';
import { importHxl } from '../../services/analytics/import-hxl';
import { lifecycleOf } from '../../services/analytics/lifecycle';
import { principlesOf } from '../../services/analytics/principles';
import { specialNeeds } from '../../services/analytics/special-needs';
import { substitutionOf } from '../../services/analytics/substitution';
import { whoWhatWhereHxl, whoWhatWhereOf } from '../../services/analytics/who-what-where';
import type { Deps } from '../../services/context';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import {
  AnnualReportQuery,
  CollaborationQuery,
  CollaborationSchema,
  CooperationModesQuery,
  CooperationModesSchema,
  FunctionCoverageSchema,
  HxlImportReportSchema,
  LifecycleSchema,
  PrinciplesSchema,
  pagedScope,
  Scope,
  SpecialNeedsSchema,
  SubstitutionQuery,
  SubstitutionSchema,
  WhoWhatWhereQuery,
  WhoWhatWhereSchema,
} from './schemas';

const tags = ['analytics'];
/** A partner's 3W table: the same limit as the roster's (src/http/imports/routes.ts parses the body). */
const HXL_UPLOAD_LIMIT = 10 * 1024 * 1024;

export async function analyticsRoutes(app: App, deps: Deps, config: Pick<Config, 'reportRateLimit'>): Promise<void> {
  app.get(
    '/api/v1/analytics/cooperation-modes',
    {
      schema: {
        tags,
        summary:
          'Each non-government organization serving the area: service similarity × embedding → mode, explained (a page at a time, with counts per mode and where they cluster)',
        querystring: CooperationModesQuery,
        response: {
          200: CooperationModesSchema,
        },
      },
    },
    async (request) => cooperationModes(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/analytics/function-coverage',
    {
      schema: {
        tags,
        summary: 'The 12 cells of the function map: organizations, activities and needs in the area and period; gaps',
        querystring: Scope,
        response: {
          200: FunctionCoverageSchema,
        },
      },
    },
    async (request) => functionCoverageOf(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/analytics/special-needs',
    {
      schema: {
        tags,
        summary: 'Vulnerable people’s needs against the others: served share, median time to serve; the unserved (coordinators)',
        querystring: pagedScope({ default: 200, maximum: 1000 }),
        response: {
          200: SpecialNeedsSchema,
        },
      },
    },
    async (request) => specialNeeds(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/analytics/lifecycle',
    {
      schema: {
        tags,
        summary:
          'Phases each non-government organization was active in (a page at a time); the share active only in crisis and recovery',
        querystring: pagedScope({ default: 500, maximum: 5000 }),
        response: {
          200: LifecycleSchema,
        },
      },
    },
    async (request) => lifecycleOf(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/analytics/collaboration',
    {
      schema: {
        tags,
        summary:
          'The collaboration graph: density, components, isolated organizations, brokers, communities; its best-connected organizations for drawing',
        querystring: CollaborationQuery,
        response: {
          200: CollaborationSchema,
        },
      },
    },
    async (request) => collaborationOf(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/analytics/principles',
    {
      schema: {
        tags,
        summary: 'The four principles: 常态化, 综合化, 互嵌化 and 开放化 of the area’s network',
        querystring: Scope,
        response: {
          200: PrinciplesSchema,
        },
      },
    },
    async (request) => principlesOf(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/analytics/substitution',
    {
      schema: {
        tags,
        summary: 'Social organizations’ share of an incident’s work by day and stage; the drop after the peak; who left',
        querystring: SubstitutionQuery,
        response: {
          200: SubstitutionSchema,
        },
      },
    },
    async (request) => substitutionOf(deps, actorOf(request), request.query.incidentId),
  );

  app.get(
    '/api/v1/analytics/who-what-where',
    {
      schema: {
        tags,
        summary:
          '3W/4W: who did what where when — organization × category or program kind × place × month (rows a page at a time; totals); format=hxl: every row as HXL-tagged CSV',
        querystring: WhoWhatWhereQuery,
        response: {
          200: WhoWhatWhereSchema,
        },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      if (format !== 'hxl') return whoWhatWhereOf(deps, actorOf(request), query);
      const csv = await whoWhatWhereHxl(deps, actorOf(request), query);
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="3w-${query.jurisdiction}.hxl.csv"`)
          // A string is sent as it is: the JSON schema of the 200 answer does not apply to the CSV.
          .send(csv as never)
      );
    },
  );

  app.post(
    '/api/v1/analytics/who-what-where/import',
    {
      bodyLimit: HXL_UPLOAD_LIMIT,
      schema: {
        tags,
        summary:
          'Import a partner’s HXL-tagged 3W table (body: the CSV or XLSX file): activities matched to organizations by credit code, else name, else kept as external; a report per row (coordinators for their area, admins)',
        response: { 200: HxlImportReportSchema },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('unsupported_media_type', { detail: 'send the file itself as text/csv or an XLSX workbook' });
      }
      return importHxl(deps, actorOf(request), body);
    },
  );

  app.get(
    '/api/v1/analytics/annual-report',
    {
      config: {
        // Each PDF starts a Chromium, and prints wait their turn one at a time, so a client asks for
        // only so many a minute; the HTML report costs what any analytic does and is not counted.
        rateLimit: {
          max: config.reportRateLimit,
          timeWindow: '1 minute',
          allowList: (request) => {
            const { format } = request.query as { format?: unknown };
            return format === undefined || format === 'html';
          },
        },
      },
      schema: {
        tags,
        summary: 'The printable annual network report of an area: HTML with a print stylesheet, or PDF (headless Chromium)',
        querystring: AnnualReportQuery,
      },
    },
    async (request, reply) => {
      const { format, ...input } = request.query;
      if (format !== 'pdf') {
        return reply.type('text/html; charset=utf-8').send(await annualReportHtml(deps, actorOf(request), input));
      }
      const pdf = await annualReportPdf(deps, actorOf(request), input);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="network-report-${input.jurisdiction}-${input.year}.pdf"`)
        .send(pdf);
    },
  );
}
