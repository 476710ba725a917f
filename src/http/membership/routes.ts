/** The open network's doors: applications, decisions, lifecycle transitions, the cultivation desk. */
import type { Config } from '../../config';
import type { Deps } from '../../services/context';
import { decideApplication, getApplication, listApplications, submitApplication } from '../../services/membership/applications';
import { cultivationDesk, getMembership } from '../../services/membership/read-membership';
import { transitionMembership } from '../../services/membership/transition-membership';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { presentOrganization } from '../organizations/routes';
import {
  ApplicationBody,
  ApplicationPage,
  ApplicationQuery,
  ApplicationReceiptSchema,
  ApplicationSchema,
  DecisionBody,
  DeskSchema,
  MembershipDetail,
  TransitionBody,
} from './schemas';

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
        body: ApplicationBody,
        response: {
          201: ApplicationReceiptSchema,
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
        querystring: ApplicationQuery,
        response: { 200: ApplicationPage },
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
        body: DecisionBody,
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
        body: TransitionBody,
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
        response: { 200: DeskSchema },
      },
    },
    async (request) => ({ items: (await cultivationDesk(deps, actorOf(request))).map(presentOrganization) }),
  );
}
