/**
 * What the server's request log may say (a log line is a disclosure too): the method and the
 * route's path without its query string — searches and filters can carry names — and with a
 * receipt code (a bearer secret: whoever holds it follows and resolves the need) masked.
 */
import type { FastifyServerOptions } from 'fastify';

interface LoggedRequest {
  method: string;
  url: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** A request's path as the log shows it. */
export function loggedPath(url: string): string {
  const path = url.split('?')[0];
  return path.replace(/(\/public\/receipts\/)[^/]+/, '$1…');
}

/** Logger options of the server: its level, and requests serialized without personal data. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: loggedPath(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
