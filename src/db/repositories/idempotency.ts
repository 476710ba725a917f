/** Remembered answers to creates sent with an Idempotency-Key. */
import { insertInChunks, selectInChunks } from '../bulk';
import type { Executor, IdempotencyKeysTable } from '../schema';

export interface RememberedCreate {
  bodyHash: string;
  statusCode: number;
  resourceId: string;
}

const toRemembered = (row: IdempotencyKeysTable): RememberedCreate => ({
  bodyHash: row.body_hash,
  statusCode: Number(row.status_code),
  resourceId: (JSON.parse(row.response) as { id: string }).id,
});

export async function remember(
  db: Executor,
  entries: { scope: string; key: string; value: RememberedCreate }[],
  at: string,
): Promise<void> {
  await insertInChunks(
    db,
    'idempotency_keys',
    entries.map(({ scope, key, value }) => ({
      scope,
      key,
      body_hash: value.bodyHash,
      status_code: value.statusCode,
      response: JSON.stringify({ id: value.resourceId }),
      created_at: at,
    })),
  );
}

/** Remembered answers for several (scope, key) pairs at once, keyed by scope and key. */
export async function findRememberedMany(
  db: Executor,
  requests: { scope: string; key: string }[],
): Promise<Map<string, RememberedCreate>> {
  const found = new Map<string, RememberedCreate>();
  const keys = [...new Set(requests.map((r) => r.key))];
  // Scopes are few (route and client); with them the look-up runs along the (scope, key) primary key.
  const scopes = [...new Set(requests.map((r) => r.scope))];
  const wanted = new Set(requests.map((r) => rememberedKey(r.scope, r.key)));
  const rows = await selectInChunks(keys, (chunk) =>
    db.selectFrom('idempotency_keys').selectAll().where('scope', 'in', scopes).where('key', 'in', chunk).execute(),
  );
  for (const row of rows) {
    const at = rememberedKey(row.scope, row.key);
    if (wanted.has(at)) found.set(at, toRemembered(row));
  }
  return found;
}

export function rememberedKey(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}
