/**
 * Live updates across two server processes sharing one database: a change made through one
 * reaches a client of the other, and a client that reconnects with Last-Event-ID misses nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { publishAlert } from '../../src/services/alerts/publish-alert';
import { createBulletin, publishBulletin } from '../../src/services/bulletins/bulletins';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';
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

  it('announces a statement, a bulletin and a warning published for the incident', async () => {
    const { deps } = t();
    const stream = await openStream(`${otherUrl}/api/v1/incidents/${incident}/events`, network.tokens.coordHenan);
    // Signed by the other process, whose signing key it made itself.
    const issued = await fetch(`${otherUrl}/api/v1/statements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${network.tokens.agencyStaff}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        incidentId: incident,
        title: '关于供水恢复的通告',
        body: '正文',
        issuingOrganizationId: network.orgs.henanAgency,
      }),
    });
    expect(issued.status).toBe(201);
    const statement = (await issued.json()) as { id: string };
    const draft = await createBulletin(deps, SYSTEM, {
      incidentId: incident,
      title: '第一期情况通报',
      body: '正文',
      authorOrganizationId: network.orgs.zhengzhouTeam,
      audience: 'network',
    });
    await publishBulletin(deps, SYSTEM, draft.id);
    const alert = await publishAlert(deps, { sender: 'corespond', allowedSenders: null }, SYSTEM, {
      incidentId: incident,
      event: '暴雨',
      headline: '金水区暴雨橙色预警',
      warningColor: 'orange',
      category: 'Met',
      urgency: 'Expected',
      certainty: 'Likely',
      jurisdictions: ['410105'],
      expires: new Date(Date.now() + 86_400_000).toISOString(),
    });
    for (const [kind, id] of [
      ['statement', statement.id],
      ['bulletin', draft.id],
      ['alert', alert.id],
    ] as const) {
      const event = await stream.waitFor((e) => e.data.id === id && e.event === kind, `the ${kind} event of ${id}`);
      expect(event).toMatchObject({ event: kind, data: { type: kind, id } });
    }
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
