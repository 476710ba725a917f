import { expect, it } from 'vitest';
import { authenticate, LOCK_MINUTES, openSession, signIn } from '../../src/services/auth/sessions';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { changeOwnPassword, createUser, resetPassword, updateUser } from '../../src/services/users/manage-users';
import { createFirstAdmin, setupNeeded } from '../../src/services/users/set-up-platform';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

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
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await authenticate(deps, token.secret, 'token')).toBeUndefined();
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
});
