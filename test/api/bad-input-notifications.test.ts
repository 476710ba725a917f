/**
 * Fuzzing the notification centre and subscriptions: arbitrary bodies, queries and path ids
 * get a 4xx problem or success, never a 5xx; a subscription that was accepted is well formed.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { EVENT_TYPES } from '../../src/model/platform-event';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('bad input to notifications and subscriptions', (t) => {
  let app: App;
  let n: Network;
  beforeAll(async () => {
    app = await testApp(t().deps, { bodyLimit: 64 * 1024 });
    n = await buildNetwork(t().deps);
  });

  it('arbitrary subscription bodies', async () => {
    const token = n.tokens.orgMember;
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          incidentId: fc.oneof(fc.string({ maxLength: 70 }), fc.constant(null), fc.integer()),
          jurisdiction: fc.oneof(fc.stringMatching(/^[0-9]{6}$/), fc.string({ maxLength: 8 }), fc.constant(null)),
          category: fc.oneof(fc.constantFrom('shelter', 'food', 'x'), fc.constant(null)),
          kinds: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string()), { maxLength: 12 }), fc.constant(null)),
          channels: fc.array(fc.oneof(fc.constantFrom('in_app', 'email'), fc.string()), { maxLength: 3 }),
          language: fc.oneof(fc.constantFrom('zh-Hans', 'en', 'fr'), fc.constant(null)),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await call(app, 'POST', '/api/v1/subscriptions', { token, body: b });
        expect(res.status, JSON.stringify(b)).toBeLessThan(500);
        if (res.status >= 400) expect(res.json.code, JSON.stringify(res.json)).toBeTypeOf('string');
        else {
          expect(res.status).toBe(201);
          expect((res.json.channels as string[]).length).toBeGreaterThan(0);
          // Keep the account under its limit.
          await call(app, 'DELETE', `/api/v1/subscriptions/${res.json.id}`, { token });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary ids and queries', async () => {
    const token = n.tokens.observer;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 })),
        fc.dictionary(fc.constantFrom('limit', 'cursor', 'x'), fc.string({ maxLength: 40 })),
        async (id, q) => {
          const enc = encodeURIComponent(id);
          for (const [method, path] of [
            ['POST', `/api/v1/notifications/${enc}/read`],
            ['DELETE', `/api/v1/subscriptions/${enc}`],
          ] as const) {
            const res = await call(app, method, path, { token });
            expect(res.status, `${method} ${path}`).toBeLessThan(500);
          }
          const query = new URLSearchParams(q).toString();
          const list = await call(app, 'GET', `/api/v1/notifications?${query}`, { token });
          expect(list.status, query).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
  });
});
