/**
 * Field clients retry. A create sent with an Idempotency-Key is remembered in the same
 * transaction that makes the record, so a retry with the same key, route and client returns
 * the first record and never makes a second; the same key with another body is refused (422).
 * Works on a whole group of creates at once (group commit), keys repeated inside the group included.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { findRememberedMany, remember, rememberedKey } from '../db/repositories/idempotency';
import type { Executor, Tables } from '../db/schema';
import { AppError } from '../model/errors';

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

function mismatch(): AppError {
  return new AppError('idempotency_mismatch', {
    field: 'Idempotency-Key',
    detail: 'this key was used before with a different body',
  });
}

/**
 * The keys of a group of creates: what each key made before (committed earlier or earlier in
 * the same group), and what to remember once the group's records are made.
 */
export class IdempotencyLedger {
  private constructor(
    private readonly known: Map<string, { bodyHash: string; resourceId: string }>,
    private readonly made: { scope: string; key: string; bodyHash: string; resourceId: string }[] = [],
  ) {}

  static async load(db: Executor, requests: (IdempotentRequest | undefined)[]): Promise<IdempotencyLedger> {
    const asked = requests.filter((r): r is IdempotentRequest => r !== undefined);
    const found = asked.length ? await findRememberedMany(db, asked) : new Map();
    return new IdempotencyLedger(new Map([...found].map(([k, v]) => [k, { bodyHash: v.bodyHash, resourceId: v.resourceId }])));
  }

  /** The id an earlier try with this key made, if any; a different body is refused. */
  earlier(request: IdempotentRequest | undefined): string | undefined {
    if (!request) return undefined;
    const found = this.known.get(rememberedKey(request.scope, request.key));
    if (!found) return undefined;
    if (found.bodyHash !== hashBody(request.body)) throw mismatch();
    return found.resourceId;
  }

  /** Notes the record a key made; it is remembered when the group is written. */
  record(request: IdempotentRequest | undefined, resourceId: string): void {
    if (!request) return;
    const entry = { scope: request.scope, key: request.key, bodyHash: hashBody(request.body), resourceId };
    this.known.set(rememberedKey(request.scope, request.key), entry);
    this.made.push(entry);
  }

  /** Writes what the group's keys made, inside the creating transaction. */
  async write(trx: Executor, at: string): Promise<void> {
    await remember(
      trx,
      this.made.map((m) => ({
        scope: m.scope,
        key: m.key,
        value: { bodyHash: m.bodyHash, statusCode: 201, resourceId: m.resourceId },
      })),
      at,
    );
  }
}

/** Whether a database error is a unique-key violation (PostgreSQL 23505, SQLite constraint). */
export function isKeyConflict(error: unknown): boolean {
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

/**
 * One create in its own transaction under an Idempotency-Key: a retry with the same key (also
 * one racing the first) answers with the record the first try made, and never makes a second.
 */
export async function createOnce(
  db: Kysely<Tables>,
  request: IdempotentRequest | undefined,
  at: () => string,
  create: (trx: Transaction<Tables>) => Promise<string>,
): Promise<{ id: string; replayed: boolean }> {
  return idempotently(request, () =>
    db.transaction().execute(async (trx) => {
      const ledger = await IdempotencyLedger.load(trx, [request]);
      const earlier = ledger.earlier(request);
      if (earlier) return { id: earlier, replayed: true };
      const id = await create(trx);
      ledger.record(request, id);
      await ledger.write(trx, at());
      return { id, replayed: false };
    }),
  );
}
