/** The Fastify application: API under /api, the web UI for every other path. */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../config';
import type { Deps } from '../services/context';
import type { WebhookSettings } from '../services/webhooks/manage-webhooks';
import { VERSION } from '../version';
import { alarmRoutes } from './alarms/routes';
import { alertRoutes } from './alerts/routes';
import { allocationRoutes } from './allocation/routes';
import { analyticsRoutes } from './analytics/routes';
import type { App } from './app-types';
import { auditRoutes } from './audit/routes';
import { authHook } from './auth';
import { authRoutes } from './auth/routes';
import { bulletinRoutes } from './bulletins/routes';
import { capacityRoutes } from './capacity/routes';
import { commandRoutes } from './command/routes';
import { ProblemSchema } from './common-schemas';
import { declarationRoutes } from './declarations/routes';
import { deploymentRoutes } from './deployments/routes';
import { embeddingRoutes } from './embedding/routes';
import { importRoutes } from './imports/routes';
import { evaluationRoutes } from './incidents/evaluation-routes';
import { incidentRoutes } from './incidents/routes';
import { knowledgeRoutes } from './knowledge/routes';
import { ledgerRoutes } from './ledger/routes';
import { LiveHub } from './live/hub';
import { liveRoutes } from './live/routes';
import { membershipRoutes } from './membership/routes';
import { moneyRoutes } from './money/routes';
import { createMetrics } from './monitoring/metrics';
import { REQUEST_ID_HEADER, requestIdOf } from './monitoring/request-id';
import { monitoringRoutes } from './monitoring/routes';
import { needRoutes } from './needs/routes';
import { notificationRoutes } from './notifications/routes';
import { offerRoutes } from './offers/routes';
import { organizationRoutes } from './organizations/routes';
import { passRoutes } from './passes/routes';
import { personalDataRoutes } from './personal-data/routes';
import { handleError, problemOf, sendProblem } from './problem';
import { programRoutes } from './programs/routes';
import { publicRoutes } from './public/routes';
import { referenceRoutes } from './reference/routes';
import { securityHeaders } from './security-headers';
import { setupRoutes } from './setup/routes';
import { statementRoutes } from './statements/routes';
import { taskRoutes } from './tasks/routes';
import { userRoutes } from './users/routes';
import { warehouseRoutes } from './warehouses/routes';
import { webPageFor } from './web-pages';
import { webhookRoutes } from './webhooks/routes';

