/** User accounts. E-mail addresses are stored lower-cased. */
import type { Role } from '../../model/roles';
import type { User } from '../../model/user';

export type { User };

import type { DialectName } from '../database';
import { lockedForChange } from '../row-lock';
import type { Executor, UsersTable } from '../schema';

export interface UserCredentials extends User {
  passwordHash: string;
  failedLogins: number;
  lockedUntil: string | null;
}

function toUser(row: UsersTable): UserCredentials {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    organizationId: row.organization_id,
    jurisdiction: row.jurisdiction,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordHash: row.password_hash,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
  };
}

/** The account without its secrets. */
export function publicUser(user: UserCredentials | User): User {
  const { id, email, displayName, role, organizationId, jurisdiction, disabled, createdAt, updatedAt } = user;
  return { id, email, displayName, role, organizationId, jurisdiction, disabled, createdAt, updatedAt };
}

export async function findUser(db: Executor, id: string): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/**
 * An account about to be changed inside a transaction, its row locked until the transaction
 * ends (see lockedForChange): a profile saved whole must not put back a concurrent disable.
 */
export async function findUserForUpdate(db: Executor, dialect: DialectName, id: string): Promise<UserCredentials | undefined> {
  const row = await lockedForChange(db.selectFrom('users').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserCredentials | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Executor, user: UserCredentials): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      organization_id: user.organizationId,
      jurisdiction: user.jurisdiction,
      disabled: user.disabled ? 1 : 0,
      failed_logins: user.failedLogins,
      locked_until: user.lockedUntil,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    })
    .execute();
}

/**
 * Writes an account's profile. Its credentials are left alone, so a row read before a
 * password change or a failed sign-in does not undo them.
 */
export async function saveUser(db: Executor, user: User): Promise<void> {
  await db
    .updateTable('users')
    .set({
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      organization_id: user.organizationId,
      jurisdiction: user.jurisdiction,
      disabled: user.disabled ? 1 : 0,
      updated_at: user.updatedAt,
    })
    .where('id', '=', user.id)
    .execute();
}

/**
 * Sets a new password and clears the lockout, touching no other column. With `expected`, only
 * while the row still has that password hash and that disabled state; answers whether it did.
 */
export async function setPassword(
  db: Executor,
  id: string,
  passwordHash: string,
  at: string,
  expected: { passwordHash?: string; disabled?: boolean } = {},
): Promise<boolean> {
  let query = db
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: at })
    .where('id', '=', id);
  if (expected.passwordHash !== undefined) query = query.where('password_hash', '=', expected.passwordHash);
  if (expected.disabled !== undefined) query = query.where('disabled', '=', expected.disabled ? 1 : 0);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Counts a password attempt unless the account is locked at `now`, in one statement, and locks
 * it until `lockedUntil` when the count reaches `limit`. Undefined when the account is locked.
 * Not audited: it is not a change of data.
 */
export async function reserveLoginAttempt(
  db: Executor,
  id: string,
  at: { now: string; lockedUntil: string; limit: number },
): Promise<{ failedLogins: number; lockedUntil: string | null } | undefined> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      // SET reads the row as it was before this statement: the old count plus this attempt.
      locked_until: eb
        .case()
        .when('failed_logins', '>=', at.limit - 1)
        .then(eb.val(at.lockedUntil))
        .else(eb.ref('locked_until'))
        .end(),
    }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at.now)]))
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
  return row ? { failedLogins: row.failed_logins, lockedUntil: row.locked_until } : undefined;
}

export async function clearFailedLogins(db: Executor, id: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

/** Users, optionally of one organization, ordered by e-mail, one page after a cursor. */
export async function listUsers(
  db: Executor,
  filter: { organizationId?: string },
  page: { limit: number; afterEmail?: string },
): Promise<{ items: User[]; total: number; hasMore: boolean }> {
  let query = db.selectFrom('users');
  if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
  const counted = await query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  let rowsQuery = query.selectAll();
  if (page.afterEmail) rowsQuery = rowsQuery.where('email', '>', page.afterEmail);
  const rows = await rowsQuery
    .orderBy('email')
    .limit(page.limit + 1)
    .execute();
  return {
    items: rows.slice(0, page.limit).map((r) => publicUser(toUser(r))),
    total: Number(counted.n),
    hasMore: rows.length > page.limit,
  };
}
