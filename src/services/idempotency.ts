/**
 * Field clients retry. A create sent with an Idempotency-Key is remembered in the same
 * transaction that makes the record, so a retry with the same key, route and client returns
 * the first record and never makes a second; the same key with another body is refused (422).
 */
import { createHash } from 'node:crypto';
import { findRemembered, remember } from '../db/repositories/idempotency';
import type { Executor } from '../db/schema';
import { AppError } from '../model/errors';
import type { Deps } from './context';
import { nowIso } from './context';

export interface IdempotentRequest {
  key: string;
  /** Route and client, e.g. "POST /api/v1/public/needs|ip:1.2.3.4". */
  scope: string;
  body: unknown;
}

function hashBody(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

/** The id created earlier for this key, if any (refusing a different body). */
export async function earlierResult(db: Executor, request: IdempotentRequest | undefined): Promise<string | undefined> {
  if (!request) return undefined;
  const found = await findRemembered(db, request.scope, request.key);
  if (!found) return undefined;
  if (found.bodyHash !== hashBody(request.body)) {
    throw new AppError('idempotency_mismatch', {
      field: 'Idempotency-Key',
      detail: 'this key was used before with a different body',
    });
  }
  return found.resourceId;
}

/** Remembers the record a key created, inside the creating transaction. */
export async function rememberResult(
  trx: Executor,
  deps: Deps,
  request: IdempotentRequest | undefined,
  resourceId: string,
): Promise<void> {
  if (!request) return;
  await remember(
    trx,
    request.scope,
    request.key,
    { bodyHash: hashBody(request.body), statusCode: 201, resourceId },
    nowIso(deps),
  );
}

function isKeyConflict(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}

/**
 * Runs an idempotent create; if a concurrent request with the same key committed first (our
 * remember() then conflicts and our transaction rolls back), runs it again to answer with theirs.
 */
export async function idempotently<T>(request: IdempotentRequest | undefined, create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (request && isKeyConflict(error)) return create();
    throw error;
  }
}
