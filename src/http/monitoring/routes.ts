/**
 * Operations' routes: `/api/health` (the process is alive; touches nothing), `/api/ready`
 * (the database answers and its schema is current) and `/metrics` (Prometheus text, for this
 * machine or a holder of the metrics token).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../model/errors';
import type { Deps } from '../../services/context';
import { checkReadiness } from '../../services/health';
import type { App } from '../app-types';
import type { AppMetrics } from './metrics';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * A scraper on this machine, or one holding the token. A request a reverse proxy forwarded
 * comes from loopback too, but on behalf of someone else: it needs the token.
 */
function mayScrape(request: FastifyRequest, token: string | null): boolean {
  const header = request.headers.authorization;
  if (token && header?.startsWith('Bearer ')) return timingSafeEqual(digest(header.slice(7).trim()), digest(token));
  const forwarded = FORWARDING_HEADERS.some((h) => request.headers[h] !== undefined);
  return !forwarded && LOOPBACK.test(request.socket.remoteAddress ?? '');
}

const Health = Type.Object({ status: Type.Literal('ok'), version: Type.String() });
const Ready = Type.Object({ status: Type.Literal('ready'), database: Type.String(), version: Type.String() });

export async function monitoringRoutes(
  app: App,
  deps: Deps,
  options: { metrics: AppMetrics; metricsToken: string | null; version: string },
): Promise<void> {
  // Probes and scrapes answer for the process, not for a user: no sign-in is looked up.
  app.get(
    '/api/health',
    {
      config: { public: true, probe: true },
      schema: {
        tags: ['platform'],
        summary: 'Liveness: the process answers (the database is not asked)',
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' as const, version: options.version }),
  );

  app.get(
    '/api/ready',
    {
      config: { public: true, probe: true },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: the database answers and its migrations are current (503 not_ready otherwise)',
        response: { 200: Ready },
      },
    },
    async (request) => {
      const readiness = await checkReadiness(deps);
      if (readiness.ready) return { status: 'ready' as const, database: deps.dialect, version: options.version };
      if (readiness.reason === 'database_unreachable') {
        // The driver's message can name hosts and users: it goes to the log, not to the public.
        request.log.error({ reason: readiness.detail }, 'not ready: database unreachable');
        throw new AppError('not_ready', { detail: 'the database does not answer' });
      }
      throw new AppError('not_ready', {
        detail: `${readiness.pending.length} database migrations have not run; run \`corespond migrate\``,
      });
    },
  );

  app.get(
    '/metrics',
    {
      config: { public: true, probe: true },
      schema: {
        tags: ['platform'],
        summary: 'Prometheus metrics (text format): from this machine, or with the metrics token as a bearer token',
      },
    },
    async (request, reply) => {
      if (!mayScrape(request, options.metricsToken)) throw new AppError('metrics_forbidden');
      const text = await options.metrics.render();
      return reply.type(options.metrics.registry.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
