import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config';
import type { Session } from '../../db/repositories/sessions';
import type { User } from '../../db/repositories/users';
import { signIn, signOut } from '../../services/auth/sessions';
import type { Deps } from '../../services/context';
import { changeOwnPassword } from '../../services/users/manage-users';
import type { App } from '../app-types';
import { actorOf, SESSION_COOKIE } from '../auth';
import { Password, UserSchema } from '../users/schemas';

const tags = ['auth'];
const strict = { additionalProperties: false } as const;
const Credentials = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password }, strict);
export const SessionSchema = Type.Object({ user: UserSchema, csrfToken: Type.String() });

/** Sets the session cookie and answers with the user and the CSRF token. */
export function startBrowserSession(
  reply: FastifyReply,
  config: Pick<Config, 'secureCookies'>,
  result: { user: User; secret: string; session: Session },
) {
  reply.setCookie(SESSION_COOKIE, result.secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    expires: new Date(result.session.expiresAt),
  });
  return { user: result.user, csrfToken: result.session.csrfToken ?? '' };
}

export async function authRoutes(app: App, deps: Deps, config: Pick<Config, 'secureCookies' | 'authRateLimit'>): Promise<void> {
  const rateLimit = { max: config.authRateLimit, timeWindow: '1 minute' };

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit },
      schema: { tags, summary: 'Sign in (browser session cookie)', body: Credentials, response: { 200: SessionSchema } },
    },
    async (request, reply) =>
      startBrowserSession(reply, config, await signIn(deps, request.body.email, request.body.password, 'cookie')),
  );

  app.post(
    '/api/v1/auth/token',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Issue a bearer token for a machine client',
        body: Type.Object({ ...Credentials.properties, label: Type.Optional(Type.String({ maxLength: 100 })) }, strict),
        response: { 201: Type.Object({ token: Type.String(), expiresAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { email, password, label } = request.body;
      const result = await signIn(deps, email, password, 'token', label ?? null);
      return reply.status(201).send({ token: result.secret, expiresAt: result.session.expiresAt });
    },
  );

  app.get(
    '/api/v1/auth/session',
    { schema: { tags, summary: 'The signed-in user', response: { 200: SessionSchema } } },
    async (request) => ({ user: request.user as User, csrfToken: request.session?.csrfToken ?? '' }),
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Sign out (ends this session or token)' } },
    async (request, reply) => {
      actorOf(request);
      if (request.session) await signOut(deps, request.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Change one’s own password (ends every other session and token)',
        body: Type.Object({ currentPassword: Password, newPassword: Password }, strict),
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      await changeOwnPassword(deps, actorOf(request), currentPassword, newPassword, request.session?.id ?? null);
      return reply.status(204).send();
    },
  );
}
