import type { Deps } from '../../services/context';
import { getIncident } from '../../services/incidents/read-incidents';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import type { LiveHub } from './hub';

export async function liveRoutes(app: App, deps: Deps, hub: LiveHub): Promise<void> {
  app.get(
    '/api/v1/incidents/:id/events',
    {
      // Events must reach the browser as they happen: never compressed (and so never buffered).
      compress: false,
      schema: {
        tags: ['live'],
        summary: 'Server-sent events of an incident (need, claim, deployment, incident); reconnect with Last-Event-ID',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await getIncident(deps, actorOf(request), request.params.id);
      const header = request.headers['last-event-id'];
      const query = (request.query as { lastEventId?: string }).lastEventId;
      const after = Number(Array.isArray(header) ? header[0] : (header ?? query ?? 0));
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      reply.raw.write('retry: 3000\n\n');
      await hub.attach(request.params.id, reply.raw, Number.isFinite(after) && after > 0 ? after : 0);
    },
  );
}
