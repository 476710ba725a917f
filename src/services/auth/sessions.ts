/**
 * Sign-in for browsers (cookie session with a CSRF token) and machine clients (bearer
 * token). Throttling: five failures lock the account for fifteen minutes (see lockout.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { findSession, insertSession, revokeSession, type Session, type SessionKind } from '../../db/repositories/sessions';
import { findUser, findUserByEmail, publicUser, type User } from '../../db/repositories/users';
import { AppError } from '../../model/errors';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { checkPassword } from './lockout';

export type { Session, User };

const LIFETIME_DAYS: Record<SessionKind, number> = { cookie: 7, token: 365 };

function sessionId(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The actor a signed-in user acts as. */
export function userActor(user: User): Actor {
  return { kind: 'user', userId: user.id, role: user.role, organizationId: user.organizationId, jurisdiction: user.jurisdiction };
}

/**
 * Every path verifies one password hash, so the answer takes as long whether or not the
 * account exists; an unknown e-mail and a wrong password get the same problem. A locked
 * account answers `login_throttled` and a disabled one, to its right password only,
 * `account_disabled`, as the API documents.
 */
async function checkCredentials(deps: Deps, email: string, password: string): Promise<User> {
  const user = await findUserByEmail(deps.db, email);
  const check = await checkPassword(deps, user, password);
  if (check === 'locked') throw new AppError('login_throttled');
  if (check === 'wrong' || !user) throw new AppError('invalid_credentials');
  if (user.disabled) throw new AppError('account_disabled');
  return publicUser(user);
}

/** Opens a session for a user already known; returns the secret to hand to the client. */
export async function openSession(
  deps: Deps,
  user: User,
  kind: SessionKind,
  label: string | null = null,
): Promise<{ secret: string; session: Session }> {
  const secret = randomBytes(32).toString('base64url');
  const now = deps.now();
  const session: Session = {
    id: sessionId(secret),
    userId: user.id,
    kind,
    label,
    csrfToken: kind === 'cookie' ? randomBytes(24).toString('base64url') : null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + LIFETIME_DAYS[kind] * 86_400_000).toISOString(),
    revokedAt: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertSession(trx, session);
    // A bearer token is a standing credential, so its issue is on the record; browser sign-ins are not changes.
    if (kind === 'token') {
      await recordChange(trx, deps, userActor(user), {
        action: 'token.issue',
        entityType: 'token',
        entityId: session.id.slice(0, 16),
        after: { userId: user.id, label, expiresAt: session.expiresAt },
      });
    }
  });
  return { secret, session };
}

/** Checks e-mail and password and opens a session of the given kind. */
export async function signIn(
  deps: Deps,
  email: string,
  password: string,
  kind: SessionKind,
  label: string | null = null,
): Promise<{ user: User; secret: string; session: Session }> {
  const user = await checkCredentials(deps, email, password);
  return { user, ...(await openSession(deps, user, kind, label)) };
}

type Found = { user: User; session: Session };

/**
 * Sessions looked up in the last second, so a busy field client does not cost two look-ups
 * on every request. Changes to users and sessions made by this process forget them at once;
 * another process sharing the database sees such a change within the second.
 */
interface Remembered {
  byId: Map<string, { found: Found; at: number }>;
  /** Counts forgettings, so a look-up that began before one does not remember what it read. */
  generation: number;
}
const remembered = new WeakMap<Deps, Remembered>();
const REMEMBER_MS = 1000;
const MAX_REMEMBERED = 10_000;

function rememberedOf(deps: Deps): Remembered {
  let kept = remembered.get(deps);
  if (!kept) {
    kept = { byId: new Map(), generation: 0 };
    remembered.set(deps, kept);
  }
  return kept;
}

/** Forgets every session remembered: call after a change to users or sessions has committed. */
export function forgetSessions(deps: Deps): void {
  const kept = rememberedOf(deps);
  kept.byId.clear();
  kept.generation++;
}

async function lookUp(deps: Deps, id: string): Promise<Found | undefined> {
  const kept = rememberedOf(deps);
  const now = performance.now();
  const hit = kept.byId.get(id);
  if (hit && now - hit.at < REMEMBER_MS) return hit.found;
  const generation = kept.generation;
  const session = await findSession(deps.db, id);
  const user = session ? await findUser(deps.db, session.userId) : undefined;
  if (!session || !user) {
    kept.byId.delete(id);
    return undefined;
  }
  const found = { user, session };
  if (generation === kept.generation) {
    if (kept.byId.size >= MAX_REMEMBERED) kept.byId.clear();
    kept.byId.set(id, { found, at: now });
  }
  return found;
}

/** The live session and its user for a presented secret, or undefined. */
export async function authenticate(deps: Deps, secret: string, kind: SessionKind): Promise<Found | undefined> {
  const found = await lookUp(deps, sessionId(secret));
  if (!found) return undefined;
  const { session, user } = found;
  if (session.kind !== kind || session.revokedAt || new Date(session.expiresAt) <= deps.now()) return undefined;
  if (user.disabled) return undefined;
  return { user: publicUser(user), session };
}

export async function signOut(deps: Deps, session: Session): Promise<void> {
  await revokeSession(deps.db, session.id, nowIso(deps));
  forgetSessions(deps);
}
