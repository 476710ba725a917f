import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';

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
});
