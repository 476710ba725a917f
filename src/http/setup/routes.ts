import { Type } from 'typebox';
import type { Config } from '../../config';
import { openSession } from '../../services/auth/sessions';
import type { Deps } from '../../services/context';
import { loadDemoNetwork } from '../../services/demo/demo-network';
import { createFirstAdmin, setupNeeded } from '../../services/users/set-up-platform';
import type { App } from '../app-types';
import { SessionSchema, startBrowserSession } from '../auth/routes';
import { Password } from '../users/schemas';

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
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 254 }),
            password: Password,
            displayName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
            loadDemo: Type.Optional(Type.Boolean({ description: 'also load the demo network with one account per role' })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            ...SessionSchema.properties,
            demo: Type.Union([
              Type.Object({
                organizations: Type.Integer(),
                accounts: Type.Array(
                  Type.Object({
                    role: Type.String(),
                    email: Type.String(),
                    password: Type.String(),
                    organization: Type.Union([Type.String(), Type.Null()]),
                    jurisdiction: Type.Union([Type.String(), Type.Null()]),
                  }),
                ),
              }),
              Type.Null(),
            ]),
          }),
        },
      },
    },
    async (request, reply) => {
      const { loadDemo, ...admin } = request.body;
      const user = await createFirstAdmin(deps, admin, 'setup-page');
      const demo = loadDemo ? await loadDemoNetwork(deps) : null;
      const opened = await openSession(deps, user, 'cookie');
      return reply.status(201).send({ ...startBrowserSession(reply, config, { user, ...opened }), demo });
    },
  );
}
