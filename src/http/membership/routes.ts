/** The open network's doors: applications, decisions, lifecycle transitions, the cultivation desk. */
import { Type } from 'typebox';
import type { Config } from '../../config';
import { APPLICATION_DECISIONS, MEMBERSHIP_STATUSES } from '../../model/membership';
import type { Deps } from '../../services/context';
import { decideApplication, getApplication, listApplications, submitApplication } from '../../services/membership/applications';
import { cultivationDesk, getMembership } from '../../services/membership/read-membership';
import { transitionMembership } from '../../services/membership/transition-membership';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Cursor, Id, IdParams, Limit, Nullable, Page } from '../common-schemas';
import { presentOrganization } from '../organizations/routes';
import {
  MembershipSchema,
  MembershipStatusSchema,
  MembershipTierSchema,
  OrganizationBody,
  OrganizationSchema,
  PlanSchema,
} from '../organizations/schemas';

const strict = { additionalProperties: false } as const;
const Reason = Type.String({ minLength: 1, maxLength: 1000 });

const ContactSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.String({ minLength: 5, maxLength: 30 }),
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  },
  strict,
);

const ApplicationSchema = Type.Object({
  id: Id,
  organizationId: Id,
  homeJurisdiction: Type.String(),
  contact: Type.Union([Type.Object({ name: Type.String(), phone: Type.String(), email: Nullable(Type.String()) }), Type.Null()]),
  status: Type.Enum(['under_review', 'decided']),
  decision: Type.Union([Type.Enum(APPLICATION_DECISIONS), Type.Null()]),
  reason: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  organization: Type.Union([OrganizationSchema, Type.Null()]),
  viewerCanDecide: Type.Boolean(),
  personalDataVisible: Type.Optional(Type.Boolean({ description: 'false when the contact is hidden (null) from this reader' })),
});

const HistoryEntry = Type.Object({
  from: Type.Union([MembershipStatusSchema, Type.Null()]),
  to: MembershipStatusSchema,
  tier: MembershipTierSchema,
  actor: Type.String(),
  reason: Type.String(),
  plan: Type.Union([PlanSchema, Type.Null()]),
  at: Type.String(),
});
const MembershipDetail = Type.Object({
  ...MembershipSchema.properties,
  history: Type.Array(HistoryEntry),
  viewerCanDecide: Type.Boolean(),
});

export async function membershipRoutes(app: App, deps: Deps, config: Pick<Config, 'applicationRateLimit'>): Promise<void> {
  const tags = ['membership'];
  const present = <T extends { organization: Parameters<typeof presentOrganization>[0] | null }>(view: T) => ({
    ...view,
    organization: view.organization ? presentOrganization(view.organization) : null,
  });

  app.post(
    '/api/v1/applications',
    {
      config: { public: true, rateLimit: { max: config.applicationRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Apply to join the network (no account needed)',
        body: Type.Object({ organization: OrganizationBody, contact: ContactSchema }, strict),
        response: {
          201: Type.Object({ id: Id, organizationId: Id, status: Type.Literal('under_review'), createdAt: Type.String() }),
        },
      },
    },
    async (request, reply) => {
      const { application } = await submitApplication(deps, request.body);
      return reply.status(201).send({
        id: application.id,
        organizationId: application.organizationId,
        status: 'under_review' as const,
        createdAt: application.createdAt,
      });
    },
  );

  app.get(
    '/api/v1/applications',
    {
      schema: {
        tags,
        summary: 'The review queue (coordinators and admins)',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['under_review', 'decided'])), limit: Limit, cursor: Type.Optional(Cursor) },
          strict,
        ),
        response: { 200: Page(ApplicationSchema) },
      },
    },
    async (request) => {
      const page = await listApplications(deps, actorOf(request), request.query);
      return { ...page, items: page.items.map(present) };
    },
  );

  app.get(
    '/api/v1/applications/:id',
    { schema: { tags, summary: 'One application', params: IdParams, response: { 200: ApplicationSchema } } },
    async (request) => present(await getApplication(deps, actorOf(request), request.params.id)),
  );

  app.post(
    '/api/v1/applications/:id/decision',
    {
      schema: {
        tags,
        summary: 'Admit, admit provisionally, cultivate or decline (the coordinator of the home area)',
        params: IdParams,
        body: Type.Object(
          { decision: Type.Enum(APPLICATION_DECISIONS), reason: Reason, plan: Type.Optional(PlanSchema) },
          strict,
        ),
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await decideApplication(deps, actor, request.params.id, request.body);
      return present(await getApplication(deps, actor, request.params.id));
    },
  );

  app.get(
    '/api/v1/organizations/:id/membership',
    { schema: { tags, summary: 'Membership status, tier and history', params: IdParams, response: { 200: MembershipDetail } } },
    async (request) => getMembership(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/organizations/:id/membership/transitions',
    {
      schema: {
        tags,
        summary: 'Move an organization along the membership lifecycle',
        params: IdParams,
        body: Type.Object(
          {
            to: Type.Enum(MEMBERSHIP_STATUSES),
            reason: Reason,
            tier: Type.Optional(MembershipTierSchema),
            plan: Type.Optional(PlanSchema),
          },
          strict,
        ),
        response: { 200: MembershipDetail },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await transitionMembership(deps, actor, request.params.id, request.body);
      return getMembership(deps, actor, request.params.id);
    },
  );

  app.get(
    '/api/v1/membership/desk',
    {
      schema: {
        tags,
        summary: 'Cultivation plans due for review in the viewer’s area',
        response: { 200: Type.Object({ items: Type.Array(OrganizationSchema) }) },
      },
    },
    async (request) => ({ items: (await cultivationDesk(deps, actorOf(request))).map(presentOrganization) }),
  );
}
