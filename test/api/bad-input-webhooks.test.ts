/**
 * Bad input to webhooks: a URL that is not http(s), has credentials, or reaches a private
 * address; unknown and too many events; another's webhook; and arbitrary bodies, which get a
 * 4xx problem naming the field or a 201, never a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { EVENT_TYPES } from '../../src/model/platform-event';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

/** A resolver that knows two names, so the test never asks the network. */
async function resolve(host: string) {
  if (host === 'hooks.example.org') return [{ address: '93.184.216.34', family: 4 }];
  if (host === 'intranet.example.org') return [{ address: '192.168.10.2', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
}

describeEachDatabase('bad input to webhooks', (t) => {
  let app: App;
  let n: Network;
  const post = (body: unknown, token = n.tokens.coordHenan) =>
    call(app, 'POST', '/api/v1/webhooks', { token, body, headers: { 'accept-language': 'en' } });

  beforeAll(async () => {
    app = await testApp(t().deps, { bodyLimit: 64 * 1024, webhooks: { allowPrivate: false, resolve } });
    n = await buildNetwork(t().deps);
  });
  afterAll(() => app.close());

  it('names what is wrong with the URL', async () => {
    const cases: [string, string][] = [
      ['ftp://hooks.example.org/in', 'only http and https'],
      ['javascript:alert(1)', 'only http and https'],
      ['https://me:secret@hooks.example.org/in', 'user name or password'],
      ['hooks.example.org/in', 'is not a URL'],
      ['https://intranet.example.org/in', '192.168.10.2'],
      ['http://127.0.0.1:8080/in', 'loopback'],
      ['http://169.254.169.254/latest/meta-data/', 'link-local'],
      ['http://[fd00::1]/in', 'unique-local'],
      ['http://[::ffff:10.0.0.1]/in', 'ipv4-mapped'],
      ['https://nowhere.example.org/in', 'cannot be resolved'],
    ];
    for (const [url, why] of cases) {
      const res = await post({ url, events: ['need.created'] });
      expect(res.json, url).toMatchObject({ status: 400, code: 'webhook_target_refused', field: 'url' });
      expect(res.json.detail, url).toContain(why);
    }
    expect((await post({ url: 'https://hooks.example.org/in', events: ['need.created'] })).status).toBe(201);
  });

  it('names unknown events, and refuses none, too many or a wrong shape', async () => {
    const unknown = await post({ url: 'https://hooks.example.org/in', events: ['need.created', 'need.deleted', 'everything'] });
    expect(unknown.json).toMatchObject({ status: 400, code: 'unknown_event', field: 'events' });
    expect(unknown.json.detail).toContain('"need.deleted"');
    expect(unknown.json.detail).toContain('"everything"');
    expect(unknown.json.detail).not.toContain('"need.created"');
    expect((await post({ url: 'https://hooks.example.org/in', events: [] })).json).toMatchObject({ status: 400 });
    const tooMany = await post({ url: 'https://hooks.example.org/in', events: [...EVENT_TYPES, 'need.created'] });
    expect(tooMany.json).toMatchObject({ status: 400, field: 'events' });
    expect((await post({ url: 'https://hooks.example.org/in' })).json).toMatchObject({ status: 400 });
    expect(
      (await post({ url: 'https://hooks.example.org/in', events: ['need.created'], secret: 'whsec_mine' })).json,
    ).toMatchObject({
      status: 400,
    });
    expect((await post({ url: `https://hooks.example.org/${'x'.repeat(2100)}`, events: ['need.created'] })).json).toMatchObject({
      status: 400,
      field: 'url',
    });
    // The same event named twice is kept once.
    const twice = await post({ url: 'https://hooks.example.org/in', events: ['need.created', 'need.created'] });
    expect((twice.json.webhook as { events: string[] }).events).toEqual(['need.created']);
  });

  it('does not show or touch another’s webhook', async () => {
    const own = await post({ url: 'https://hooks.example.org/in', events: ['need.created'] });
    const id = own.json.id as string;
    for (const [method, path] of [
      ['GET', `/api/v1/webhooks/${id}`],
      ['GET', `/api/v1/webhooks/${id}/deliveries`],
      ['POST', `/api/v1/webhooks/${id}/enable`],
      ['DELETE', `/api/v1/webhooks/${id}`],
    ] as const) {
      const res = await call(app, method, path, { token: n.tokens.orgAdmin });
      expect(res.json, `${method} ${path}`).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect((await call(app, 'GET', `/api/v1/webhooks/${id}`, { token: n.tokens.coordHenan })).status).toBe(200);
    const bad = await call(app, 'GET', `/api/v1/webhooks/${id}/deliveries?cursor=minus-one`, { token: n.tokens.coordHenan });
    expect(bad.json).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it('arbitrary bodies and queries get a problem or success, never a 5xx', async () => {
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      fc.record(
        {
          url: fc.oneof(
            fc.constantFrom(
              'https://hooks.example.org/in',
              'http://10.0.0.1/',
              'https://intranet.example.org/x',
              'http://[::1]/',
            ),
            fc.webUrl(),
            fc.string(),
            jsonValue,
          ),
          events: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string())), jsonValue),
        },
        { requiredKeys: [] },
      ),
      jsonValue,
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await post(b);
        expect(res.status, JSON.stringify(b)).toBeLessThan(500);
        if (res.status >= 400) expect(res.json.code, JSON.stringify(res.json)).toBeTypeOf('string');
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (id, cursor) => {
        const res = await call(
          app,
          'GET',
          `/api/v1/webhooks/${encodeURIComponent(id)}/deliveries?cursor=${encodeURIComponent(cursor)}`,
          {
            token: n.tokens.admin,
          },
        );
        expect(res.status, `${id} ${cursor}`).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
