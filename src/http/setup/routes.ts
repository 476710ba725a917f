import { Type } from 'typebox';
import type { Config } from '../../config';
import { openSession } from '../../services/auth/sessions';
import type { Deps } from '../../services/context';
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
          },
          { additionalProperties: false },
        ),
        response: { 201: SessionSchema },
      },
    },
    async (request, reply) => {
      const user = await createFirstAdmin(deps, request.body, 'setup-page');
      const opened = await openSession(deps, user, 'cookie');
      return reply.status(201).send(startBrowserSession(reply, config, { user, ...opened }));
    },
  );
}
