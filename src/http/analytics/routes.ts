/** Network analytics (SPEC §1): how an area's cooperation network is doing, in the study's terms. */
import { Type } from 'typebox';
import { TIE_KINDS } from '../../analysis/collaboration';
import { MODES, RECOGNITIONS } from '../../analysis/cooperation-modes';
import { SUBSYSTEMS } from '../../model/embedding';
import { INCIDENT_STAGES } from '../../model/incident';
import { ORGANIZATION_KINDS } from '../../model/organization';
import { COOPERATION_TYPES } from '../../model/program';
import { PHASES, SERVICE_CATEGORIES, STRATEGIES } from '../../model/taxonomy';
import { printToPdf } from '../../reports/pdf';
import { annualReportHtml } from '../../services/analytics/annual-report';
import { collaborationOf } from '../../services/analytics/collaboration';
import { cooperationModes } from '../../services/analytics/cooperation-modes';
import { functionCoverageOf } from '../../services/analytics/function-coverage';
import { lifecycleOf } from '../../services/analytics/lifecycle';
import { principlesOf } from '../../services/analytics/principles';
import { specialNeeds } from '../../services/analytics/special-needs';
import { substitutionOf } from '../../services/analytics/substitution';
import { whoWhatWhereOf } from '../../services/analytics/who-what-where';
import type { Deps } from '../../services/context';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Cursor, Day, Id, JurisdictionCode } from '../common-schemas';

const tags = ['analytics'];
const Share = Type.Union([Type.Number(), Type.Null()]);
/** An area (and everything below it) and a period (a year to today by default). */
const scopeFields = { jurisdiction: JurisdictionCode, from: Type.Optional(Day), to: Type.Optional(Day) };
const Scope = Type.Object(scopeFields, { additionalProperties: false });
/** A scope and a page of a long list (a province has tens of thousands of organizations). */
const pagedScope = (limit: { default: number; maximum: number }) =>
  Type.Object(
    { ...scopeFields, limit: Type.Optional(Type.Integer({ minimum: 1, ...limit })), cursor: Type.Optional(Cursor) },
    { additionalProperties: false },
  );
const Page = { total: Type.Integer(), nextCursor: Type.Union([Type.String(), Type.Null()]) };

