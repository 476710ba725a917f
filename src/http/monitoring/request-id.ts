/**
 * Request ids: every request gets one, a sane id the client sent in `X-Request-Id` (a proxy's,
 * say, so its log and ours meet) or a fresh UUID. It comes back as `X-Request-Id`, as
 * `requestId` in every problem answer and in every log line of the request.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Letters, digits and a few separators, at most 128: nothing that could forge a log line or a header. */
const SANE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** Fastify's genReqId: the client's id when it is sane, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}
