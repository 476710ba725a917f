import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import type { App } from '../../src/http/app-types';
import { testApp } from '../support/api';
import { WEB_DIST } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { buildNetwork } from '../support/fixtures';

type Headers = Record<string, string | string[] | number | undefined>;

/** The CSP's directives by name. */
function directives(headers: Headers): Map<string, string[]> {
  const csp = String(headers['content-security-policy'] ?? '');
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

function expectSecurityHeaders(headers: Headers, what: string) {
  const csp = directives(headers);
  expect(csp.get('script-src'), what).toEqual(["'self'"]);
  expect(csp.get('style-src'), what).toEqual(["'self'", "'unsafe-inline'"]);
  expect(csp.get('worker-src'), what).toEqual(["'self'", 'blob:']);
  expect(csp.get('child-src'), what).toEqual(['blob:']);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('base-uri'), what).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(csp.get('form-action'), what).toEqual(["'self'"]);
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options'], what).toBe('DENY');
}

describe('security headers', () => {
  let db: TestDatabase & { drop(): Promise<void> };
  let token: string;
  const apps: App[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    token = (await buildNetwork(db.deps)).tokens.coordHenan;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.drop();
  });

  async function serve(options: Parameters<typeof testApp>[1] = {}) {
    const app = await testApp(db.deps, { webDist: WEB_DIST, ...options });
    apps.push(app);
    return app;
  }

  it('are on pages, assets, API answers, problems and 404s', async () => {
    const app = await serve();
    const page = await app.inject({ method: 'GET', url: '/organizations' });
    expect(page.statusCode).toBe(200);
    expectSecurityHeaders(page.headers, 'page');
    // The built page itself needs no inline script: every <script> loads a file.
    const scripts = page.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/assets\//);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1] as string;
    const answers = {
      asset: await app.inject({ method: 'GET', url: asset }),
      api: await app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { authorization: `Bearer ${token}` } }),
      problem: await app.inject({ method: 'GET', url: '/api/v1/organizations' }),
      'API 404': await app.inject({ method: 'GET', url: '/api/v1/nothing-here' }),
      'file 404': await app.inject({ method: 'GET', url: '/assets/missing.js' }),
    };
    expect(answers.asset.statusCode).toBe(200);
    expect(answers.api.statusCode).toBe(200);
    expect(answers.problem.statusCode).toBe(401);
    expect(answers.problem.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(answers['API 404'].statusCode).toBe(404);
    expect(answers['file 404'].statusCode).toBe(404);
    for (const [what, res] of Object.entries(answers)) expectSecurityHeaders(res.headers, what);
    // No HSTS on a plain-HTTP install, and no upgrading of its requests to https.
    for (const res of [page, ...Object.values(answers)]) {
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(directives(res.headers).has('upgrade-insecure-requests')).toBe(false);
    }
  });

  it('allow the map style server for images and connections; a style on this server adds nothing', async () => {
    const remote = directives(
      (await (await serve({ mapStyleUrl: 'https://tiles.example.cn:8443/styles/plain.json' })).inject('/')).headers,
    );
    expect(remote.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.example.cn:8443']);
    expect(remote.get('connect-src')).toEqual(["'self'", 'https://tiles.example.cn:8443']);
    const local = directives((await (await serve({ mapStyleUrl: '/map-styles/plain.json' })).inject('/')).headers);
    expect(local.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(local.get('connect-src')).toEqual(["'self'"]);
  });

  it('add HSTS only when cookies are secure (the platform is behind TLS)', async () => {
    const app = await buildApp({
      deps: db.deps,
      config: {
        bodyLimit: 1024 * 1024,
        authRateLimit: 1000,
        applicationRateLimit: 1000,
        publicRateLimit: 1000,
        reportRateLimit: 1000,
        secureCookies: true,
        mapStyleUrl: null,
      },
      webDist: WEB_DIST,
    });
    apps.push(app);
    for (const url of ['/', '/api/health', '/api/v1/nothing-here']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000');
      expectSecurityHeaders(res.headers, url);
    }
  });

  it('let the API documentation load its own scripts and styles', async () => {
    const app = await serve();
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expectSecurityHeaders(docs.headers, 'docs');
    expect(docs.body.match(/<script\b[^>]*>/g)?.every((tag) => /\ssrc="/.test(tag))).toBe(true);
  });
});
