/** Account use cases: create, change, reset a password, change one's own. */

import { findOrganization } from '../../db/repositories/organizations';
import { revokeUserSessions } from '../../db/repositories/sessions';
import {
  findUser,
  findUserByEmail,
  findUserForUpdate,
  insertUser,
  listUsers as listUserRows,
  publicUser,
  saveUser,
  setPassword,
  type User,
  type UserCredentials,
} from '../../db/repositories/users';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { findJurisdiction } from '../../model/jurisdictions';
import { type Role, roleNeedsJurisdiction, roleNeedsOrganization } from '../../model/roles';
import { recordChange } from '../audit/record-change';
import { checkPassword } from '../auth/lockout';
import { assertStrongPassword, hashPassword } from '../auth/passwords';
import { forgetSessions } from '../auth/sessions';
import { type Actor, type Deps, nowIso } from '../context';
import { decodeCursor, encodeCursor } from '../pagination';
import { assertCanManageUser, assertCanReadUser, canManageUser, userListScope } from '../policy';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  organizationId?: string | null;
  jurisdiction?: string | null;
  displayName?: string | null;
}

export interface UserPatch {
  role?: Role;
  organizationId?: string | null;
  jurisdiction?: string | null;
  displayName?: string | null;
  disabled?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks that role, organization and jurisdiction fit together and exist. */
async function checkPlacement(db: Executor, role: Role, organizationId: string | null, jurisdiction: string | null) {
  if (roleNeedsOrganization(role) && !organizationId) throw new AppError('role_needs_organization', { field: 'organizationId' });
  if (organizationId) {
    const org = await findOrganization(db, organizationId);
    if (!org)
      throw new AppError('not_found', { field: 'organizationId', detail: `organizationId: no organization ${organizationId}` });
    if (role === 'agency_staff' && org.kind !== 'government_agency') {
      throw new AppError('invalid_input', { field: 'organizationId', detail: 'agency staff belong to a government agency' });
    }
  }
  if (roleNeedsJurisdiction(role) && !jurisdiction) throw new AppError('role_needs_jurisdiction', { field: 'jurisdiction' });
  if (jurisdiction && !findJurisdiction(jurisdiction)) {
    throw new AppError('unknown_jurisdiction', {
      field: 'jurisdiction',
      detail: `jurisdiction: no GB/T 2260 division has the code ${jurisdiction}`,
    });
  }
}

/** Creates an account inside an open transaction (used by setup and by admins). */
export async function insertNewUser(trx: Executor, deps: Deps, actor: Actor, input: NewUser): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new AppError('invalid_input', { field: 'email', detail: 'email is not an e-mail address' });
  assertStrongPassword(input.password);
  const organizationId = input.organizationId ?? null;
  const jurisdiction = input.role === 'coordinator' ? (input.jurisdiction ?? null) : null;
  await checkPlacement(trx, input.role, organizationId, jurisdiction);
  if (await findUserByEmail(trx, email)) throw new AppError('email_taken', { field: 'email' });
  const at = nowIso(deps);
  const user: UserCredentials = {
    id: newId(),
    email,
    displayName: input.displayName?.trim() || null,
    role: input.role,
    organizationId,
    jurisdiction,
    disabled: false,
    createdAt: at,
    updatedAt: at,
    passwordHash: await hashPassword(input.password),
    failedLogins: 0,
    lockedUntil: null,
  };
  await insertUser(trx, user);
  await recordChange(trx, deps, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: publicUser(user) });
  return publicUser(user);
}

export async function createUser(deps: Deps, actor: Actor, input: NewUser): Promise<User> {
  assertCanManageUser(actor, { role: input.role, organizationId: input.organizationId ?? null });
  return deps.db.transaction().execute((trx) => insertNewUser(trx, deps, actor, input));
}

