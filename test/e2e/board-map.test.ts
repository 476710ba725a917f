/**
 * In headless Chromium, the map on an incident's board: with the built-in plain style
 * configured, MapLibre draws the incident's needs on a canvas and asks again for what is in
 * view after zooming in; with no style configured, or one that does not load, the board
 * draws its own SVG map, whose points come from the map endpoint (named by category, as
 * that endpoint sends no titles).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import type { Urgency } from '../../src/model/need';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import {
  chromiumPath,
  createHenanCoordinator,
  HENAN_COORDINATOR,
  launchBrowser,
  openSignedIn,
  serveUi,
} from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '郑州暴雨内涝';
/** The first case's incident: it reports one more need there, leaving the others' incident as it was. */
const LIVE_INCIDENT = '郑州暴雨内涝（实时）';
// Three corners of a box around Zhengzhou (the first case reports a need at the fourth): its
// middle holds no need, so zooming in on it leaves none in view.
const NEEDS: { title: string; jurisdiction: string; lat: number; lon: number; urgency: Urgency }[] = [
  { title: '中原区 20 位老人需转移', jurisdiction: '410102', lat: 34.7, lon: 113.55, urgency: 'critical' },
  { title: '金水区地下车库积水被困', jurisdiction: '410105', lat: 34.85, lon: 113.75, urgency: 'high' },
  { title: '管城区安置点缺饮用水', jurisdiction: '410104', lat: 34.7, lon: 113.75, urgency: 'medium' },
];

