/**
 * Operations: Prometheus metrics for this machine or a token holder, liveness and readiness
 * probes, and a request id on every answer (header, problem body and log line).
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { App } from '../../src/http/app-types';
import { loggerOptions } from '../../src/http/log-privacy';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';
import { waitFor } from '../support/wait';

const TOKEN = 'metrics-token-for-the-tests-0123';

/** The value of one sample of the text exposition, or undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).match(/^\{(.*)\}/)?.[1] ?? '';
    const has = Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`));
    if (has) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

describeEachDatabase('monitoring', (t, dialect) => {
  let app: App;
  let network: Network;
  let incident: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    const logger = { ...(loggerOptions('info') as object), stream: sink };
    app = await testApp(t().deps, { metricsToken: TOKEN, logger });
    network = await buildNetwork(t().deps);
    const created = await call(app, 'POST', '/api/v1/incidents', {
      token: network.tokens.coordHenan,
      body: { name: '新乡暴雨', category: 'natural_disaster', type: '洪涝', level: 2, jurisdictions: ['410700'] },
    });
    incident = String(created.json.id);
  });
  afterAll(async () => app?.close());

  const scrape = (options: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    app.inject({ method: 'GET', url: '/metrics', ...options });

  it('counts requests by route pattern and status, with latency buckets', async () => {
    const needId = randomUUID();
    expect((await call(app, 'GET', `/api/v1/needs/${needId}`, { token: network.tokens.coordHenan })).status).toBe(404);
    const res = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    // The pattern, never the id asked for.
    expect(text).not.toContain(needId);
    const route = { method: 'GET', route: '/api/v1/needs/:id', status: '404' };
    expect(sample(text, 'corespond_http_request_duration_seconds_count', route)).toBe(1);
    expect(sample(text, 'corespond_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(1);
    expect(sample(text, 'corespond_http_request_duration_seconds_bucket', { ...route, le: '0.005' })).toBeDefined();
    expect(
      sample(text, 'corespond_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/incidents',
        status: '201',
      }),
    ).toBe(1);
    // Process metrics, memory and the database's connections.
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'corespond_process_memory_bytes', { kind: 'rss' })).toBeGreaterThan(0);
    expect(sample(text, 'corespond_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'corespond_live_clients')).toBe(0);
    expect(sample(text, 'corespond_webhook_backlog')).toBe(0);
    expect(sample(text, 'corespond_figure_jobs_running')).toBe(0);
    // Unmatched paths share one label, whatever was asked.
    await app.inject({ method: 'GET', url: '/api/nothing/13800001111' });
    const after = (await scrape()).body;
    expect(after).not.toContain('13800001111');
    expect(
      sample(after, 'corespond_http_request_duration_seconds_count', { route: '(unmatched)', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('measures the group commit of public need reports, and counts unfinished imports and webhook deliveries', async () => {
    const before = sample((await scrape()).body, 'corespond_group_commit_size_count', { name: 'need-reports' }) ?? 0;
    const reports = await Promise.all(
      [1, 2, 3].map((n) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/public/needs',
          headers: { 'idempotency-key': randomUUID() },
          payload: {
            incidentId: incident,
            title: `被困需要救援 ${n}`,
            category: 'search_rescue',
            quantity: 1,
            jurisdiction: '410702',
            lat: 35.3 + n / 100,
            lon: 113.9,
            contactPhone: '13800001111',
          },
        }),
      ),
    );
    expect(reports.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const text = (await scrape()).body;
    const groups = sample(text, 'corespond_group_commit_size_count', { name: 'need-reports' }) ?? 0;
    const sizes = sample(text, 'corespond_group_commit_size_sum', { name: 'need-reports' }) ?? 0;
    expect(groups - before).toBeGreaterThanOrEqual(1);
    expect(groups - before).toBeLessThanOrEqual(3);
    expect(sizes).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'corespond_group_commit_wait_seconds_count', { name: 'need-reports' })).toBe(groups);
    expect(sample(text, 'corespond_group_commit_duration_seconds_bucket', { name: 'need-reports', le: '+Inf' })).toBe(groups);
    // The reporter's phone is nowhere in the metrics.
    expect(text).not.toContain('13800001111');

    // A need import waiting for its column mapping, and a webhook delivery waiting to be posted.
    await sql`insert into import_jobs (id, kind, actor_id, file_name, status, total, processed, created_at)
      values (${randomUUID()}, 'needs', 'u1', 'sheet.xlsx', 'awaiting_mapping', 3, 0, '2026-01-01T00:00:00Z')`.execute(
      t().deps.db,
    );
    const queued = (await scrape()).body;
    expect(sample(queued, 'corespond_import_jobs', { kind: 'needs', status: 'awaiting_mapping' })).toBe(1);
    expect(queued).not.toContain('sheet.xlsx');
  });

  it('counts the live-stream clients connected, and lets them go when they leave', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const clients = async () => sample((await scrape()).body, 'corespond_live_clients');
    const streams = [1, 2].map(() => new AbortController());
    for (const controller of streams) {
      const response = await fetch(`${address}/api/v1/incidents/${incident}/events`, {
        headers: { authorization: `Bearer ${network.tokens.coordHenan}`, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
    }
    await waitFor(async () => (await clients()) === 2, { what: 'two live clients counted' });
    for (const controller of streams) controller.abort();
    await waitFor(async () => (await clients()) === 0, { what: 'the live clients let go' });
  });

  it('answers /metrics on loopback, elsewhere only with the token', async () => {
    expect((await scrape({ remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await scrape({ remoteAddress: '::1' })).statusCode).toBe(200);
    for (const refused of [
      await scrape({ remoteAddress: '203.0.113.7' }),
      await scrape({ remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer not-the-token-at-all' } }),
      // A reverse proxy on this machine forwards a stranger's request: it needs the token too.
      await scrape({ headers: { 'x-forwarded-for': '203.0.113.7' } }),
      // A user's API token is not the metrics token.
      await scrape({ remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${network.tokens.admin}` } }),
    ]) {
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.json()).toMatchObject({
        status: 403,
        code: 'metrics_forbidden',
        requestId: refused.headers['x-request-id'],
      });
      expect(refused.body).not.toContain('corespond_');
    }
    const remote = await scrape({ remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(remote.statusCode).toBe(200);
    expect(remote.body).toContain('corespond_http_request_duration_seconds_bucket');
  });

  it('says alive without asking the database, and ready when the database is current', async () => {
    const health = await call(app, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok', version: expect.any(String) });
    const ready = await call(app, 'GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready', database: dialect, version: expect.any(String) });
  });

  it('is not ready while a migration has not run, and ready again once it has', async () => {
    const db = t().deps.db;
    const last = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db);
    const { name, timestamp } = last.rows[0];
    await sql`delete from kysely_migration where name = ${name}`.execute(db);
    try {
      const notReady = await call(app, 'GET', '/api/ready', { headers: { 'x-request-id': 'probe-42' } });
      expect(notReady.status).toBe(503);
      expect(notReady.json).toMatchObject({ status: 503, code: 'not_ready', requestId: 'probe-42' });
      expect(String(notReady.json.detail)).toMatch(/1 database migrations have not run/);
      // Alive all the same: a restart would not help.
      expect((await call(app, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${timestamp})`.execute(db);
    }
    expect((await call(app, 'GET', '/api/ready')).status).toBe(200);
  });

  it('gives every request an id: the sane one sent, else a new one, in the header, the problem and the log', async () => {
    const echoed = await call(app, 'GET', '/api/health', { headers: { 'x-request-id': 'edge-7f3a.1' } });
    expect(echoed.headers['x-request-id']).toBe('edge-7f3a.1');
    const fresh = await call(app, 'GET', '/api/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // An id that could forge a log line or a header is replaced.
    for (const insane of ['two words', 'x'.repeat(200), 'a\u00e9b', '"quoted"']) {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': insane } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Problems of every kind carry it: not signed in, bad input, no such route.
    const problems = [
      await call(app, 'GET', '/api/v1/incidents'),
      await call(app, 'POST', '/api/v1/incidents', { token: network.tokens.coordHenan, body: { name: 1 } }),
      await call(app, 'GET', '/api/v1/no-such-thing'),
      await call(app, 'POST', '/api/v1/public/needs', { body: '{', headers: { 'content-type': 'application/json' } }),
    ];
    for (const problem of problems) {
      expect(problem.status).toBeGreaterThanOrEqual(400);
      expect(problem.json.requestId).toBe(problem.headers['x-request-id']);
    }
    const traced = await call(app, 'GET', '/api/v1/incidents?q=%E5%BC%A0%E4%B8%89', {
      headers: { 'x-request-id': 'trace-me-1' },
    });
    const lines = logLines.filter((l) => l.requestId === 'trace-me-1');
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(lines[0]).toMatchObject({ req: { method: 'GET', url: '/api/v1/incidents' } });
    expect(lines[1]).toMatchObject({ res: { statusCode: traced.status } });
    // The query string (a name searched for) stays out of the log.
    expect(JSON.stringify(lines)).not.toContain('q=');
  });
});

describe('the metrics token', () => {
  it('is taken when long enough and refused when it could be guessed', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ CORESPOND_METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    for (const weak of ['short', 'fifteen-chars-x', 'with a space in it 123']) {
      expect(() => loadConfig({ CORESPOND_METRICS_TOKEN: weak })).toThrow(/CORESPOND_METRICS_TOKEN/);
    }
  });
});
