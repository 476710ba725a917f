import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { findChromium } from '../../src/reports/pdf';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

describeEachDatabase('analytics over HTTP', (t) => {
  let app: App;
  let network: Network;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
  });

  it('lists the cooperation modes of an area, to today by default', async () => {
    const res = await call(app, 'GET', '/api/v1/analytics/cooperation-modes?jurisdiction=410100', {
      token: network.tokens.observer,
    });
    expect(res.status).toBe(200);
    expect(String(res.json.to)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const items = res.json.items as { organizationId: string; kind: string; mode: string; explanation: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.kind !== 'government_agency' && i.explanation.length > 0)).toBe(true);
    expect(items.map((i) => i.organizationId)).toContain(network.orgs.zhengzhouTeam);
  });

  it('pages through a long list, with counts per mode and the density of the plane over all of them', async () => {
    const get = (query: string) =>
      call(app, 'GET', `/api/v1/analytics/cooperation-modes?jurisdiction=410000&${query}`, { token: network.tokens.observer });
    const all = (await get('limit=5000')).json as {
      total: number;
      items: { organizationId: string; mode: string }[];
      counts: Record<string, number>;
      density: { count: number }[];
    };
    expect(all.total).toBeGreaterThan(1);
    expect(all.items).toHaveLength(all.total);
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(all.total);
    expect(all.density.reduce((n, d) => n + d.count, 0)).toBe(all.total);
    const first = (await get('limit=1')).json as { items: { organizationId: string }[]; nextCursor: string; total: number };
    expect(first).toMatchObject({ total: all.total, nextCursor: expect.any(String) });
    const second = (await get(`limit=1&cursor=${first.nextCursor}`)).json as { items: { organizationId: string }[] };
    expect([first.items[0].organizationId, second.items[0].organizationId]).toEqual(
      all.items.slice(0, 2).map((i) => i.organizationId),
    );
    const mode = all.items[0].mode;
    const ofMode = (await get(`mode=${mode}`)).json as { items: { mode: string }[]; total: number };
    expect(ofMode.total).toBe(all.counts[mode]);
    expect(ofMode.items.every((i) => i.mode === mode)).toBe(true);
    expect((await get('cursor=not-a-cursor')).json).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect((await get('limit=0')).status).toBe(400);
    expect((await get('mode=harmony')).status).toBe(400);
  });

  it('draws the collaboration graph’s best-connected organizations and measures the whole', async () => {
    const res = await call(app, 'GET', '/api/v1/analytics/collaboration?jurisdiction=410000&limit=1', {
      token: network.tokens.observer,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ betweenness: { approximate: false, samples: null } });
    expect((res.json.nodes as unknown[]).length).toBe(1);
    expect(res.json.order as number).toBeGreaterThan(1);
    expect(res.json.edges).toEqual([]);
  });

  it('shows the unserved special needs to the area’s coordinator and only the numbers to others', async () => {
    const { deps } = t();
    const incident = await declareIncident(deps, SYSTEM, {
      name: '郑州暴雨',
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410100'],
    });
    const reported = await reportNeed(deps, SYSTEM, incident.id, {
      title: '独居老人需要转移',
      category: 'shelter',
      jurisdiction: '410105',
      lat: 34.8,
      lon: 113.66,
      vulnerableGroups: ['elderly', 'living_alone'],
    });
    if (!('reported' in reported)) throw new Error('the need was not reported');
    const coordinator = await call(app, 'GET', '/api/v1/analytics/special-needs?jurisdiction=410100', {
      token: network.tokens.coordHenan,
    });
    expect(coordinator.status).toBe(200);
    expect(coordinator.json).toMatchObject({ unservedCount: 1, vulnerable: { needs: 1, served: 0 } });
    expect((coordinator.json.unserved as { id: string }[]).map((n) => n.id)).toEqual([reported.reported.need.id]);
    const outsider = await call(app, 'GET', '/api/v1/analytics/special-needs?jurisdiction=410100', {
      token: network.tokens.coordGuangdong,
    });
    expect(outsider.json).toMatchObject({ unserved: null, unservedCount: 1 });
  });

  it('renders the annual report as printable HTML with its charts, and as PDF through Chromium', async () => {
    const year = new Date().getUTCFullYear();
    const html = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/annual-report?jurisdiction=410000&year=${year}`,
      headers: { authorization: `Bearer ${network.tokens.observer}` },
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain(`河南省应急协作网络年度报告（${year}年）`);
    expect((html.body.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html.body).toContain('@media print');
    const english = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/annual-report?jurisdiction=410000&year=${year}&lang=en`,
      headers: { authorization: `Bearer ${network.tokens.observer}` },
    });
    expect(english.body).toContain('annual report');
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/annual-report?jurisdiction=410000&year=${year}&format=pdf`,
      headers: { authorization: `Bearer ${network.tokens.observer}` },
    });
    // The app and the test run find Chromium alike (findChromium); in CI it must be there and print.
    if (findChromium() || process.env.CI === 'true') {
      expect(pdf.statusCode, pdf.body.slice(0, 500)).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(pdf.json()).toMatchObject({ status: 503, code: 'pdf_unavailable' });
    }
  });

  it('names bad input, and fuzzing finds no 5xx', async () => {
    const unknown = await call(app, 'GET', '/api/v1/analytics/cooperation-modes?jurisdiction=999999', {
      token: network.tokens.observer,
    });
    expect(unknown.json).toMatchObject({ status: 400, field: 'jurisdiction' });
    const badDay = await call(app, 'GET', '/api/v1/analytics/cooperation-modes?jurisdiction=410100&to=2026-02-31', {
      token: network.tokens.observer,
    });
    expect(badDay.json).toMatchObject({ status: 400, field: 'to' });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), async (code, day) => {
        for (const path of [
          'cooperation-modes',
          'function-coverage',
          'special-needs',
          'lifecycle',
          'collaboration',
          'principles',
        ]) {
          const res = await call(
            app,
            'GET',
            `/api/v1/analytics/${path}?jurisdiction=${encodeURIComponent(code)}&to=${encodeURIComponent(day)}&from=${encodeURIComponent(day)}`,
            { token: network.tokens.observer },
          );
          expect(res.status).toBeLessThan(500);
        }
      }),
      { numRuns: 40 },
    );
  });
});
