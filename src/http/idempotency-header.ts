/**
 * The Idempotency-Key header of a create: read, checked and scoped to its route and client.
 * Field clients (the offline outbox) send one per submission and retry with it until they
 * get an answer, so a retry never makes a second record.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../model/errors';
import { KEY_MAX_LENGTH, publicKeyProblem } from '../model/idempotency-key';
import type { IdempotentRequest } from '../services/idempotency';

/** The header as documented in the OpenAPI schema of every route that honours it. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      // Length and shape are checked by idempotencyOf, so the problem names the header as sent.
      description:
        'Idempotency-Key: a fresh random key (a UUID) per submission, at most 200 characters. A retry with the same key answers with what the first try made and makes nothing new; the same key with a different body is a 422 idempotency_mismatch; an empty key is a 400.',
    }),
  ),
});

/**
 * The Idempotency-Key of a create, scoped to its route and client; a public create (no
 * client given) is scoped to its route and key alone, and its key must look random.
 * `body` is what a retry must repeat (by default the request body); an absent header is no
 * key, an empty or blank one is a 400.
 */
export function idempotencyOf(
  request: FastifyRequest,
  client: string | 'public',
  body: unknown = request.body,
): IdempotentRequest | undefined {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) return undefined;
  if (key.trim() === '') {
    throw new AppError('invalid_input', {
      field: 'Idempotency-Key',
      detail: 'Idempotency-Key is empty: send a fresh random key (a UUID) or leave the header out',
    });
  }
  const tooLong = key.length > KEY_MAX_LENGTH ? `Idempotency-Key is longer than ${KEY_MAX_LENGTH} characters` : null;
  const problem = client === 'public' ? publicKeyProblem(key) : tooLong;
  if (problem) throw new AppError('invalid_input', { field: 'Idempotency-Key', detail: problem });
  const route = `${request.method} ${request.routeOptions.url}`;
  return { key, scope: client === 'public' ? route : `${route}|${client}`, body };
}
