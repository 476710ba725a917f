import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { WEB_DIST } from '../support/browser';
import { createTestDatabase } from '../support/databases';

describe('the web UI beside the API', () => {
  let app: App;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createTestDatabase('sqlite');
    drop = db.drop;
    app = await testApp(db.deps, { webDist: WEB_DIST });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('serves the app at the root and for every page path, without signing in', async () => {
    for (const path of ['/', '/organizations', '/organizations/some-id', '/login']) {
      const res = await app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(/text\/html/);
      expect(res.body, path).toContain('<div id="root">');
    }
  });

  it("serves the light public pages (report, receipt, join, checkpoint) without the coordinators' bundle", async () => {
    const coordinators = (await app.inject({ method: 'GET', url: '/login' })).body;
    for (const path of ['/report', '/report/some-incident', '/receipt', '/receipt/AB12CD34', '/join', '/checkpoint']) {
      const res = await app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(/text\/html/);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(res.body, path).toContain('<div id="root">');
      expect(res.body, path).toMatch(/src="\/assets\/public-[^"]+\.js"/);
      expect(res.body, path).not.toMatch(/vendor|antd|echarts|maplibre/);
      expect(res.body, path).not.toBe(coordinators);
    }
    // Other public pages (giving, transparency) and the sign-in page stay in the coordinators' app.
    for (const path of ['/give', '/transparency', '/login', '/reports']) {
      expect((await app.inject({ method: 'GET', url: path })).body, path).toBe(coordinators);
    }
  });

  it('serves built assets and answers unknown API paths with a problem', async () => {
    const index = (await app.inject({ method: 'GET', url: '/' })).body;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(asset).toBeDefined();
    const plain = await app.inject({ method: 'GET', url: asset as string });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Browsers that accept brotli or gzip get the file compressed at build time.
    const br = await app.inject({ method: 'GET', url: asset as string, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    const gz = await app.inject({ method: 'GET', url: asset as string, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect((await app.inject({ method: 'GET', url: '/' })).headers['cache-control']).toBe('no-cache');
    expect((await call(app, 'GET', '/api/v1/nothing-here')).json).toMatchObject({ status: 404, code: 'route_not_found' });
    expect((await call(app, 'GET', '/assets/missing.js')).status).toBe(404);
  });
});
