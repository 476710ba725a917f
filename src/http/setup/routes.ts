import { Type } from 'typebox';
import type { Config } from '../../config';
import { openSession } from '../../services/auth/sessions';
import type { Deps } from '../../services/context';
import { loadDemoNetwork } from '../../services/demo/demo-network';
import { createFirstAdmin, setupNeeded } from '../../services/users/set-up-platform';
import type { App } from '../app-types';
import { startBrowserSession } from '../auth/routes';
import { SetupAnswerSchema, SetupBody } from './schemas';

const tags = ['setup'];

export async function setupRoutes(app: App, deps: Deps, config: Pick<Config, 'secureCookies' | 'authRateLimit'>): Promise<void> {
  app.get(
    '/api/v1/setup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Whether the platform still needs its first admin',
        response: { 200: Type.Object({ needed: Type.Boolean() }) },
      },
    },
    async () => ({ needed: await setupNeeded(deps) }),
  );
  app.post(
    '/api/v1/setup',
    {
      config: { public: true, rateLimit: { max: config.authRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Create the first platform admin (only on an empty platform)',
        body: SetupBody,
        response: { 201: SetupAnswerSchema },
      },
    },
    async (request, reply) => {
      const { loadDemo, ...admin } = request.body;
      const user = await createFirstAdmin(deps, admin, 'setup-page');
      const demo = loadDemo ? await loadDemoNetwork(deps) : null;
      const opened = await openSession(deps, user, 'cookie');
      return reply.status(201).send({ ...(await startBrowserSession(deps, reply, config, { user, ...opened })), demo });
    },
  );
}