describeEachDatabase('browser: the board map', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let incidentId = '';
  const needCount = NEEDS.length;
  const apps: App[] = [];
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  /** Declares a flood with a need at each of the three corners; returns its id. */
  async function floodWithNeeds(name: string): Promise<string> {
    const { deps } = t();
    const incident = await declareIncident(deps, SYSTEM, {
      name,
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      warningColor: 'red',
      jurisdictions: ['410100'],
    });
    for (const need of NEEDS) {
      await reportNeed(deps, SYSTEM, incident.id, { ...need, category: 'search_rescue', quantity: 5, unit: '人' });
    }
    return incident.id;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await createHenanCoordinator(t().deps);
    incidentId = await floodWithNeeds(INCIDENT);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    for (const app of apps) await app.close();
  });

  /** The platform with the given map style (none when omitted); returns its base URL. */
  async function serve(mapStyleUrl?: string): Promise<string> {
    const { app, base } = await serveUi(t().deps, { mapStyleUrl });
    apps.push(app);
    return base;
  }

  async function openBoard(base: string, on: Browser = browser, incident = { id: incidentId, name: INCIDENT }): Promise<Page> {
    const page = await openSignedIn(on, base, HENAN_COORDINATOR, { contexts, pageErrors });
    await page.goto(`${base}/incidents/${incident.id}`);
    await page.getByRole('heading', { level: 1, name: incident.name }).waitFor();
    return page;
  }

  const countText = (page: Page) => page.getByTestId('need-map-count').textContent();

  it('draws the needs with MapLibre over the configured style and asks again for the view', async () => {
    const live = { id: await floodWithNeeds(LIVE_INCIDENT), name: LIVE_INCIDENT };
    const page = await openBoard(await serve('/map-styles/plain.json'), browser, live);
    // The boxes the map asks for (empty for all the incident's needs), from its first view on.
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/need-map?')) asked.push(new URL(request.url()).searchParams.get('bbox') ?? '');
    });
    const map = page.getByTestId('need-map-gl');
    await map.locator('.maplibregl-canvas').waitFor({ state: 'visible' });
    expect(await map.getAttribute('aria-label')).toBe('需求分布地图');
    await expect.poll(() => countText(page)).toBe('图上 3 条需求');
    // The circles are on the canvas, not just counted in the text.
    await expect.poll(() => map.getAttribute('data-drawn')).toBe('3');
    const kind = page.getByTestId('need-map-kind');
    expect(await kind.getAttribute('data-kind')).toBe('tiles');
    expect(await kind.textContent()).toBe('底图：已配置的瓦片');
    expect(await page.getByTestId('need-map').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'board-map-maplibre.png') });

    // A need reported now reaches the map without a reload (live stream, or the poll without one).
    await reportNeed(t().deps, SYSTEM, live.id, {
      title: '金水区养老院需转移',
      jurisdiction: '410105',
      lat: 34.85,
      lon: 113.55,
      urgency: 'critical',
      category: 'search_rescue',
      quantity: 30,
      unit: '人',
    });
    await expect.poll(() => countText(page), { timeout: 20_000 }).toBe('图上 4 条需求');
    await expect.poll(() => map.getAttribute('data-drawn')).toBe('4');

    // Zoomed in on the middle of the four corners, the map asks for the smaller box and finds none.
    // Each click waits for the map to settle and ask for its new box: a click during MapLibre's zoom
    // animation would cut it short.
    const zoomIn = map.getByRole('button', { name: '放大' });
    for (let i = 0; i < 3; i++) {
      const before = asked.filter(Boolean).at(-1);
      const answered = page.waitForResponse((response) => {
        if (!response.url().includes('/need-map?')) return false;
        const bbox = new URL(response.url()).searchParams.get('bbox');
        return bbox !== null && bbox !== before;
      });
      await zoomIn.click();
      expect((await answered).ok()).toBe(true);
    }
    await expect.poll(() => countText(page)).toBe('图上 0 条需求');
    await expect.poll(() => map.getAttribute('data-drawn')).toBe('0');
    expect(asked.at(-1)).toMatch(/^34\.\d+,113\.\d+,34\.\d+,113\.\d+$/);
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  it('draws its own map when no style is configured', async () => {
    const page = await openBoard(await serve());
    await page.getByTestId('need-map').waitFor();
    const kind = page.getByTestId('need-map-kind');
    expect(await kind.getAttribute('data-kind')).toBe('drawn');
    expect(await kind.textContent()).toBe('简易地图（未配置底图）');
    const dots = page.getByTestId('need-map-dot');
    await expect.poll(() => dots.count()).toBe(needCount);
    // The map endpoint's points carry no title: each dot is named by urgency, category and status.
    expect(await dots.first().getAttribute('aria-label')).toMatch(/^(危急|紧急|一般) · 搜索救援 · 待认领$/);
    expect(await countText(page)).toBe(`图上 ${needCount} 条需求`);
    expect(await page.locator('.maplibregl-canvas').count()).toBe(0);
  });

  it('falls back to its own map when the configured style does not load', async () => {
    const page = await openBoard(await serve('/map-styles/missing.json'));
    // From MapLibre's error event, well before the board would give up waiting for the style.
    await page.getByTestId('need-map').waitFor({ timeout: 8_000 });
    const kind = page.getByTestId('need-map-kind');
    expect(await kind.getAttribute('data-kind')).toBe('drawn');
    expect(await kind.textContent()).toBe('简易地图（底图未能加载）');
    await expect.poll(() => page.getByTestId('need-map-dot').count()).toBe(needCount);
  });

  it('draws its own map in a browser without WebGL, even with a style configured', async () => {
    const noWebGl = await launchBrowser({ extraArgs: ['--disable-3d-apis'] });
    try {
      const page = await openBoard(await serve('/map-styles/plain.json'), noWebGl);
      await page.getByTestId('need-map').waitFor();
      const kind = page.getByTestId('need-map-kind');
      expect(await kind.getAttribute('data-kind')).toBe('drawn');
      expect(await kind.textContent()).toBe('简易地图（浏览器不支持 WebGL）');
      await expect.poll(() => page.getByTestId('need-map-dot').count()).toBe(needCount);
    } finally {
      await noWebGl.close();
    }
  });
});
