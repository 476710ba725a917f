/**
 * Password checks that count toward an account's lockout: five failures lock it for fifteen
 * minutes. Sign-in and a password change prove a password through here, so guessing through
 * either is limited alike.
 */
import { clearFailedLogins, reserveLoginAttempt, type UserCredentials } from '../../db/repositories/users';
import type { Deps } from '../context';
import { dummyPasswordHash, passwordMatches } from './passwords';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** `locked` also answers the guess that reached the limit, as a sequential run of guesses sees it. */
export type PasswordCheck = 'right' | 'wrong' | 'locked';

/**
 * Verifies one password for an account, or for no account (then against a dummy hash), so every
 * path costs one argon2 verification. The attempt is counted before its password is verified, in
 * one conditional update: parallel guesses lock the account exactly as sequential ones do, and no
 * more than MAX_FAILED_LOGINS guesses are verified per lock; a right password clears the count.
 */
export async function checkPassword(deps: Deps, user: UserCredentials | undefined, password: string): Promise<PasswordCheck> {
  if (!user) {
    await passwordMatches(await dummyPasswordHash(), password);
    return 'wrong';
  }
  const now = deps.now();
  const attempt = await reserveLoginAttempt(deps.db, user.id, {
    now: now.toISOString(),
    lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString(),
    limit: MAX_FAILED_LOGINS,
  });
  if (!attempt) {
    await passwordMatches(await dummyPasswordHash(), password);
    return 'locked';
  }
  if (await passwordMatches(user.passwordHash, password)) {
    await clearFailedLogins(deps.db, user.id);
    return 'right';
  }
  return attempt.failedLogins >= MAX_FAILED_LOGINS ? 'locked' : 'wrong';
}
