/**
 * Early warnings as CAP 1.2 over HTTP, on both databases: what is published validates against
 * the OASIS schema (alerts, updates, cancellations, with and without polygon, Chinese text and
 * characters needing escaping); the public document, feed and GeoJSON; ingest of the CAP 1.2
 * specification's own examples, de-duplication, attachment by GB/T 2260 area, and the 4xx
 * answers to hostile or broken documents; polling a feed served over HTTP.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { platformEventsAfter } from '../../src/db/repositories/platform-events';
import type { App } from '../../src/http/app-types';
import { validateCap } from '../../src/interop/cap/validate-cap';
import { ingestAlert } from '../../src/services/alerts/ingest-alert';
import { capFeedPoller } from '../../src/services/alerts/poll-feeds';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { chineseCap } from '../support/cap';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/cap/${name}`, import.meta.url), 'utf8');
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false });

describeEachDatabase('early warnings as CAP 1.2 over HTTP', (t) => {
  let app: App;
  let n: Network;
  let incident: string;
  const send = (method: string, url: string, token: string | undefined, body?: unknown) =>
    call(app, method, url, { token, body, headers: { 'accept-language': 'en' } });
  const ingest = (token: string | undefined, xml: string, type = 'application/cap+xml') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/alerts/ingest',
      headers: { 'content-type': type, 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: xml,
    });
  const capOf = async (id: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/alerts/${id}?format=cap` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/cap\+xml/);
    return res.body;
  };
  const warning = (extra: Record<string, unknown> = {}) => ({
    event: '暴雨',
    headline: '郑州市气象台发布暴雨红色预警 <注意> & "转移"',
    description: '预计未来 3 小时降雨量将达 100 毫米以上 & 局地更大；请勿前往 <低洼> 地带。',
    instruction: '停课、停业；转移危险区域人员。',
    warningColor: 'red',
    category: 'Met',
    urgency: 'Immediate',
    certainty: 'Likely',
    jurisdictions: ['410105', '410102'],
    expires: inAWeek(),
    ...extra,
  });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '郑州暴雨',
        category: 'natural_disaster',
        type: '暴雨',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
  });

  it('publishes a warning whose CAP document validates against the OASIS schema, polygon closed and text escaped', async () => {
    const res = await send('POST', '/api/v1/alerts', n.tokens.coordHenan, {
      ...warning(),
      polygon: [
        [34.8, 113.6],
        [34.8, 113.7],
        [34.7, 113.7],
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      identifier: expect.stringMatching(/^corespond-\d{8}-\d+$/),
      sender: 'corespond',
      msgType: 'Alert',
      severity: 'Extreme',
      warningColor: 'red',
      state: 'current',
      current: true,
      areaDesc: '金水区、中原区',
      polygon: [
        [34.8, 113.6],
        [34.8, 113.7],
        [34.7, 113.7],
        [34.8, 113.6],
      ],
    });
    const xml = await capOf(res.json.id as string);
    expect(await validateCap(xml)).toEqual([]);
    expect(xml).toContain('<polygon>34.8,113.6 34.8,113.7 34.7,113.7 34.8,113.6</polygon>');
    expect(xml).toContain('<valueName>GB/T 2260</valueName>');
    expect(xml).toContain('<value>410105</value>');
    expect(xml).toContain('&lt;注意&gt; &amp;');
    expect(xml).toMatch(/<sent>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00<\/sent>/);
    expect(xml).toContain(`<identifier>${res.json.identifier}</identifier>`);
    const pub = await send('GET', `/api/v1/public/alerts/${res.json.id}`, undefined);
    expect(pub.status).toBe(200);
    expect(pub.json.headline).toBe('郑州市气象台发布暴雨红色预警 <注意> & "转移"');
    expect(pub.json).not.toHaveProperty('xml');
  });

  it('updates and cancels by new messages that reference the earlier ones, each valid CAP, numbered in sequence', async () => {
    const first = await send('POST', '/api/v1/alerts', n.tokens.coordHenan, {
      ...warning({ warningColor: 'yellow' }),
      incidentId: incident,
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ severity: 'Moderate', incidentIds: [incident], viewerCanUpdate: true });
    expect(await validateCap(await capOf(first.json.id as string))).toEqual([]);
    const seq = (identifier: unknown) => Number(String(identifier).split('-').at(-1));

    const update = await send('POST', `/api/v1/alerts/${first.json.id}/update`, n.tokens.coordHenan, {
      reason: '雨势加强，升级为橙色',
      warningColor: 'orange',
      jurisdictions: ['410105'],
    });
    expect(update.status).toBe(201);
    expect(seq(update.json.identifier)).toBe(seq(first.json.identifier) + 1);
    const firstXml = await capOf(first.json.id as string);
    const firstSent = /<sent>([^<]+)<\/sent>/.exec(firstXml)?.[1];
    expect(update.json).toMatchObject({
      msgType: 'Update',
      severity: 'Severe',
      jurisdictions: ['410105'],
      incidentIds: [incident],
      references: `corespond,${first.json.identifier},${firstSent}`,
      note: '雨势加强，升级为橙色',
    });
    const updateXml = await capOf(update.json.id as string);
    expect(await validateCap(updateXml)).toEqual([]);
    expect(updateXml).toContain(`<references>corespond,${first.json.identifier},${firstSent}</references>`);
    expect((await send('GET', `/api/v1/alerts/${first.json.id}`, n.tokens.observer)).json).toMatchObject({
      state: 'updated',
      current: false,
    });

    // The earlier one is no longer current: it cannot be updated again.
    const again = await send('POST', `/api/v1/alerts/${first.json.id}/update`, n.tokens.coordHenan, { reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('alert_not_current');

    const cancel = await send('POST', `/api/v1/alerts/${update.json.id}/cancel`, n.tokens.coordHenan, { reason: '降雨结束' });
    expect(cancel.status).toBe(201);
    expect(cancel.json).toMatchObject({ msgType: 'Cancel', state: 'cancelled', current: false });
    expect(String(cancel.json.references).split(' ')).toEqual([
      `corespond,${first.json.identifier},${firstSent}`,
      `corespond,${update.json.identifier},${/<sent>([^<]+)<\/sent>/.exec(updateXml)?.[1]}`,
    ]);
    expect(await validateCap(await capOf(cancel.json.id as string))).toEqual([]);

    // The incident lists all three; the feed and public list none of them (updated, cancelled).
    const ofIncident = await send('GET', `/api/v1/incidents/${incident}/alerts`, n.tokens.orgMember);
    expect(ofIncident.json.items?.map((a) => a.msgType)).toEqual(['Cancel', 'Update', 'Alert']);
    const feed = await app.inject({ method: 'GET', url: '/api/v1/public/alerts?format=atom' });
    expect(feed.body).not.toContain(String(first.json.identifier));
    expect(feed.body).not.toContain(String(update.json.identifier));
    const events = (await platformEventsAfter(t().deps.db, 0, 1000)).filter((e) => e.type === 'alert.published');
    expect(events.find((e) => e.entityId === cancel.json.id)).toMatchObject({ incidentId: incident, jurisdiction: '410105' });
  });

  it('numbers warnings sent at the same instant one after another (no identifier taken twice, no 5xx)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send('POST', '/api/v1/alerts', n.tokens.admin, warning({ headline: `同时发布 ${i}` }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const identifiers = answers.map((a) => String(a.json.identifier));
    expect(new Set(identifiers).size).toBe(6);
  });

  it('lets only one of two simultaneous updates of a warning go out (the other: 409)', async () => {
    const first = await send('POST', '/api/v1/alerts', n.tokens.coordHenan, warning());
    const answers = await Promise.all(
      ['升级为橙色', '升级为红色'].map((reason) =>
        send('POST', `/api/v1/alerts/${first.json.id}/update`, n.tokens.coordHenan, { reason, warningColor: 'orange' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it('refuses text that XML cannot carry, naming the field', async () => {
    const res = await send('POST', '/api/v1/alerts', n.tokens.admin, warning({ headline: '暴雨\u0001预警' }));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'invalid_input', field: 'headline' });
  });

  it('serves the Atom feed of current alerts, each entry linking to its CAP document', async () => {
    const current = await send('POST', '/api/v1/alerts', n.tokens.admin, warning({ warningColor: 'blue', polygon: null }));
    expect(await validateCap(await capOf(current.json.id as string))).toEqual([]);
    const res = await app.inject({ method: 'GET', url: '/api/v1/public/alerts?format=atom' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const feed = parser.parse(res.body).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = [feed.entry].flat();
    const entry = entries.find((e) => e.id === `urn:cap:corespond:${current.json.identifier}`);
    const links = [entry.link].flat();
    const cap = links.find((l: Record<string, string>) => l['@_type'] === 'application/cap+xml');
    expect(cap['@_href']).toMatch(new RegExp(`/api/v1/public/alerts/${current.json.id}\\?format=cap$`));
    const json = await send('GET', '/api/v1/public/alerts', undefined);
    expect(json.json.items?.map((a) => a.id)).toContain(current.json.id);
  });

  it('gives the alerts’ areas as GeoJSON: [lon, lat] closed rings, a null geometry for geocodes only', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/alerts?format=geojson',
      headers: { authorization: `Bearer ${n.tokens.observer}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const geo = res.json() as {
      type: string;
      features: { geometry: { coordinates: number[][][] } | null; properties: { geocodes: string[] } }[];
    };
    expect(geo.type).toBe('FeatureCollection');
    const withPolygon = geo.features.find((f) => f.geometry !== null);
    expect(withPolygon?.geometry?.coordinates[0]).toEqual([
      [113.6, 34.8],
      [113.7, 34.8],
      [113.7, 34.7],
      [113.6, 34.8],
    ]);
    expect(geo.features.some((f) => f.geometry === null && f.properties.geocodes.length > 0)).toBe(true);
  });

  it('ingests the examples of the CAP 1.2 specification once each (again: 200 with the same record)', async () => {
    for (const [name, sender, identifier] of [
      ['hsas.xml', 'hsas@dhs.gov', '43b080713727'],
      ['thunderstorm.xml', 'KSTO@NWS.NOAA.GOV', 'KSTO1055887203'],
      ['earthquake.xml', 'trinet@caltech.edu', 'TRI13970876.2'],
    ]) {
      const xml = fixture(name);
      expect(await validateCap(xml), name).toEqual([]);
      const first = await ingest(n.tokens.coordHenan, xml);
      expect(first.statusCode, `${name}: ${first.body}`).toBe(201);
      expect(first.json()).toMatchObject({ sender, identifier, origin: 'ingested', incidentIds: [] });
      const second = await ingest(n.tokens.admin, xml);
      expect(second.statusCode).toBe(200);
      expect(second.json().id).toBe(first.json().id);
      // Its document is served as it came in.
      expect(await capOf(first.json().id)).toBe(xml);
    }
    const storm = await send('GET', '/api/v1/alerts?attached=false&origin=ingested', n.tokens.observer);
    const found = storm.json.items?.find((a) => a.identifier === 'KSTO1055887203');
    expect(found).toMatchObject({
      category: 'Met',
      severity: 'Severe',
      msgType: 'Alert',
      polygon: [
        [38.47, -120.14],
        [38.34, -119.95],
        [38.52, -119.74],
        [38.62, -119.89],
        [38.47, -120.14],
      ],
    });
    const quake = storm.json.items?.find((a) => a.identifier === 'TRI13970876.2');
    expect(quake).toMatchObject({ msgType: 'Update', references: 'trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00' });
    const events = (await platformEventsAfter(t().deps.db, 0, 1000)).filter((e) => e.type === 'alert.ingested');
    expect(events.length).toBeGreaterThanOrEqual(3);
  });

  it('attaches an ingested alert to the open incidents its GB/T 2260 areas overlap, else lists it unattached', async () => {
    const inZhengzhou = await ingest(n.tokens.coordGuangdong, chineseCap('HA-2026-0001', ['410105']));
    expect(inZhengzhou.statusCode).toBe(201);
    expect(inZhengzhou.json()).toMatchObject({ incidentIds: [incident], jurisdictions: ['410105'], event: '暴雨' });
    expect(inZhengzhou.json().headline).toBe('河南省气象台发布暴雨橙色预警 & 注意防范');

    const inGuangzhou = await ingest(n.tokens.coordGuangdong, chineseCap('HA-2026-0002', ['440106']));
    expect(inGuangzhou.json().incidentIds).toEqual([]);
    const unattached = await send('GET', '/api/v1/alerts?attached=false', n.tokens.coordGuangdong);
    expect(unattached.json.items?.map((a) => a.id)).toContain(inGuangzhou.json().id);
    expect(unattached.json.items?.map((a) => a.id)).not.toContain(inZhengzhou.json().id);

    // Henan's coordinator may not open an incident in Guangzhou; Guangdong's may.
    const refused = await send('POST', `/api/v1/alerts/${inGuangzhou.json().id}/incident`, n.tokens.coordHenan, {});
    expect(refused.status).toBe(403);
    const opened = await send('POST', `/api/v1/alerts/${inGuangzhou.json().id}/incident`, n.tokens.coordGuangdong, {});
    expect(opened.status).toBe(201);
    expect(opened.json).toMatchObject({
      stage: 'preparedness',
      jurisdictions: ['440106'],
      name: '河南省气象台发布暴雨橙色预警 & 注意防范',
    });
    const now = await send('GET', `/api/v1/alerts/${inGuangzhou.json().id}`, n.tokens.observer);
    expect(now.json.incidentIds).toEqual([opened.json.id]);
  });

  it('refuses hostile and broken documents with a 4xx naming the problem, never a 5xx', async () => {
    const token = n.tokens.coordHenan;
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol3;</identifier></alert>`;
    const external = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>`;
    const doctype = fixture('hsas.xml').replace('<alert', '<!DOCTYPE alert>\n<alert');
    const cases: [string, string, number, string, RegExp][] = [
      ['billion laughs', bomb, 400, 'cap_doctype', /DOCTYPE/],
      ['external entity', external, 400, 'cap_doctype', /DOCTYPE/],
      ['a bare DOCTYPE', doctype, 400, 'cap_doctype', /DOCTYPE/],
      [
        'malformed',
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</alert>',
        400,
        'cap_malformed',
        /well-formed/,
      ],
      [
        'wrong namespace',
        fixture('hsas.xml').replace('cap:1.2', 'cap:1.1'),
        400,
        'not_cap',
        /namespace "urn:oasis:names:tc:emergency:cap:1.1"/,
      ],
      ['another root', '<feed xmlns="http://www.w3.org/2005/Atom"/>', 400, 'not_cap', /<feed>/],
      ['missing <sent>', fixture('hsas.xml').replace(/<sent>.*<\/sent>/, ''), 422, 'cap_invalid', /line 6.*element <status>/],
      [
        'bad severity',
        fixture('hsas.xml').replace('<severity>Severe', '<severity>Awful'),
        422,
        'cap_invalid',
        /element <severity>/,
      ],
      ['empty', ' ', 400, 'cap_malformed', /./],
    ];
    for (const [name, xml, status, code, detail] of cases) {
      const res = await ingest(token, xml);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().code, name).toBe(code);
      expect(res.json().detail, name).toMatch(detail);
    }
    const missing = await ingest(token, fixture('hsas.xml').replace(/<sent>.*<\/sent>/, ''));
    expect(missing.json()).toMatchObject({ element: 'status', line: 6 });
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const problem = doc.paths['/api/v1/alerts/ingest'].post.responses['4XX'];
    expect(Object.keys((Object.values(problem.content)[0] as { schema: { properties: object } }).schema.properties)).toEqual(
      expect.arrayContaining(['element', 'line', 'code', 'detail']),
    );
    const oversized = await ingest(
      token,
      fixture('hsas.xml')
        .replace('<note>', '')
        .replace('</info>', `<description>${'x'.repeat(600_000)}</description></info>`),
    );
    expect(oversized.statusCode).toBe(413);
    const json = await send('POST', '/api/v1/alerts/ingest', token, { xml: '<alert/>' });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
  });

  it('ingests only senders on the allow-list when there is one', async () => {
    const { deps } = t();
    const settings = { sender: 'corespond', allowedSenders: ['12379.henan.gov.cn'] };
    await expect(
      ingestAlert(deps, settings, SYSTEM, fixture('thunderstorm.xml').replace('KSTO1055887203', 'K2')),
    ).rejects.toMatchObject({
      code: 'cap_sender_not_allowed',
    });
    const ok = await ingestAlert(deps, settings, SYSTEM, chineseCap('HA-2026-ALLOWED', ['410105']));
    expect(ok.created).toBe(true);
  });

  it('polls an Atom feed of CAP alerts over HTTP and ingests each document once', async () => {
    const docs: Record<string, string> = {
      '/cap/a.xml': chineseCap('FEED-1', ['410102']),
      '/cap/b.xml': chineseCap('FEED-2', ['440106']),
    };
    let hits = 0;
    const server: Server = createServer((req, res) => {
      hits += 1;
      if (req.url === '/feed.xml') {
        res.setHeader('content-type', 'application/atom+xml');
        res.end(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:test</id><title>t</title><updated>2026-07-20T00:00:00Z</updated>
${Object.keys(docs)
  .map(
    (p, i) =>
      `<entry><id>e${i}</id><title>w</title><updated>2026-07-20T00:00:00Z</updated><link rel="alternate" type="application/cap+xml" href="${p}"/></entry>`,
  )
  .join('\n')}
</feed>`);
        return;
      }
      const doc = docs[req.url ?? ''];
      res.statusCode = doc ? 200 : 404;
      res.setHeader('content-type', 'application/cap+xml');
      res.end(doc ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
      const poll = capFeedPoller(t().deps, { sender: 'corespond', allowedSenders: null }, [url]);
      expect(await poll()).toEqual({ ingested: 2, duplicates: 0, failures: [] });
      const before = hits;
      expect(await poll()).toEqual({ ingested: 0, duplicates: 0, failures: [] });
      expect(hits - before).toBe(1); // only the feed: documents already fetched are not fetched again
      // A new poller (a restart) fetches them again, and ingest de-duplicates.
      expect(await capFeedPoller(t().deps, { sender: 'corespond', allowedSenders: null }, [url])()).toEqual({
        ingested: 0,
        duplicates: 2,
        failures: [],
      });
      const list = await send('GET', `/api/v1/incidents/${incident}/alerts`, n.tokens.observer);
      expect(list.json.items?.map((a) => a.identifier)).toContain('FEED-1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  afterAll(async () => {
    await app?.close();
  });
});