export async function updateUser(deps: Deps, actor: Actor, id: string, patch: UserPatch): Promise<User> {
  const updated = await deps.db.transaction().execute(async (trx) => {
    const before = await findUserForUpdate(trx, deps.dialect, id);
    if (!before) throw new AppError('not_found');
    const isSelf = actor.kind === 'user' && actor.userId === id;
    const onlyName = Object.keys(patch).every((k) => k === 'displayName');
    if (!(isSelf && onlyName)) {
      assertCanManageUser(actor, before);
      assertCanManageUser(actor, {
        role: patch.role ?? before.role,
        organizationId: patch.organizationId ?? before.organizationId,
      });
      if (isSelf && (patch.disabled || (patch.role && patch.role !== before.role))) {
        throw new AppError('forbidden', {
          field: patch.disabled ? 'disabled' : 'role',
          detail: 'you cannot disable or demote yourself',
        });
      }
    }
    const role = patch.role ?? before.role;
    const after: UserCredentials = {
      ...before,
      role,
      organizationId: patch.organizationId !== undefined ? patch.organizationId : before.organizationId,
      jurisdiction: role === 'coordinator' ? (patch.jurisdiction !== undefined ? patch.jurisdiction : before.jurisdiction) : null,
      displayName: patch.displayName !== undefined ? patch.displayName?.trim() || null : before.displayName,
      disabled: patch.disabled ?? before.disabled,
      updatedAt: nowIso(deps),
    };
    await checkPlacement(trx, after.role, after.organizationId, after.jurisdiction);
    await saveUser(trx, after);
    if (after.disabled && !before.disabled) await revokeUserSessions(trx, id, after.updatedAt);
    await recordChange(trx, deps, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before: publicUser(before),
      after: publicUser(after),
    });
    return publicUser(after);
  });
  forgetSessions(deps);
  return updated;
}

/** An administrator sets a new password (no e-mail server is assumed); all sessions and tokens end. */
export async function resetPassword(deps: Deps, actor: Actor, id: string, password: string): Promise<void> {
  assertStrongPassword(password);
  const passwordHash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUserForUpdate(trx, deps.dialect, id);
    if (!user) throw new AppError('not_found');
    assertCanManageUser(actor, user);
    const at = nowIso(deps);
    await setPassword(trx, id, passwordHash, at);
    await revokeUserSessions(trx, id, at);
    await recordChange(trx, deps, actor, { action: 'user.password_reset', entityType: 'user', entityId: id });
  });
  forgetSessions(deps);
}

/**
 * A user changes their own password, proving the current one (wrong guesses count toward the
 * sign-in lockout). Every other session and token of theirs ends; `keepSessionId`, the one
 * that made the change, stays. Both hashes are worked out before the transaction; inside it
 * only the password columns change, and only while the proven password is still the
 * account's and the account is still enabled, so a concurrent disable or reset wins.
 */
export async function changeOwnPassword(
  deps: Deps,
  actor: Actor,
  current: string,
  next: string,
  keepSessionId: string | null = null,
): Promise<void> {
  if (actor.kind !== 'user') throw new AppError('forbidden');
  assertStrongPassword(next, 'newPassword');
  const proven = await findUser(deps.db, actor.userId);
  const check = await checkPassword(deps, proven, current);
  if (check === 'locked') throw new AppError('login_throttled', { field: 'currentPassword' });
  if (check === 'wrong' || !proven) throw new AppError('invalid_credentials', { field: 'currentPassword' });
  const passwordHash = await hashPassword(next);
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUserForUpdate(trx, deps.dialect, actor.userId);
    if (!user || user.disabled) throw new AppError('account_disabled');
    const at = nowIso(deps);
    const changed = await setPassword(trx, user.id, passwordHash, at, { passwordHash: proven.passwordHash, disabled: false });
    if (!changed) throw new AppError('invalid_credentials', { field: 'currentPassword' });
    await revokeUserSessions(trx, user.id, at, keepSessionId);
    await recordChange(trx, deps, actor, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
  forgetSessions(deps);
}

export async function getUser(deps: Deps, actor: Actor, id: string): Promise<User> {
  const user = await findUser(deps.db, id);
  if (!user) throw new AppError('not_found');
  assertCanReadUser(actor, user);
  return publicUser(user);
}

export async function listUsers(
  deps: Deps,
  actor: Actor,
  page: { limit: number; cursor?: string },
): Promise<{ items: (User & { viewerCanManage: boolean })[]; total: number; nextCursor: string | null }> {
  const scope = userListScope(actor);
  const afterEmail = page.cursor ? String(decodeCursor(page.cursor, 1)[0]) : undefined;
  const result = await listUserRows(deps.db, scope, { limit: page.limit, afterEmail });
  const last = result.items[result.items.length - 1];
  return {
    items: result.items.map((user) => ({ ...user, viewerCanManage: canManageUser(actor, user) })),
    total: result.total,
    nextCursor: result.hasMore && last ? encodeCursor([last.email]) : null,
  };
}