export interface AppOptions {
  deps: Deps;
  config: Pick<
    Config,
    | 'bodyLimit'
    | 'authRateLimit'
    | 'applicationRateLimit'
    | 'publicRateLimit'
    | 'reportRateLimit'
    | 'secureCookies'
    | 'mapStyleUrl'
  > &
    Partial<Pick<Config, 'capSender' | 'capAllowedSenders' | 'metricsToken'>>;
  /** Built web UI to serve; omitted in API-only tests. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
  /** How often live updates are read from the database, ms. */
  livePollMs?: number;
  /** Whether webhooks may reach private and loopback addresses (CORESPOND_WEBHOOKS_ALLOW_PRIVATE). */
  webhooks?: WebhookSettings;
  /** Told of every route as it is registered (the leak scanner calls each one). */
  onRoute?: (route: { method: string; url: string }) => void;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { deps, config } = options;
  const app: App = Fastify({
    logger: options.logger ?? false,
    genReqId: requestIdOf,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimit,
    // Requests the HTTP parser rejects (a raw non-ASCII URL, say) still get a problem answer.
    clientErrorHandler: (error, socket) => {
      const requestId = randomUUID();
      const body = JSON.stringify({
        type: 'urn:corespond:problem:invalid_input',
        title: 'The request could not be parsed',
        status: 400,
        code: 'invalid_input',
        detail: error.message,
        requestId,
      });
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 400 Bad Request\r\ncontent-type: application/problem+json\r\nx-content-type-options: nosniff\r\nx-request-id: ${requestId}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
      }
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const { onRoute } = options;
  if (onRoute) {
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) onRoute({ method, url: route.url });
    });
  }
  // First of all hooks, so every answer carries its id, errors and refusals included.
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  const hub = new LiveHub(deps, options.livePollMs);
  const metrics = createMetrics(deps, hub);
  app.addHook('onResponse', async (request, reply) => metrics.observeRequest(request, reply));
  app.addHook('onClose', async () => metrics.close());
  app.decorateRequest('actor', null);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.setErrorHandler(handleError);

  await app.register(helmet, securityHeaders(config));
  // API answers and files not compressed at build time go out as Brotli or gzip (for phones on
  // weak networks). Brotli at quality 4: near gzip's speed with smaller answers; the build's
  // assets come Brotli-11 from their .br files. The live stream writes to the socket itself
  // (live/routes.ts), so it is never buffered here. Request bodies are not decompressed.
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CoRespond 协应 API',
        version: VERSION,
        description:
          'Open cooperation network of government emergency agencies and social organizations. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'corespond_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', authHook(deps));
  // Every API route documents its problem answers (one shape, codes from the error table).
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || !route.schema) return;
    route.schema.response = { ...(route.schema.response as object), '4xx': ProblemSchema, '5xx': ProblemSchema };
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await monitoringRoutes(app, deps, { metrics, metricsToken: config.metricsToken ?? null, version: VERSION });

  await referenceRoutes(app, config);
  await setupRoutes(app, deps, config);
  await authRoutes(app, deps, config);
  await organizationRoutes(app, deps);
  await membershipRoutes(app, deps, config);
  await embeddingRoutes(app, deps);
  await capacityRoutes(app, deps);
  await declarationRoutes(app, deps);
  await importRoutes(app, deps);
  await incidentRoutes(app, deps);
  await commandRoutes(app, deps);
  await evaluationRoutes(app, deps, config);
  await deploymentRoutes(app, deps);
  await alarmRoutes(app, deps);
  await notificationRoutes(app, deps);
  await taskRoutes(app, deps);
  await passRoutes(app, deps, config);
  await statementRoutes(app, deps, config);
  await bulletinRoutes(app, deps, config);
  await offerRoutes(app, deps, config);
  await allocationRoutes(app, deps);
  await needRoutes(app, deps);
  await programRoutes(app, deps);
  await knowledgeRoutes(app, deps);
  await warehouseRoutes(app, deps);
  await webhookRoutes(app, deps, options.webhooks ?? { allowPrivate: false });
  await ledgerRoutes(app, deps);
  await moneyRoutes(app, deps);
  await analyticsRoutes(app, deps, config);
  await publicRoutes(app, deps, config);
  await alertRoutes(app, deps, config);
  app.addHook('onReady', () => hub.start());
  app.addHook('onClose', async () => hub.stop());
  await liveRoutes(app, deps, hub);
  await userRoutes(app, deps, config);
  await auditRoutes(app, deps);
  await personalDataRoutes(app, deps);

  const webDist = options.webDist;
  const hasWeb = webDist !== undefined && existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      index: ['index.html'],
      // The build writes .br and .gz beside each file; a browser that accepts them gets those.
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, path) {
        // Files under assets/ carry a hash of their content in their name: they never change.
        const immutable = path.includes(`${sep}assets${sep}`);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        // The service worker (web/src/offline/sw.ts) controls the whole site from the root; the
        // browser checks it for updates on every visit (no-cache, above).
        if (/[\\/]sw\.js(\.br|\.gz)?$/.test(path)) res.setHeader('service-worker-allowed', '/');
        if (path.endsWith('.webmanifest')) res.setHeader('content-type', 'application/manifest+json');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    // Page paths get the app; API paths and missing files (anything with an extension) get a 404 problem.
    if (path.startsWith('/api') || !hasWeb || request.method !== 'GET' || /\.[A-Za-z0-9]+$/.test(path)) {
      return sendProblem(
        reply,
        problemOf('route_not_found', request, { detail: `${request.method} ${path} is not an endpoint` }),
      );
    }
    return reply.type('text/html').sendFile(webPageFor(path));
  });
  return app;
}
