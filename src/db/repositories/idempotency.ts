/** Remembered answers to creates sent with an Idempotency-Key. */
import type { Executor } from '../schema';

export interface RememberedCreate {
  bodyHash: string;
  statusCode: number;
  resourceId: string;
}

export async function findRemembered(db: Executor, scope: string, key: string): Promise<RememberedCreate | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row
    ? {
        bodyHash: row.body_hash,
        statusCode: Number(row.status_code),
        resourceId: (JSON.parse(row.response) as { id: string }).id,
      }
    : undefined;
}

export async function remember(db: Executor, scope: string, key: string, value: RememberedCreate, at: string): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      scope,
      key,
      body_hash: value.bodyHash,
      status_code: value.statusCode,
      response: JSON.stringify({ id: value.resourceId }),
      created_at: at,
    })
    .execute();
}
