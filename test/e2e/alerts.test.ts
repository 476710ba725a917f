/**
 * In headless Chromium: the Henan coordinator composes a warning from a flood's board (the
 * incident's areas and colour as the start), draws its polygon by clicking on the map of the
 * area (undoing a point on the way), watches the server's CAP preview follow, publishes it,
 * and sees it on the board; a visitor without an account reads it on its public page, and its
 * CAP document validates against the OASIS schema.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAlertRows } from '../../src/db/repositories/alerts';
import type { App } from '../../src/http/app-types';
import { validateCap } from '../../src/interop/cap/validate-cap';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import {
  chromiumPath,
  createHenanCoordinator,
  HENAN_COORDINATOR,
  launchBrowser,
  openSignedIn,
  serveUi,
  submitOnce,
} from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '郑州暴雨内涝（预警演练）';
const HEADLINE = '郑州市气象台发布暴雨橙色预警 <请注意> & 转移';

describeEachDatabase('browser: publishing a warning', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  const apps: App[] = [];
  let incidentId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const { deps } = t();
    await createHenanCoordinator(deps);
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: INCIDENT,
        category: 'natural_disaster',
        type: '暴雨',
        level: 2,
        warningColor: 'orange',
        jurisdictions: ['410105'],
      })
    ).id;
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    for (const styled of apps) await styled.close();
  });

  it('publishes a warning through the composer and shows it on the board and on the public page', async () => {
    const page = await openSignedIn(browser, base, HENAN_COORDINATOR, { contexts });
    await page.goto(`${base}/incidents/${incidentId}`);
    await page.getByRole('heading', { level: 1, name: INCIDENT }).waitFor();
    const card = page.getByTestId('board-alerts');
    await card.getByRole('button', { name: '发布预警' }).click();
    await page.waitForURL(/\/warnings\/new\?incident=/);

    await page.getByTestId('alert-event').fill('暴雨');
    await page.getByTestId('alert-headline-input').fill(HEADLINE);
    // The incident's area comes preset; the preview is the server's own CAP document.
    const preview = page.getByTestId('cap-preview');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('<value>410105</value>');
    const xml = (await preview.textContent()) ?? '';
    expect(xml).toContain('<severity>Severe</severity>');
    expect(xml).toContain('&lt;请注意&gt; &amp; 转移');

    // The polygon, clicked on the map (the drawn map: no style is configured here).
    const map = page.getByTestId('alert-map');
    expect(await page.getByTestId('alert-map-kind').getAttribute('data-kind')).toBe('drawn');
    const svg = map.locator('svg');
    const box = await svg.boundingBox();
    if (!box) throw new Error('the map has no box');
    const clickAt = (fx: number, fy: number) => svg.click({ position: { x: box.width * fx, y: box.height * fy } });
    const field = page.getByTestId('alert-polygon');
    const points = map.getByTestId('alert-map-points').locator('circle');
    const capPolygon = async () => /<polygon>([^<]*)<\/polygon>/.exec((await preview.textContent()) ?? '')?.[1] ?? null;
    await clickAt(0.5, 0.5);
    await clickAt(0.62, 0.5);
    await expect.poll(() => points.count()).toBe(2);
    // Two points are no polygon yet: the preview leaves it out and says why.
    expect(await page.getByTestId('alert-map-summary').textContent()).toContain('至少 3 个点');
    expect(await capPolygon()).toBeNull();
    await clickAt(0.56, 0.35);
    await expect.poll(() => points.count()).toBe(3);
    const typed = (await field.inputValue()).split(' ');
    expect(typed).toHaveLength(3);
    const [first, second, third] = typed.map((pair) => pair.split(',').map(Number));
    // The middle of the first frame (mainland China's box) is about 35.9°N 104.3°E.
    expect(first[0]).toBeCloseTo(35.9, 0);
    expect(first[1]).toBeCloseTo(104.3, 0);
    expect(second[0]).toBeCloseTo(first[0], 3);
    expect(second[1]).toBeGreaterThan(first[1] + 3);
    expect(third[0]).toBeGreaterThan(first[0] + 3);
    // The server's preview has the clicked points, the ring closed.
    await expect.poll(capPolygon, { timeout: 20_000 }).toBe([...typed, typed[0]].join(' '));
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'alert-composer-drawn.png'), fullPage: true });

    // Undo takes the last point away (the preview drops the polygon again); a new click puts one back.
    await page.getByTestId('alert-map-undo').click();
    await expect.poll(() => field.inputValue()).toBe(typed.slice(0, 2).join(' '));
    await expect.poll(capPolygon, { timeout: 20_000 }).toBeNull();
    await clickAt(0.5, 0.3);
    await expect.poll(() => points.count()).toBe(3);
    const drawn = (await field.inputValue()).split(' ');
    expect(drawn.slice(0, 2)).toEqual(typed.slice(0, 2));
    await expect.poll(capPolygon, { timeout: 20_000 }).toBe([...drawn, drawn[0]].join(' '));

    // Clear empties field and map; typing the polygon (the keyboard's way) draws it on the map.
    await page.getByTestId('alert-map-clear').click();
    await expect.poll(() => field.inputValue()).toBe('');
    await expect.poll(() => points.count()).toBe(0);
    await field.fill(drawn.join(' '));
    await expect.poll(() => points.count()).toBe(3);
    await expect.poll(capPolygon, { timeout: 20_000 }).toBe([...drawn, drawn[0]].join(' '));

    await submitOnce(page.getByTestId('alert-publish'), {
      request: /\/api\/v1\/alerts$/,
      outcome: () => page.waitForURL(new RegExp(`/incidents/${incidentId}$`)),
    });
    await expect.poll(() => page.getByTestId('board-alerts').textContent(), { timeout: 20_000 }).toContain(HEADLINE);

    const [published] = await listAlertRows(t().deps.db, { incidentId }, 1);
    expect(published).toMatchObject({ headline: HEADLINE, severity: 'Severe', jurisdictions: ['410105'] });
    expect(published.polygon).toEqual([...drawn, drawn[0]].map((pair) => pair.split(',').map(Number)));
    expect(await validateCap(published.xml)).toEqual([]);

    // A visitor without an account.
    const visitor = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(visitor);
    const publicPage = await visitor.newPage();
    await publicPage.goto(`${base}/alerts/${published.id}`);
    await expect.poll(() => publicPage.getByTestId('alert-headline').textContent(), { timeout: 20_000 }).toBe(HEADLINE);
    expect(await publicPage.getByTestId('alert-state').textContent()).toBe('生效中');
    const cap = await publicPage.request.get(`${base}/api/v1/public/alerts/${published.id}?format=cap`);
    expect(cap.headers()['content-type']).toMatch(/^application\/cap\+xml/);
    expect(await validateCap(await cap.text())).toEqual([]);
  });

  it('draws the polygon on MapLibre when a map style is configured', async () => {
    const styled = await serveUi(t().deps, { mapStyleUrl: '/map-styles/plain.json' });
    apps.push(styled.app);
    const pageErrors: string[] = [];
    const page = await openSignedIn(browser, styled.base, HENAN_COORDINATOR, { contexts, pageErrors });
    await page.goto(`${styled.base}/warnings/new?incident=${incidentId}`);
    await page.getByTestId('alert-event').fill('暴雨');
    await page.getByTestId('alert-headline-input').fill('郑州市暴雨蓝色预警（地图）');
    const preview = page.getByTestId('cap-preview');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('<value>410105</value>');

    const map = page.getByTestId('alert-map-gl');
    const canvas = map.locator('.maplibregl-canvas');
    await canvas.waitFor({ state: 'visible' });
    expect(await page.getByTestId('alert-map-kind').getAttribute('data-kind')).toBe('tiles');
    expect(await page.getByTestId('alert-map').count()).toBe(0);
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the map has no box');
    const field = page.getByTestId('alert-polygon');
    for (const [fx, fy] of [
      [0.45, 0.55],
      [0.6, 0.55],
      [0.52, 0.4],
    ]) {
      const before = (await field.inputValue()).split(' ').filter(Boolean).length;
      await canvas.click({ position: { x: box.width * fx, y: box.height * fy } });
      await expect.poll(async () => (await field.inputValue()).split(' ').filter(Boolean).length).toBe(before + 1);
    }
    const typed = (await field.inputValue()).split(' ');
    const [first, second, third] = typed.map((pair) => pair.split(',').map(Number));
    // Right on the map is east, up is north.
    expect(second[1]).toBeGreaterThan(first[1]);
    expect(third[0]).toBeGreaterThan(first[0]);
    // The three points are on the canvas, and in the server's preview with the ring closed.
    await expect.poll(() => map.getAttribute('data-drawn'), { timeout: 20_000 }).toBe('3');
    await expect
      .poll(async () => /<polygon>([^<]*)<\/polygon>/.exec((await preview.textContent()) ?? '')?.[1], { timeout: 20_000 })
      .toBe([...typed, typed[0]].join(' '));
    await page.screenshot({ path: join(SHOTS, 'alert-composer-maplibre.png'), fullPage: true });
    await page.getByTestId('alert-map-undo').click();
    await expect.poll(() => map.getAttribute('data-drawn'), { timeout: 20_000 }).toBe('2');
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
