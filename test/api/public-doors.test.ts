/**
 * The public door: a retried report with the same Idempotency-Key makes one need even when
 * the phone changed networks between tries (keys are scoped to the route and key alone, so
 * they must be random enough — a UUID); and reads are rate-limited per client like writes.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

const LIMIT = 4;

describeEachDatabase('the public door', (t) => {
  let app: App;
  let network: Network;
  let incident: string;
  beforeAll(async () => {
    app = await testApp(t().deps, { publicRateLimit: LIMIT });
    network = await buildNetwork(t().deps);
    const created = await call(app, 'POST', '/api/v1/incidents', {
      token: network.tokens.coordHenan,
      body: { name: '新乡暴雨', category: 'natural_disaster', type: '洪涝', level: 2, jurisdictions: ['410700'] },
    });
    incident = String(created.json.id);
  });

  const report = (key: string, from: string, title = '被困需要救援') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/public/needs',
      remoteAddress: from,
      headers: { 'idempotency-key': key },
      payload: {
        incidentId: incident,
        title,
        category: 'search_rescue',
        quantity: 2,
        jurisdiction: '410702',
        lat: 35.3,
        lon: 113.9,
        contactPhone: '13800001111',
      },
    });

  it('makes one need when the same key comes again from another address', async () => {
    const key = randomUUID();
    const first = await report(key, '10.0.0.1');
    const retried = await report(key, '172.16.5.9');
    expect(first.statusCode).toBe(201);
    expect(retried.statusCode).toBe(201);
    expect(retried.json().receiptCode).toBe(first.json().receiptCode);
    expect(retried.json().need.id).toBe(first.json().need.id);
    const needs = await call(app, 'GET', `/api/v1/incidents/${incident}/needs?limit=50`, { token: network.tokens.coordHenan });
    expect(needs.json.items?.filter((n) => n.id === first.json().need.id)).toHaveLength(1);
    expect(needs.json.total).toBe(1);
    // The same key with another body is still refused, wherever it comes from.
    const other = await report(key, '192.168.1.1', '另一件事');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_mismatch' });
  });

  it('refuses public keys that are short, oddly shaped or not random, naming the header', async () => {
    let client = 0;
    for (const [key, says] of [
      ['device-7:17', /at least 16/],
      ['abc123', /at least 16/],
      ['aaaaaaaaaaaaaaaaaaaaaaaa', /random/],
      ['1212121212121212', /random/],
      ['这是一个很长很长的中文键值这是一个很长很长的', /letters, digits/],
      ['abcdefgh ijklmnopqrs', /letters, digits/],
      [`${randomUUID()}${'y'.repeat(200)}`, /longer than 200/],
    ] as const) {
      // Each from its own address, so the rate limit stays out of the way.
      const refused = await report(key, `10.9.9.${++client}`);
      expect(refused.statusCode, key).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'invalid_input', field: 'Idempotency-Key' });
      expect(String(refused.json().detail)).toMatch(says);
    }
    // A UUID without dashes and 16 random URL-safe characters are fine.
    expect((await report(randomUUID().replace(/-/g, ''), '10.9.8.1')).statusCode).toBe(201);
    expect((await report('q7Zk2_Vb-9LmXw4R', '10.9.8.2')).statusCode).toBe(201);
  });

  it('limits public reads per client like writes', async () => {
    for (const path of ['/api/v1/public/incidents', `/api/v1/public/incidents/${incident}/needs`]) {
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++) {
        statuses.push((await app.inject({ method: 'GET', url: path, remoteAddress: '10.1.1.1' })).statusCode);
      }
      expect(statuses.slice(0, LIMIT), path).toEqual(Array(LIMIT).fill(200));
      expect(statuses.slice(LIMIT), path).toEqual([429, 429]);
      const limited = await app.inject({ method: 'GET', url: path, remoteAddress: '10.1.1.1' });
      expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
      // Another client is not held back.
      expect((await app.inject({ method: 'GET', url: path, remoteAddress: '10.1.1.2' })).statusCode).toBe(200);
    }
  });
});
