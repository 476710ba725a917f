/** Turns every failure into an RFC 9457 problem with a code from the one error table. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS, type ErrorCode } from '../model/errors';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  field?: string;
  /** The request's id (also its X-Request-Id header), for finding it in the server's log. */
  requestId: string;
}

export function problemOf(
  code: ErrorCode,
  request: FastifyRequest,
  extra: { detail?: string; field?: string; members?: Record<string, unknown> } = {},
): Problem {
  const entry = ERRORS[code];
  const zh = /^zh/i.test(request.headers['accept-language'] ?? '');
  return {
    type: `urn:corespond:problem:${code}`,
    title: zh ? entry.zh : entry.en,
    status: entry.status,
    code,
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.field ? { field: extra.field } : {}),
    ...extra.members,
    requestId: request.id,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

interface ValidationEntry {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The field a schema error is about, as a JSON pointer without the leading slash. */
function fieldOf(entry: ValidationEntry, context: string | undefined): string {
  let path = (entry.instancePath ?? '').replace(/^\//, '');
  const missing = entry.params?.missingProperty ?? entry.params?.additionalProperty;
  if (typeof missing === 'string') path = path ? `${path}/${missing}` : missing;
  if (!path && context && context !== 'body') return context;
  return path || (context ?? 'body');
}

function fromFastifyError(error: FastifyError): { code: ErrorCode; detail?: string; field?: string } {
  if (error.validation && error.validation.length > 0) {
    const entry = error.validation[0] as ValidationEntry;
    const field = fieldOf(entry, error.validationContext);
    if (entry.keyword === 'additionalProperties') {
      return { code: 'unknown_field', field, detail: `${field} is not a known field` };
    }
    return { code: 'invalid_input', field, detail: `${field} ${entry.message ?? 'is not valid'}` };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'malformed_json', detail: error.message };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'body_too_large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'unsupported_media_type' };
  }
  if (error instanceof SyntaxError) return { code: 'malformed_json', detail: error.message };
  const status = error.statusCode ?? 500;
  if (status === 401) return { code: 'not_authenticated' };
  if (status === 403) return { code: 'forbidden' };
  if (status === 429) return { code: 'rate_limited' };
  if (status === 413) return { code: 'body_too_large' };
  if (status === 415) return { code: 'unsupported_media_type' };
  if (status === 404) return { code: 'route_not_found' };
  if (status >= 400 && status < 500) return { code: 'invalid_input', detail: error.message };
  return { code: 'internal_error' };
}

/** Seconds a client is asked to wait before trying a request the database was too busy for. */
export const BUSY_RETRY_AFTER_S = 5;

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    if (error.code === 'database_busy') {
      request.log.warn({ code: error.code, detail: error.detail }, 'database busy');
      reply.header('retry-after', String(BUSY_RETRY_AFTER_S));
    }
    return sendProblem(reply, problemOf(error.code, request, { detail: error.detail, field: error.field, members: error.extra }));
  }
  const mapped = fromFastifyError(error as FastifyError);
  if (mapped.code === 'internal_error') request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problemOf(mapped.code, request, mapped));
}