export async function analyticsRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/analytics/cooperation-modes',
    {
      schema: {
        tags,
        summary:
          'Each non-government organization serving the area: service similarity × embedding → mode, explained (a page at a time, with counts per mode and where they cluster)',
        querystring: Type.Object(
          {
            jurisdiction: JurisdictionCode,
            to: Type.Optional(Day),
            mode: Type.Optional(Type.Enum(MODES)),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
            cursor: Type.Optional(Cursor),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            to: Day,
            counts: Type.Object(
              Object.fromEntries(MODES.map((m) => [m, Type.Integer()])) as Record<
                (typeof MODES)[number],
                ReturnType<typeof Type.Integer>
              >,
            ),
            density: Type.Array(
              Type.Object({ similarity: Type.Number(), embedding: Type.Number(), mode: Type.Enum(MODES), count: Type.Integer() }),
            ),
            ...Page,
            items: Type.Array(
              Type.Object({
                organizationId: Id,
                name: Type.String(),
                kind: Type.Enum(ORGANIZATION_KINDS),
                similarity: Type.Number(),
                embedding: Type.Number(),
                mode: Type.Enum(MODES),
                explanation: Type.String(),
                shared: Type.Array(Type.Enum(SERVICE_CATEGORIES)),
                recognitions: Type.Array(Type.Enum(RECOGNITIONS)),
              }),
            ),
          }),
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
          200: Type.Object({
            from: Day,
            to: Day,
            cells: Type.Array(
              Type.Object({
                strategy: Type.Enum(STRATEGIES),
                phase: Type.Enum(PHASES),
                organizations: Type.Integer(),
                activities: Type.Integer(),
                needs: Type.Integer(),
                gap: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => functionCoverageOf(deps, actorOf(request), request.query),
  );

  const Coverage = Type.Object({
    needs: Type.Integer(),
    served: Type.Integer(),
    shareServed: Type.Union([Type.Number(), Type.Null()]),
    medianHoursToServe: Type.Union([Type.Number(), Type.Null()]),
  });
  app.get(
    '/api/v1/analytics/special-needs',
    {
      schema: {
        tags,
        summary: 'Vulnerable people’s needs against the others: served share, median time to serve; the unserved (coordinators)',
        querystring: pagedScope({ default: 200, maximum: 1000 }),
        response: {
          200: Type.Object({
            from: Day,
            to: Day,
            vulnerable: Coverage,
            others: Coverage,
            unservedCount: Type.Integer(),
            unservedListed: Type.Union([Type.Integer(), Type.Null()]),
            unserved: Type.Union([
              Type.Array(
                Type.Object({
                  id: Id,
                  title: Type.String(),
                  category: Type.String(),
                  urgency: Type.String(),
                  jurisdiction: Type.String(),
                  reportedAt: Type.String(),
                }),
              ),
              Type.Null(),
            ]),
            unservedNextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
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
          200: Type.Object({
            from: Day,
            to: Day,
            active: Type.Integer(),
            reactiveOnly: Type.Integer(),
            share: Type.Union([Type.Number(), Type.Null()]),
            byPhase: Type.Object({ risk: Type.Integer(), crisis: Type.Integer(), recovery: Type.Integer() }),
            organizations: Type.Array(
              Type.Object({ organizationId: Id, name: Type.String(), phases: Type.Array(Type.Enum(PHASES)) }),
            ),
            ...Page,
          }),
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
        querystring: Type.Object(
          { ...scopeFields, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 300 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            from: Day,
            to: Day,
            nodes: Type.Array(
              Type.Object({
                id: Id,
                name: Type.String(),
                kind: Type.String(),
                degree: Type.Integer(),
                betweenness: Type.Number(),
                community: Type.Integer(),
              }),
            ),
            edges: Type.Array(Type.Object({ a: Id, b: Id, weight: Type.Integer(), kinds: Type.Array(Type.Enum(TIE_KINDS)) })),
            density: Type.Number(),
            components: Type.Integer(),
            largestComponent: Type.Integer(),
            isolated: Type.Array(Id),
            brokers: Type.Array(Type.Object({ id: Id, name: Type.String(), betweenness: Type.Number() })),
            communities: Type.Integer(),
            betweenness: Type.Object({ approximate: Type.Boolean(), samples: Type.Union([Type.Integer(), Type.Null()]) }),
            order: Type.Integer(),
            size: Type.Integer(),
            isolatedCount: Type.Integer(),
          }),
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
          200: Type.Object({
            from: Day,
            to: Day,
            normalization: Type.Object({ organizations: Type.Integer(), normalTimeActive: Type.Integer(), share: Share }),
            comprehensiveness: Type.Object({
              cellsCovered: Type.Integer(),
              cellShare: Share,
              cooperationTypes: Type.Array(Type.Enum(COOPERATION_TYPES)),
              cooperationEvenness: Share,
            }),
            embedding: Type.Object({
              tiedIn: Type.Integer(),
              share: Share,
              subsystems: Type.Array(Type.Enum(SUBSYSTEMS)),
              subsystemShare: Share,
            }),
            openness: Type.Object({
              applications: Type.Integer(),
              decided: Type.Integer(),
              admissionRate: Share,
              medianDaysToDecision: Share,
              newMembers: Type.Integer(),
              grassrootsShare: Share,
            }),
          }),
        },
      },
    },
    async (request) => principlesOf(deps, actorOf(request), request.query),
  );

  const Side = Type.Object({ social: Type.Integer(), government: Type.Integer(), socialShare: Share });
  app.get(
    '/api/v1/analytics/substitution',
    {
      schema: {
        tags,
        summary: 'Social organizations’ share of an incident’s work by day and stage; the drop after the peak; who left',
        querystring: Type.Object({ incidentId: Id }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            incidentId: Id,
            days: Type.Array(Type.Object({ day: Day, stage: Type.Enum(INCIDENT_STAGES), fulfilled: Side, deployed: Side })),
            byStage: Type.Array(
              Type.Object({ stage: Type.Enum(INCIDENT_STAGES), days: Type.Integer(), fulfilled: Side, deployed: Side }),
            ),
            peak: Type.Union([Type.Object({ day: Day, socialDeployed: Type.Integer() }), Type.Null()]),
            recoveryAverageSocialDeployed: Share,
            drop: Share,
            departures: Type.Array(
              Type.Object({ organizationId: Id, name: Type.String(), lastDay: Day, stage: Type.Enum(INCIDENT_STAGES) }),
            ),
          }),
        },
      },
    },
    async (request) => substitutionOf(deps, actorOf(request), request.query.incidentId),
  );

  const Total = Type.Object({ key: Type.String(), count: Type.Integer(), organizations: Type.Integer() });
  app.get(
    '/api/v1/analytics/who-what-where',
    {
      schema: {
        tags,
        summary:
          '3W/4W: who did what where when — organization × category or program kind × place × month (rows a page at a time; totals)',
        querystring: Type.Object(
          {
            ...scopeFields,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
            cursor: Type.Optional(Cursor),
            top: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            from: Day,
            to: Day,
            rows: Type.Array(
              Type.Object({
                organizationId: Id,
                name: Type.String(),
                what: Type.String(),
                source: Type.Union([Type.Literal('need'), Type.Literal('program')]),
                where: Type.String(),
                when: Type.String(),
                count: Type.Integer(),
              }),
            ),
            ...Page,
            byOrganization: Type.Array(Total),
            organizations: Type.Integer(),
            byWhat: Type.Array(Total),
            byPlace: Type.Array(
              Type.Object({
                key: Type.String(),
                name: Type.String(),
                count: Type.Integer(),
                organizations: Type.Integer(),
                lat: Type.Union([Type.Number(), Type.Null()]),
                lon: Type.Union([Type.Number(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (request) => whoWhatWhereOf(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/analytics/annual-report',
    {
      schema: {
        tags,
        summary: 'The printable annual network report of an area: HTML with a print stylesheet, or PDF (headless Chromium)',
        querystring: Type.Object(
          {
            jurisdiction: JurisdictionCode,
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
            format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('pdf')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { format, ...input } = request.query;
      const html = await annualReportHtml(deps, actorOf(request), input);
      if (format !== 'pdf') return reply.type('text/html; charset=utf-8').send(html);
      const pdf = await printToPdf(html);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="network-report-${input.jurisdiction}-${input.year}.pdf"`)
        .send(pdf);
    },
  );
}
