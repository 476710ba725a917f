/** Browser sessions and API tokens. Only a SHA-256 of each secret is stored. */
import type { Executor, SessionsTable } from '../schema';

export type SessionKind = 'cookie' | 'token';

export interface Session {
  id: string;
  userId: string;
  kind: SessionKind;
  label: string | null;
  csrfToken: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

function toSession(row: SessionsTable): Session {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind as SessionKind,
    label: row.label,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertSession(db: Executor, s: Session): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      kind: s.kind,
      label: s.label,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      revoked_at: s.revokedAt,
    })
    .execute();
}

export async function findSession(db: Executor, id: string): Promise<Session | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function revokeSession(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/**
 * Revokes every live session and token of a user (after a password change or reset, or
 * disabling), but the one `keepId` names, if any.
 */
export async function revokeUserSessions(db: Executor, userId: string, at: string, keepId: string | null = null): Promise<void> {
  let query = db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepId) query = query.where('id', '!=', keepId);
  await query.execute();
}
