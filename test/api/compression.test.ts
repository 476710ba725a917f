/**
 * Compressed answers for phones on weak networks: API answers go out as Brotli or gzip to a
 * client that accepts them, and the live stream never does (a compressor would hold its events
 * back until a buffer fills): a client that accepts gzip and br reads each event as it happens.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';
import { waitFor } from '../support/wait';

describeEachDatabase('compressed answers', (t) => {
  let app: App;
  let base: string;
  let network: Network;
  let incident: string;

  beforeAll(async () => {
    app = await testApp(t().deps);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    network = await buildNetwork(t().deps);
    const created = await call(app, 'POST', '/api/v1/incidents', {
      token: network.tokens.coordHenan,
      body: { name: '郑州暴雨', category: 'natural_disaster', type: '洪涝', level: 1, jurisdictions: ['410100'] },
    });
    incident = String(created.json.id);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sends API answers as Brotli or gzip to a client that accepts them, and plain to one that does not', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const openapi = plain.json() as { openapi: string };
    expect(openapi.openapi).toBe('3.1.0');

    const br = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(openapi);

    const gz = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(openapi);

    // A problem answer is compressed like any other (when it is worth it), and stays readable.
    const problem = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-encoding': 'br' } });
    expect(problem.statusCode).toBe(404);
    const body = problem.headers['content-encoding'] === 'br' ? brotliDecompressSync(problem.rawPayload) : problem.rawPayload;
    expect(JSON.parse(body.toString('utf8'))).toMatchObject({ code: 'route_not_found' });
  });

  it('never compresses the live stream: a client accepting gzip and br reads the first event as it happens', async () => {
    const chunks: string[] = [];
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${base}/api/v1/incidents/${incident}/events`, {
        headers: {
          authorization: `Bearer ${network.tokens.coordHenan}`,
          accept: 'text/event-stream',
          'accept-encoding': 'gzip, br',
        },
      });
      req.on('response', resolve);
      req.on('error', reject);
      req.end();
    });
    try {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(response.headers['content-encoding']).toBeUndefined();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => chunks.push(chunk));

      const created = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
        token: network.tokens.coordHenan,
        body: { title: '安置点缺少饮用水', category: 'water_sanitation', jurisdiction: '410105', lat: 34.7, lon: 113.6 },
      });
      expect(created.status).toBe(201);
      const needId = (created.json.need as { id: string }).id;
      // Plain text with the event in it, while the stream is still open.
      const text = await waitFor(() => (chunks.join('').includes(needId) ? chunks.join('') : undefined), {
        what: `the event of need ${needId} on the open stream`,
        lastSeen: () => chunks.join(''),
      });
      expect(text).toMatch(/^retry: 3000\n\n/);
      expect(text).toMatch(new RegExp(`event: need\\ndata: .*"id":"${needId}"`));
      expect(response.complete).toBe(false);
    } finally {
      response.destroy();
    }
  });
});
