/**
 * Who is calling: a bearer token (machine clients) or the session cookie (browsers, with
 * a CSRF token on every change). Routes of the API proper (/api/v1) are private unless
 * their config says `public`; the web UI's files, health and the API docs are open.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../model/errors';
import { authenticate, type Session, type User, userActor } from '../services/auth/sessions';
import type { Actor, Deps } from '../services/context';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    user: User | null;
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** A health probe or metrics scrape: answers for the process, so no sign-in is looked up. */
    probe?: boolean;
  }
}

export const SESSION_COOKIE = 'corespond_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authHook(deps: Deps) {
  return async function identify(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.actor = null;
    request.user = null;
    request.session = null;
    if (request.routeOptions.config.probe) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const found = await authenticate(deps, header.slice(7).trim(), 'token');
      if (found) Object.assign(request, { actor: userActor(found.user), user: found.user, session: found.session });
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const found = cookie ? await authenticate(deps, cookie, 'cookie') : undefined;
      if (found) {
        if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== found.session.csrfToken) {
          throw new AppError('csrf_failed');
        }
        Object.assign(request, { actor: userActor(found.user), user: found.user, session: found.session });
      }
    }
    const route = request.routeOptions;
    if (route.url?.startsWith('/api/v1/') && !route.config.public && !request.actor) throw new AppError('not_authenticated');
  };
}

/** The signed-in actor of a private route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('not_authenticated');
  return request.actor;
}
