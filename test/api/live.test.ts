/**
 * Live updates across two server processes sharing one database: a change made through one
 * reaches a client of the other, and a client that reconnects with Last-Event-ID misses nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';

interface Received {
  id: string;
  event: string;
  data: { type: string; id: string };
}

/** Opens an event stream and collects what arrives. */
async function openStream(url: string, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const response = await fetch(url, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: Received[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
          );
          if (fields.data) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    /** The first event that `predicate` accepts, waiting for it to arrive. */
    waitFor(predicate: (e: Received) => boolean, what: string) {
      return waitFor(() => events.find(predicate), { what, lastSeen: () => events });
    },
    close() {
      controller.abort();
      return pump;
    },
  };
}

describeEachDatabase('live updates', (t) => {
  let app: App;
  let network: Network;
  let incident: string;
  let other: ServerProcess | undefined;
  let otherUrl: string;

  beforeAll(async () => {
    app = await testApp(t().deps);
    await app.listen({ port: 0, host: '127.0.0.1' });
    network = await buildNetwork(t().deps);
    const created = await call(app, 'POST', '/api/v1/incidents', {
      token: network.tokens.coordHenan,
      body: { name: '郑州暴雨', category: 'natural_disaster', type: '洪涝', level: 1, jurisdictions: ['410100'] },
    });
    incident = String(created.json.id);
    other = await startServerProcess(t().env);
    otherUrl = other.url;
  });

  afterAll(async () => {
    other?.child.kill('SIGTERM');
    await app?.close();
  });

  const reportNeed = async (title: string, lat: number) => {
    const res = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
      token: network.tokens.coordHenan,
      body: { title, category: 'food', jurisdiction: '410105', lat, lon: 113.6 },
    });
    expect(res.status).toBe(201);
    return (res.json.need as { id: string }).id;
  };

  it('carries a change made through one process to a client of the other', async () => {
    const stream = await openStream(`${otherUrl}/api/v1/incidents/${incident}/events`, network.tokens.orgMember);
    const id = await reportNeed('安置点缺少食物', 34.7);
    const event = await stream.waitFor((e) => e.data.id === id, `the event of need ${id}`);
    expect(event).toMatchObject({ event: 'need', data: { type: 'need', id } });
    await stream.close();
  });

  it('replays what a reconnecting client missed, from its Last-Event-ID', async () => {
    const first = await openStream(`${otherUrl}/api/v1/incidents/${incident}/events`, network.tokens.coordHenan);
    const seen = await reportNeed('第一条', 34.71);
    const last = await first.waitFor((e) => e.data.id === seen, `the event of need ${seen}`);
    await first.close();
    const missed = [await reportNeed('断线期间一', 34.72), await reportNeed('断线期间二', 34.73)];
    const again = await openStream(`${otherUrl}/api/v1/incidents/${incident}/events`, network.tokens.coordHenan, last.id);
    for (const id of missed) await again.waitFor((e) => e.data.id === id, `the replayed event of need ${id}`);
    expect(again.events.map((e) => e.data.id)).not.toContain(seen);
    expect(again.events.map((e) => Number(e.id))).toEqual([...again.events.map((e) => Number(e.id))].sort((a, b) => a - b));
    await again.close();
  });

  it('asks for a signed-in client and a real incident', async () => {
    expect((await fetch(`${otherUrl}/api/v1/incidents/${incident}/events`)).status).toBe(401);
    const missing = await fetch(`${otherUrl}/api/v1/incidents/nope/events`, {
      headers: { authorization: `Bearer ${network.tokens.observer}` },
    });
    expect(missing.status).toBe(404);
  });
});
