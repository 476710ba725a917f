import type { Config } from '../../config';
import type { Deps } from '../../services/context';
import { createUser, getUser, listUsers, resetPassword, updateUser } from '../../services/users/manage-users';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { NewUserBody, PasswordResetBody, UserPage, UserPatchBody, UserQuery, UserSchema } from './schemas';

const tags = ['users'];

export async function userRoutes(app: App, deps: Deps, config: Pick<Config, 'authRateLimit'>): Promise<void> {
  app.get(
    '/api/v1/users',
    { schema: { tags, summary: 'Accounts (all, or one organization’s)', querystring: UserQuery, response: { 200: UserPage } } },
    async (request) => listUsers(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/users',
    { schema: { tags, summary: 'Create an account', body: NewUserBody, response: { 201: UserSchema } } },
    async (request, reply) => reply.status(201).send(await createUser(deps, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One account', params: IdParams, response: { 200: UserSchema } } },
    async (request) => getUser(deps, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'Change an account', params: IdParams, body: UserPatchBody, response: { 200: UserSchema } } },
    async (request) => updateUser(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/users/:id/password',
    {
      config: { rateLimit: { max: config.authRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Set a new password for an account (admin reset; ends all its sessions and tokens)',
        params: IdParams,
        body: PasswordResetBody,
      },
    },
    async (request, reply) => {
      await resetPassword(deps, actorOf(request), request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );
}
