import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { MAX_FAILED_LOGINS } from '../../src/services/auth/lockout';
import { openSession } from '../../src/services/auth/sessions';
import { createUser } from '../../src/services/users/manage-users';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

function cookieFrom(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : String(raw);
  return first.split(';')[0];
}

describeEachDatabase('first start, browser sessions and tokens', (t) => {
  let app: App;
  beforeAll(async () => {
    app = await testApp(t().deps);
  });

  it('sets up the first admin from the setup page, once', async () => {
    expect((await call(app, 'GET', '/api/v1/setup')).json).toEqual({ needed: true });
    expect(
      (await call(app, 'POST', '/api/v1/setup', { body: { email: 'boss@example.cn', password: 'short' } })).json,
    ).toMatchObject({
      status: 400,
      code: 'weak_password',
      field: 'password',
    });
    const res = await call(app, 'POST', '/api/v1/setup', { body: { email: 'boss@example.cn', password: 'correct-horse-42' } });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email: 'boss@example.cn', role: 'platform_admin' });
    expect(cookieFrom(res.headers)).toMatch(/^corespond_session=/);
    expect((await call(app, 'GET', '/api/v1/setup')).json).toEqual({ needed: false });
  });

  it('demands the CSRF token with the session cookie, not with a bearer token', async () => {
    const login = await call(app, 'POST', '/api/v1/auth/login', {
      body: { email: 'boss@example.cn', password: 'correct-horse-42' },
    });
    expect(login.status).toBe(200);
    const cookie = cookieFrom(login.headers);
    const csrf = String(login.json.csrfToken);
    const body = { kind: 'rescue_team', name: 'CSRF测试队', jurisdictions: ['410102'] };
    const without = await call(app, 'POST', '/api/v1/organizations', { body, headers: { cookie } });
    expect(without.json).toMatchObject({ status: 403, code: 'csrf_failed' });
    const wrong = await call(app, 'POST', '/api/v1/organizations', { body, headers: { cookie, 'x-csrf-token': 'guess' } });
    expect(wrong.status).toBe(403);
    const right = await call(app, 'POST', '/api/v1/organizations', { body, headers: { cookie, 'x-csrf-token': csrf } });
    expect(right.status).toBe(201);
    // Reading needs no token.
    expect((await call(app, 'GET', '/api/v1/auth/session', { headers: { cookie } })).json).toMatchObject({ csrfToken: csrf });

    const logout = await call(app, 'POST', '/api/v1/auth/logout', { headers: { cookie, 'x-csrf-token': csrf } });
    expect(logout.status).toBe(204);
    expect((await call(app, 'GET', '/api/v1/auth/session', { headers: { cookie } })).status).toBe(401);
  });

  it('issues bearer tokens to machine clients', async () => {
    const issued = await call(app, 'POST', '/api/v1/auth/token', {
      body: { email: 'boss@example.cn', password: 'correct-horse-42', label: 'sync job' },
    });
    expect(issued.status).toBe(201);
    const token = String(issued.json.token);
    expect((await call(app, 'GET', '/api/v1/organizations?q=CSRF', { token })).json).toMatchObject({ total: 1 });
    expect((await call(app, 'GET', '/api/v1/organizations', { token: 'made-up' })).json).toMatchObject({
      status: 401,
      code: 'not_authenticated',
    });
    expect((await call(app, 'POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await call(app, 'GET', '/api/v1/organizations', { token })).status).toBe(401);
  });

  it('throttles repeated failed sign-ins', async () => {
    const attempt = () =>
      call(app, 'POST', '/api/v1/auth/login', { body: { email: 'boss@example.cn', password: 'wrong-password-0' } });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push(String((await attempt()).json.code));
    expect(codes).toEqual([
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
      'login_throttled',
      'login_throttled',
    ]);
    const right = await call(app, 'POST', '/api/v1/auth/login', {
      body: { email: 'boss@example.cn', password: 'correct-horse-42' },
    });
    expect(right.json).toMatchObject({ status: 429, code: 'login_throttled' });
  });

  it('answers an unknown e-mail exactly as a wrong password', async () => {
    await createUser(t().deps, SYSTEM, { email: 'known@example.cn', password: PASSWORD, role: 'observer' });
    const login = (email: string) => call(app, 'POST', '/api/v1/auth/login', { body: { email, password: 'wrong-password-0' } });
    const wrong = await login('known@example.cn');
    expect(wrong.json).toMatchObject({ status: 401, code: 'invalid_credentials' });
    // The same answer, but for the request id every answer carries.
    const { requestId: _wrongId, ...wrongBody } = wrong.json as Record<string, unknown>;
    const { requestId: _unknownId, ...unknownBody } = (await login('unknown@example.cn')).json as Record<string, unknown>;
    expect(unknownBody).toEqual(wrongBody);
  });

  it('ends the other sessions and tokens on a password change, and every one on an admin reset', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, { email: 'two-devices@example.cn', password: PASSWORD, role: 'observer' });
    const admin = await createUser(deps, SYSTEM, { email: 'resetter@example.cn', password: PASSWORD, role: 'platform_admin' });
    const adminToken = (await openSession(deps, admin, 'token')).secret;
    const login = await call(app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: PASSWORD } });
    const browser = { cookie: cookieFrom(login.headers), 'x-csrf-token': String(login.json.csrfToken) };
    const issued = await call(app, 'POST', '/api/v1/auth/token', { body: { email: user.email, password: PASSWORD } });
    const token = String(issued.json.token);
    const session = (options: { token?: string; headers?: Record<string, string> }) =>
      call(app, 'GET', '/api/v1/auth/session', options).then((r) => r.status);
    expect(await session({ token })).toBe(200);

    const changed = await call(app, 'POST', '/api/v1/auth/password', {
      headers: browser,
      body: { currentPassword: PASSWORD, newPassword: 'another-pass-77' },
    });
    expect(changed.status).toBe(204);
    expect(await session({ token })).toBe(401);
    expect(await session({ headers: browser })).toBe(200);

    const later = await call(app, 'POST', '/api/v1/auth/token', { body: { email: user.email, password: 'another-pass-77' } });
    const reset = await call(app, 'POST', `/api/v1/users/${user.id}/password`, {
      token: adminToken,
      body: { password: 'reset-by-admin-5' },
    });
    expect(reset.status).toBe(204);
    expect(await session({ headers: browser })).toBe(401);
    expect(await session({ token: String(later.json.token) })).toBe(401);
  });

  it('counts wrong current passwords toward the account’s lockout', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, { email: 'guessed@example.cn', password: PASSWORD, role: 'observer' });
    const token = (await openSession(deps, user, 'token')).secret;
    const codes: string[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const res = await call(app, 'POST', '/api/v1/auth/password', {
        token,
        body: { currentPassword: `guess-number-${i}`, newPassword: 'another-pass-77' },
      });
      codes.push(String(res.json.code));
    }
    expect(codes).toEqual([...Array(MAX_FAILED_LOGINS - 1).fill('invalid_credentials'), 'login_throttled']);
    const right = await call(app, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: PASSWORD } });
    expect(right.json).toMatchObject({ status: 429, code: 'login_throttled' });
  });

  it('limits password changes and resets per client address', async () => {
    const { deps } = t();
    const limited = await testApp(deps, { authRateLimit: 2 });
    try {
      const user = await createUser(deps, SYSTEM, { email: 'flooded@example.cn', password: PASSWORD, role: 'observer' });
      const admin = await createUser(deps, SYSTEM, {
        email: 'flood-admin@example.cn',
        password: PASSWORD,
        role: 'platform_admin',
      });
      const token = (await openSession(deps, user, 'token')).secret;
      const adminToken = (await openSession(deps, admin, 'token')).secret;
      const change = () =>
        call(limited, 'POST', '/api/v1/auth/password', {
          token,
          body: { currentPassword: PASSWORD, newPassword: PASSWORD },
        });
      const reset = () =>
        call(limited, 'POST', `/api/v1/users/${user.id}/password`, { token: adminToken, body: { password: PASSWORD } });
      expect([(await change()).status, (await change()).status]).toEqual([204, 204]);
      expect((await change()).json).toMatchObject({ status: 429, code: 'rate_limited' });
      expect([(await reset()).status, (await reset()).status]).toEqual([204, 204]);
      expect((await reset()).json).toMatchObject({ status: 429, code: 'rate_limited' });
    } finally {
      await limited.close();
    }
  });
});
