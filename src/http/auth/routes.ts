import type { FastifyReply } from 'fastify';
import type { Config } from '../../config';
import { capabilitiesOfUser } from '../../services/auth/capabilities';
import { type Session, signIn, signOut, type User, userActor } from '../../services/auth/sessions';
import type { Deps } from '../../services/context';
import { changeOwnPassword } from '../../services/users/manage-users';
import type { App } from '../app-types';
import { actorOf, SESSION_COOKIE } from '../auth';
import { Credentials, PasswordChangeBody, SessionSchema, TokenBody, TokenSchema } from './schemas';

const tags = ['auth'];

/** The session answer: the user, the CSRF token, and what the user may do. */
async function sessionAnswer(deps: Deps, user: User, csrfToken: string) {
  return { user, csrfToken, capabilities: await capabilitiesOfUser(deps, userActor(user)) };
}

/** Sets the session cookie and answers with the user, the CSRF token and the user's capabilities. */
export function startBrowserSession(
  deps: Deps,
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
  return sessionAnswer(deps, result.user, result.session.csrfToken ?? '');
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
      startBrowserSession(deps, reply, config, await signIn(deps, request.body.email, request.body.password, 'cookie')),
  );

  app.post(
    '/api/v1/auth/token',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Issue a bearer token for a machine client',
        body: TokenBody,
        response: { 201: TokenSchema },
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
    { schema: { tags, summary: 'The signed-in user and what they may do', response: { 200: SessionSchema } } },
    async (request) => {
      actorOf(request);
      return sessionAnswer(deps, request.user as User, request.session?.csrfToken ?? '');
    },
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
        body: PasswordChangeBody,
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      await changeOwnPassword(deps, actorOf(request), currentPassword, newPassword, request.session?.id ?? null);
      return reply.status(204).send();
    },
  );
}
