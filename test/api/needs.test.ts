import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('needs over HTTP', (t) => {
  let app: App;
  let network: Network;
  let incident: string;
  beforeAll(async () => {
    app = await testApp(t().deps, { publicRateLimit: 5 });
    network = await buildNetwork(t().deps);
    const created = await call(app, 'POST', '/api/v1/incidents', {
      token: network.tokens.coordHenan,
      body: { name: '郑州暴雨', category: 'natural_disaster', type: '洪涝', level: 1, jurisdictions: ['410100'] },
    });
    incident = String(created.json.id);
  });

  const need = {
    title: '需要饮用水',
    category: 'water_sanitation',
    quantity: 10,
    jurisdiction: '410105',
    lat: 34.77,
    lon: 113.68,
  };

  it('answers a claim conflict with 409 naming the holders', async () => {
    const made = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, { token: network.tokens.coordHenan, body: need });
    expect(made.status).toBe(201);
    const id = (made.json.need as { id: string }).id;
    const first = await call(app, 'POST', `/api/v1/needs/${id}/claims`, {
      token: network.tokens.orgAdmin,
      body: { organizationId: network.orgs.zhengzhouTeam },
    });
    expect(first.status).toBe(201);
    const second = await call(app, 'POST', `/api/v1/needs/${id}/claims`, {
      token: network.tokens.admin,
      body: { organizationId: network.orgs.guangzhouTeam },
    });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({
      code: 'claim_conflict',
      remaining: 0,
      holders: [{ organizationId: network.orgs.zhengzhouTeam, quantity: 10 }],
    });
    expect(String((second.json.holders as { organizationName: string }[])[0].organizationName)).toMatch(/郑州蓝天救援队/);
  });

  it('replays a retried create with the same Idempotency-Key and refuses it with another body', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const body = { ...need, incidentId: incident, title: '重试的求助', lat: 34.5, lon: 113.5 };
    const a = await call(app, 'POST', '/api/v1/public/needs', { body, headers: { ...headers, 'x-forwarded-for': '1.1.1.1' } });
    const b = await call(app, 'POST', '/api/v1/public/needs', { body, headers });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.receiptCode).toBe(a.json.receiptCode);
    const c = await call(app, 'POST', '/api/v1/public/needs', { body: { ...body, title: '不同的内容' }, headers });
    expect(c.json).toMatchObject({ status: 422, code: 'idempotency_mismatch' });
  });

  it('turns a public flood away with 429 while a coordinator still works', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await call(app, 'POST', '/api/v1/public/needs', {
        body: { ...need, incidentId: incident, title: `刷屏 ${i}`, lat: 34 + i / 100, lon: 113 },
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    const coordinator = await call(app, 'GET', `/api/v1/incidents/${incident}/needs?limit=5`, {
      token: network.tokens.coordHenan,
    });
    expect(coordinator.status).toBe(200);
    const flooded = await call(app, 'POST', '/api/v1/public/needs', { body: { ...need, incidentId: incident } });
    expect(flooded.json).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('dismisses a duplicate flag once, and serves evidence photos to those who may see them', async () => {
    const coord = { token: network.tokens.coordHenan };
    const twin = { ...need, title: '同一个电话又报一次', contactPhone: '13700001234', lat: 34.6, lon: 113.4 };
    const first = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, { ...coord, body: twin });
    const second = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, { ...coord, body: twin });
    const [a, b] = [first, second].map((r) => (r.json.need as { id: string }).id);
    expect((second.json.possibleDuplicates as { id: string }[]).map((d) => d.id)).toEqual([a]);
    const dismissed = await call(app, 'POST', `/api/v1/needs/${b}/duplicates/${a}/dismiss`, coord);
    expect(dismissed.status).toBe(204);
    const after = await call(app, 'GET', `/api/v1/needs/${b}`, coord);
    expect(after.json.duplicates).toEqual([]);
    expect((after.json.history as { kind: string }[]).map((h) => h.kind)).toContain('not_duplicate');
    const again = await call(app, 'POST', `/api/v1/needs/${b}/duplicates/${a}/dismiss`, coord);
    expect(again.json).toMatchObject({ status: 404, field: 'otherId' });

    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    const attached = await app.inject({
      method: 'POST',
      url: `/api/v1/needs/${a}/evidence`,
      headers: { authorization: `Bearer ${network.tokens.coordHenan}`, 'content-type': 'image/png' },
      payload: png,
    });
    expect(attached.statusCode).toBe(201);
    const file = (attached.json() as { file: string }).file;
    const photo = await app.inject({
      method: 'GET',
      url: `/api/v1/needs/${a}/evidence/${file}`,
      headers: { authorization: `Bearer ${network.tokens.coordHenan}` },
    });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(png)).toBe(true);
    const stranger = await call(app, 'GET', `/api/v1/needs/${a}/evidence/${file}`, { token: network.tokens.orgAdmin });
    expect(stranger.status).toBe(403);
    // A file that does exist two levels up (in the data directory) is still out of reach.
    const outside = `secret-${randomUUID()}.png`;
    writeFileSync(join(t().deps.dataDir, outside), png);
    const traversal = await call(app, 'GET', `/api/v1/needs/${a}/evidence/..%2F..%2F${outside}`, coord);
    expect(traversal.status).toBe(404);
  });

  it('names the problem in bad input, and fuzzing the need endpoints finds no 5xx', async () => {
    const token = network.tokens.coordHenan;
    const post = (body: unknown) => call(app, 'POST', `/api/v1/incidents/${incident}/needs`, { token, body });
    expect((await post({ ...need, lat: 95 })).json).toMatchObject({ status: 400, field: 'lat' });
    expect((await post({ ...need, urgency: 'asap' })).json).toMatchObject({ status: 400, field: 'urgency' });
    expect((await post({ ...need, vulnerableGroups: ['aliens'] })).json).toMatchObject({
      status: 400,
      field: 'vulnerableGroups/0',
    });
    expect((await post({ ...need, jurisdiction: '440100' })).json).toMatchObject({ status: 400, field: 'jurisdiction' });
    expect((await call(app, 'GET', `/api/v1/incidents/${incident}/needs?bbox=1,2,3`, { token })).json).toMatchObject({
      status: 400,
      field: 'bbox',
    });
    const made = await post({ ...need, lat: 34.1, lon: 113.1 });
    const id = (made.json.need as { id: string }).id;
    const jsonValue = fc.jsonValue({ maxDepth: 2 });
    const body = fc.record(
      {
        title: fc.oneof(fc.string(), jsonValue),
        category: fc.oneof(fc.constantFrom('food', 'shelter', 'search_rescue'), fc.string()),
        quantity: fc.oneof(fc.integer({ min: -5, max: 20 }), jsonValue),
        jurisdiction: fc.oneof(fc.constantFrom('410105', '410100', '999999'), fc.string()),
        lat: fc.oneof(fc.double({ min: 30, max: 40, noNaN: true }), jsonValue),
        lon: fc.oneof(fc.double({ min: 110, max: 120, noNaN: true }), jsonValue),
        coordSystem: fc.oneof(fc.constantFrom('gcj02', 'wgs84'), fc.string()),
        vulnerableGroups: fc.oneof(fc.array(fc.constantFrom('elderly', 'children', 'x')), jsonValue),
        organizationId: fc.oneof(fc.constant(network.orgs.henanAgency), fc.string()),
        reason: fc.oneof(fc.constantFrom('duplicate', 'not_found', 'referred'), fc.string()),
        note: fc.oneof(fc.string(), fc.constant(null)),
        level: fc.oneof(fc.constantFrom('verified', 'official'), fc.string()),
        into: fc.oneof(fc.constant(id), fc.string()),
        accept: fc.oneof(fc.boolean(), jsonValue),
        done: fc.oneof(fc.boolean(), jsonValue),
        incidentId: fc.oneof(fc.constant(incident), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, fc.string({ maxLength: 20 }), async (b, query) => {
        for (const [method, path] of [
          ['POST', `/api/v1/incidents/${incident}/needs`],
          ['POST', `/api/v1/needs/${id}/claims`],
          ['POST', `/api/v1/needs/${id}/dispatch`],
          ['POST', `/api/v1/needs/${id}/verify`],
          ['POST', `/api/v1/needs/${id}/close`],
          ['POST', `/api/v1/needs/${id}/merge`],
          ['POST', `/api/v1/claims/${encodeURIComponent(query) || 'x'}/progress`],
          ['GET', `/api/v1/incidents/${incident}/needs?bbox=${encodeURIComponent(query)}&status=${encodeURIComponent(query)}`],
          [
            'GET',
            `/api/v1/incidents/${incident}/need-map?bbox=${encodeURIComponent(query)}&urgency=${encodeURIComponent(query)}`,
          ],
          ['POST', `/api/v1/needs/${id}/duplicates/${encodeURIComponent(query) || 'x'}/dismiss`],
          ['GET', `/api/v1/needs/${id}/evidence/${encodeURIComponent(query) || 'x'}`],
          ['GET', `/api/v1/public/receipts/${encodeURIComponent(query) || 'x'}`],
        ]) {
          const res = await call(app, method, path, { token, body: method === 'POST' ? b : undefined });
          expect(res.status, `${method} ${path} ${JSON.stringify(b)}`).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });
});
