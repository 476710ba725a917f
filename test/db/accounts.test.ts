import { expect, it, vi } from 'vitest';
import { findUser } from '../../src/db/repositories/users';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../src/services/auth/lockout';
import { passwordMatches } from '../../src/services/auth/passwords';
import { authenticate, openSession, signIn } from '../../src/services/auth/sessions';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { changeOwnPassword, createUser, resetPassword, updateUser } from '../../src/services/users/manage-users';
import { createFirstAdmin, setupNeeded } from '../../src/services/users/set-up-platform';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';
import { waitFor } from '../support/wait';

// The real verifier, watched, so a test can count the argon2 verifications of each sign-in path.
vi.mock('../../src/services/auth/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/services/auth/passwords')>();
  return { ...real, passwordMatches: vi.fn(real.passwordMatches) };
});

/** The parts of an AppError the API turns into its problem answer. */
function problemOf(error: unknown) {
  const { code, field, detail, message } = error as { code: string; field?: string; detail?: string; message: string };
  return { code, field, detail, message };
}

describeEachDatabase('accounts and sign-in', (t) => {
  it('creates the first admin once, even when two set-ups race', async () => {
    const { deps } = t();
    expect(await setupNeeded(deps)).toBe(true);
    const results = await Promise.allSettled([
      createFirstAdmin(deps, { email: 'First@Example.cn', password: PASSWORD }, 'test'),
      createFirstAdmin(deps, { email: 'second@example.cn', password: PASSWORD }, 'test'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'setup_done' } });
    expect(await setupNeeded(deps)).toBe(false);
  });

  it('signs in with e-mail in any case and issues a working session', async () => {
    const { deps } = t();
    const admin = await signIn(deps, ' first@EXAMPLE.cn', PASSWORD, 'cookie').catch(() =>
      signIn(deps, 'second@example.cn', PASSWORD, 'cookie'),
    );
    expect(admin.user.role).toBe('platform_admin');
    expect(admin.session.csrfToken).toBeTruthy();
    expect((await authenticate(deps, admin.secret, 'cookie'))?.user.id).toBe(admin.user.id);
    // A cookie secret is not a bearer token.
    expect(await authenticate(deps, admin.secret, 'token')).toBeUndefined();
  });

  it('locks an account after five failed sign-ins, for fifteen minutes', async () => {
    const { deps, clock } = t();
    await createUser(deps, SYSTEM, { email: 'target@example.cn', password: PASSWORD, role: 'observer' });
    for (let i = 0; i < 4; i++) {
      await expect(signIn(deps, 'target@example.cn', 'wrong-password-1', 'token')).rejects.toMatchObject({
        code: 'invalid_credentials',
      });
    }
    await expect(signIn(deps, 'target@example.cn', 'wrong-password-1', 'token')).rejects.toMatchObject({
      code: 'login_throttled',
    });
    await expect(signIn(deps, 'target@example.cn', PASSWORD, 'token')).rejects.toMatchObject({ code: 'login_throttled' });
    clock.advance((LOCK_MINUTES + 1) * 60_000);
    await expect(signIn(deps, 'target@example.cn', PASSWORD, 'token')).resolves.toMatchObject({
      user: { email: 'target@example.cn' },
    });
    await expect(signIn(deps, 'nobody@example.cn', PASSWORD, 'token')).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('locks an account when wrong passwords arrive in parallel, as when they arrive one by one', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, { email: 'parallel@example.cn', password: PASSWORD, role: 'observer' });
    const guesses = await Promise.allSettled(
      Array.from({ length: MAX_FAILED_LOGINS + 3 }, (_, i) =>
        signIn(deps, 'parallel@example.cn', `wrong-password-${i}`, 'token'),
      ),
    );
    const codes = guesses.map((g) => (g.status === 'rejected' ? problemOf(g.reason).code : 'signed_in'));
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(MAX_FAILED_LOGINS - 1);
    expect(codes.filter((c) => c === 'login_throttled')).toHaveLength(4);
    await expect(signIn(deps, 'parallel@example.cn', PASSWORD, 'token')).rejects.toMatchObject({ code: 'login_throttled' });
    // Guesses that came after the lock were neither verified nor counted.
    expect(await findUser(deps.db, user.id)).toMatchObject({ failedLogins: MAX_FAILED_LOGINS });
  });

  it('verifies one password hash on every sign-in path and answers an unknown e-mail as a wrong password', async () => {
    const { deps, clock } = t();
    await createUser(deps, SYSTEM, { email: 'paths@example.cn', password: PASSWORD, role: 'observer' });
    const off = await createUser(deps, SYSTEM, { email: 'paths-off@example.cn', password: PASSWORD, role: 'observer' });
    await updateUser(deps, SYSTEM, off.id, { disabled: true });
    await createUser(deps, SYSTEM, { email: 'paths-locked@example.cn', password: PASSWORD, role: 'observer' });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await signIn(deps, 'paths-locked@example.cn', 'wrong-password-1', 'token').catch(() => {});
    const verifier = vi.mocked(passwordMatches);
    const attempt = async (email: string, password: string) => {
      verifier.mockClear();
      const error = await signIn(deps, email, password, 'token').then(
        () => undefined,
        (e: unknown) => e,
      );
      const hashes = verifier.mock.calls.map(([hash]) => hash);
      expect(hashes, `${email} verifies one argon2id hash`).toEqual([expect.stringMatching(/^\$argon2id\$/)]);
      return error === undefined ? 'signed_in' : problemOf(error);
    };
    const wrong = await attempt('paths@example.cn', 'wrong-password-1');
    expect(await attempt('nobody-at-all@example.cn', 'wrong-password-1')).toEqual(wrong);
    expect(wrong).toMatchObject({ code: 'invalid_credentials' });
    expect(await attempt('paths@example.cn', PASSWORD)).toBe('signed_in');
    expect(await attempt('paths-off@example.cn', 'wrong-password-1')).toEqual(wrong);
    expect(await attempt('paths-off@example.cn', PASSWORD)).toMatchObject({ code: 'account_disabled' });
    expect(await attempt('paths-locked@example.cn', 'wrong-password-1')).toMatchObject({ code: 'login_throttled' });
    expect(await attempt('paths-locked@example.cn', PASSWORD)).toMatchObject({ code: 'login_throttled' });
    clock.advance((LOCK_MINUTES + 1) * 60_000);
    expect(await attempt('paths-locked@example.cn', PASSWORD)).toBe('signed_in');
  });

  it('expires sessions and ends them on reset or disabling', async () => {
    const { deps, clock } = t();
    const user = await createUser(deps, SYSTEM, { email: 'expiring@example.cn', password: PASSWORD, role: 'observer' });
    const cookie = await openSession(deps, user, 'cookie');
    const token = await openSession(deps, user, 'token');
    clock.advance(8 * 86_400_000);
    expect(await authenticate(deps, cookie.secret, 'cookie')).toBeUndefined();
    expect(await authenticate(deps, token.secret, 'token')).toBeDefined();
    await resetPassword(deps, SYSTEM, user.id, 'a-new-password-9');
    expect(await authenticate(deps, token.secret, 'token')).toBeUndefined();
    await expect(signIn(deps, 'expiring@example.cn', PASSWORD, 'token')).rejects.toMatchObject({ code: 'invalid_credentials' });
    const again = await signIn(deps, 'expiring@example.cn', 'a-new-password-9', 'token');
    await updateUser(deps, SYSTEM, user.id, { disabled: true });
    expect(await authenticate(deps, again.secret, 'token')).toBeUndefined();
    await expect(signIn(deps, 'expiring@example.cn', 'a-new-password-9', 'token')).rejects.toMatchObject({
      code: 'account_disabled',
    });
  });

  it('ends a session for another process sharing the database within a second', async () => {
    const { deps } = t();
    const other = { ...deps };
    const user = await createUser(deps, SYSTEM, { email: 'elsewhere@example.cn', password: PASSWORD, role: 'observer' });
    const token = await openSession(deps, user, 'token');
    expect(await authenticate(deps, token.secret, 'token')).toBeDefined();
    await updateUser(other, SYSTEM, user.id, { disabled: true });
    expect(await authenticate(other, token.secret, 'token')).toBeUndefined();
    // This process remembers a session for a second: the revocation reaches it once that has passed.
    const started = performance.now();
    await waitFor(async () => (await authenticate(deps, token.secret, 'token')) === undefined, {
      what: 'the other process’s revocation to end the session here',
      timeout: 10_000,
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('checks role, organization and jurisdiction fit together', async () => {
    const { deps } = t();
    const team = await createOrganization(deps, SYSTEM, { kind: 'rescue_team', name: '账号测试队', jurisdictions: ['410100'] });
    const make = (extra: Partial<Parameters<typeof createUser>[2]>) =>
      createUser(deps, SYSTEM, { email: `u${Math.random()}@example.cn`, password: PASSWORD, role: 'observer', ...extra });
    await expect(make({ role: 'org_member' })).rejects.toMatchObject({ code: 'role_needs_organization' });
    await expect(make({ role: 'coordinator' })).rejects.toMatchObject({ code: 'role_needs_jurisdiction' });
    await expect(make({ role: 'coordinator', jurisdiction: '999999' })).rejects.toMatchObject({ code: 'unknown_jurisdiction' });
    await expect(make({ role: 'agency_staff', organizationId: team.id })).rejects.toMatchObject({ field: 'organizationId' });
    await expect(make({ password: 'short1' })).rejects.toMatchObject({ code: 'weak_password' });
    await expect(make({ password: 'onlyletterslong' })).rejects.toMatchObject({ code: 'weak_password' });
    await expect(make({ email: 'target@example.cn' })).rejects.toMatchObject({ code: 'email_taken' });
    await expect(make({ role: 'org_member', organizationId: team.id })).resolves.toMatchObject({ organizationId: team.id });
  });

  it('lets a user change their own password only with the current one', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, { email: 'self@example.cn', password: PASSWORD, role: 'observer' });
    const actor = { kind: 'user' as const, userId: user.id, role: user.role, organizationId: null, jurisdiction: null };
    await expect(changeOwnPassword(deps, actor, 'not-the-password-1', 'another-pass-77')).rejects.toMatchObject({
      code: 'invalid_credentials',
      field: 'currentPassword',
    });
    await changeOwnPassword(deps, actor, PASSWORD, 'another-pass-77');
    await expect(signIn(deps, 'self@example.cn', 'another-pass-77', 'token')).resolves.toBeDefined();
  });

  it('counts wrong current passwords toward the sign-in lockout', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, { email: 'guessed@example.cn', password: PASSWORD, role: 'observer' });
    const actor = { kind: 'user' as const, userId: user.id, role: user.role, organizationId: null, jurisdiction: null };
    const codes: string[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS + 1; i++) {
      codes.push(
        await changeOwnPassword(deps, actor, `guess-number-${i}`, 'another-pass-77').then(
          () => 'changed',
          (e: unknown) => problemOf(e).code,
        ),
      );
    }
    expect(codes).toEqual([...Array(MAX_FAILED_LOGINS - 1).fill('invalid_credentials'), 'login_throttled', 'login_throttled']);
    await expect(changeOwnPassword(deps, actor, PASSWORD, 'another-pass-77')).rejects.toMatchObject({ code: 'login_throttled' });
    await expect(signIn(deps, 'guessed@example.cn', PASSWORD, 'token')).rejects.toMatchObject({ code: 'login_throttled' });
  });

  it('keeps a disable that commits while a password change is hashing', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, { email: 'racing@example.cn', password: PASSWORD, role: 'observer' });
    const actor = { kind: 'user' as const, userId: user.id, role: user.role, organizationId: null, jurisdiction: null };
    const token = await openSession(deps, user, 'token');
    // The change reads the account, then spends two argon2 runs; the disable commits meanwhile.
    await Promise.allSettled([
      changeOwnPassword(deps, actor, PASSWORD, 'another-pass-77', token.session.id),
      updateUser(deps, SYSTEM, user.id, { disabled: true }),
    ]);
    expect(await findUser(deps.db, user.id)).toMatchObject({ disabled: true });
    expect(await authenticate(deps, token.secret, 'token')).toBeUndefined();
    for (const password of [PASSWORD, 'another-pass-77']) {
      await expect(signIn(deps, 'racing@example.cn', password, 'token')).rejects.toBeDefined();
    }
  });

  it('ends every other session and token on a password change, and all of them on a reset', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, { email: 'many-devices@example.cn', password: PASSWORD, role: 'observer' });
    const actor = { kind: 'user' as const, userId: user.id, role: user.role, organizationId: null, jurisdiction: null };
    const changing = await openSession(deps, user, 'cookie');
    const phone = await openSession(deps, user, 'cookie');
    const sync = await openSession(deps, user, 'token');
    // Remembered by the session cache before the change.
    expect(await authenticate(deps, sync.secret, 'token')).toBeDefined();
    await changeOwnPassword(deps, actor, PASSWORD, 'another-pass-77', changing.session.id);
    expect(await authenticate(deps, changing.secret, 'cookie')).toBeDefined();
    expect(await authenticate(deps, phone.secret, 'cookie')).toBeUndefined();
    expect(await authenticate(deps, sync.secret, 'token')).toBeUndefined();
    await resetPassword(deps, SYSTEM, user.id, 'reset-by-admin-5');
    expect(await authenticate(deps, changing.secret, 'cookie')).toBeUndefined();
  });
});
