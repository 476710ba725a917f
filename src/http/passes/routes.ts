/** Deployment passes (通行证): the team leader's pass, the keys that verify it, and its status for checkpoints. */
import type { Config } from '../../config';
import type { Deps } from '../../services/context';
import { deploymentPass } from '../../services/passes/issue-pass';
import { passStatus } from '../../services/passes/pass-status';
import { passJwks } from '../../services/passes/signing-keys';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { JwksSchema, PassSchema, PassStatusParams, PassStatusSchema } from './schemas';

const tags = ['deployments'];

export async function passRoutes(app: App, deps: Deps, config: Pick<Config, 'publicRateLimit'>): Promise<void> {
  const rateLimit = { max: config.publicRateLimit, timeWindow: '1 minute' };

  app.get(
    '/api/v1/deployments/:id/pass',
    {
      schema: {
        tags,
        summary:
          'The pass (通行证) of an approved, en route, checked-in or working deployment, for its team and the incident’s coordinators',
        params: IdParams,
        response: { 200: PassSchema },
      },
    },
    async (request) => deploymentPass(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/.well-known/jwks.json',
    {
      config: { public: true, rateLimit },
      schema: { tags, summary: 'The public keys that verify passes (JWKS, Ed25519)', response: { 200: JwksSchema } },
    },
    async (_request, reply) => {
      // Checkpoints keep the keys; a new key reaches them within minutes.
      reply.header('cache-control', 'public, max-age=300');
      return passJwks(deps);
    },
  );

  app.get(
    '/api/v1/public/passes/:jti',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary: 'Whether a pass is valid, revoked or expired (nothing else about it)',
        params: PassStatusParams,
        response: { 200: PassStatusSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return passStatus(deps, request.params.jti);
    },
  );
}
