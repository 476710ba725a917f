/**
 * In headless Chromium, on the board of a flood in Zhengzhou: the Henan coordinator opens a
 * need flagged as a likely duplicate of another (same phone), says "不是重复" and the flag goes;
 * then adds an evidence photo, after the browser has refused a text file and an oversized
 * photo without sending them, and closes the other need with a photo from the scene attached.
 * And the public report page, on a phone, downloads only its own
 * code: a fraction of the whole UI, in the reader's language.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNeed } from '../../src/db/repositories/needs';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import type { NeedInput } from '../../src/services/needs/report-need';
import { reportNeed } from '../../src/services/needs/report-need';
import {
  chromiumPath,
  clickUntil,
  createHenanCoordinator,
  HENAN_COORDINATOR,
  launchBrowser,
  serveUi,
  signInOn,
} from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '郑州暴雨内涝';
const FIRST = '建设路小区 20 位老人需转移';
const SECOND = '建设路 12 号院老人被困，请求转移';

/** A real 1×1 PNG, so the thumbnail has a natural width once the browser has loaded it. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * JavaScript the public report page may download. Measured at 973 kB (Vite 8.3, antd 6.6):
 * the first chunk, the shared vendor chunk, the public pages and the form's controls. The
 * whole UI as one bundle was 1,755 kB, and pulling the signed-in frame or its tables back into
 * the first chunk adds well over the 8% of headroom this leaves.
 */
const PUBLIC_JS_BUDGET = 1_050_000;

describe.skipIf(!chromiumPath)('browser: duplicates and evidence photos', () => {
  let browser: Browser;
  let app: App;
  let base: string;
  let db: TestDatabase & { drop(): Promise<void> };
  let incidentId = '';
  let firstId = '';
  let secondId = '';
  let coordinator: Page;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase('sqlite');
    await createHenanCoordinator(db.deps);
    const incident = await declareIncident(db.deps, SYSTEM, {
      name: INCIDENT,
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      warningColor: 'red',
      jurisdictions: ['410100'],
    });
    incidentId = incident.id;
    const need = (title: string, lat: number): NeedInput => ({
      title,
      category: 'search_rescue',
      quantity: 20,
      unit: '人',
      jurisdiction: '410102',
      lat,
      lon: 113.6253,
      urgency: 'critical',
      vulnerableGroups: ['elderly'],
      contactPhone: '13800138000',
    });
    const first = await reportNeed(db.deps, SYSTEM, incidentId, need(FIRST, 34.7472));
    if (first.replayed) throw new Error('a fresh need');
    firstId = first.reported.need.id;
    const second = await reportNeed(db.deps, SYSTEM, incidentId, need(SECOND, 34.7481));
    if (second.replayed) throw new Error('a fresh need');
    expect(second.reported.possibleDuplicates).toHaveLength(1);
    secondId = second.reported.need.id;
    ({ app, base } = await serveUi(db.deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  async function newPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', ...options });
    contexts.push(context);
    return context.newPage();
  }

  it('lets the coordinator dismiss a duplicate flag and add an evidence photo', async () => {
    coordinator = await newPage({ viewport: { width: 1440, height: 960 } });
    const page = coordinator;
    await signInOn(page, base, HENAN_COORDINATOR, PASSWORD);
    // Each area is a chunk of its own: the frame stays while the incidents load.
    await page.getByRole('menuitem', { name: '应急事件' }).click();
    await page.getByRole('link', { name: INCIDENT }).click();
    await page.getByRole('heading', { level: 1, name: INCIDENT }).waitFor();

    await page.getByTestId('needs-table').getByRole('link', { name: SECOND }).click();
    const drawer = page.getByTestId('need-drawer');
    const duplicates = drawer.getByTestId('need-duplicates');
    await duplicates.getByText(FIRST).waitFor();
    expect(await duplicates.textContent()).toContain('联系电话相同');
    await page.screenshot({ path: join(SHOTS, 'need-duplicate-flag.png') });
    // Under load a click can land while the confirmation is still opening: ask and confirm until the flag goes.
    const confirm = page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: '确定' });
    await clickUntil(
      confirm,
      () =>
        duplicates
          .getByRole('button', { name: '不是重复' })
          .click({ timeout: 3_000 })
          .catch(() => undefined),
      async () => (await duplicates.count()) === 0,
      { timeout: 45_000, interval: 1_000 },
    );
    await drawer.getByText('确认不是重复').waitFor();
    const flags = await db.deps.db.selectFrom('need_duplicates').select('status').execute();
    expect(flags).toEqual([{ status: 'dismissed' }]);

    const evidence = drawer.getByTestId('need-evidence');
    await evidence.getByText('还没有证据照片').waitFor();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/evidence')) sent.push(request.url());
    });
    const input = evidence.locator('input[type="file"]');
    await input.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') });
    await page.locator('.ant-message').getByText('只能上传 JPEG、PNG 或 WebP 格式的照片').waitFor();
    await input.setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
    await page
      .locator('.ant-message')
      .getByText(/照片不能超过 10 MB/)
      .waitFor();
    expect(sent).toEqual([]);

    await input.setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PIXEL });
    const thumbnail = evidence.locator('img.evidence-thumb');
    await thumbnail.waitFor();
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);
    expect(sent).toHaveLength(1);
    expect(await thumbnail.getAttribute('src')).toMatch(new RegExp(`^/api/v1/needs/${secondId}/evidence/[0-9a-f-]{36}\\.png$`));
    await drawer.getByText('上传证据照片').waitFor();
    await page.screenshot({ path: join(SHOTS, 'need-evidence.png') });
  }, 120_000);

  it('keeps a photo attached to the close form as evidence', async () => {
    const page = coordinator;
    await page.keyboard.press('Escape');
    await page.getByTestId('needs-table').getByRole('link', { name: FIRST }).click();
    const drawer = page.getByTestId('need-drawer');
    await drawer.getByTestId('need-evidence').getByText('还没有证据照片').waitFor();
    await drawer.locator('.drawer-toolbar').getByRole('button', { name: /关闭/ }).click();
    const dialog = page.getByRole('dialog', { name: /关闭需求：/ });
    await dialog.getByRole('radio', { name: '已由他人完成' }).check();
    await dialog.getByLabel('说明').fill('社区已组织转移');
    await dialog.locator('input[type="file"]').setInputFiles({ name: '转移完成.png', mimeType: 'image/png', buffer: PIXEL });
    await dialog.getByText('转移完成.png').waitFor();
    await dialog.getByRole('button', { name: '关闭需求' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const thumbnail = drawer.getByTestId('need-evidence').locator('img.evidence-thumb');
    await thumbnail.waitFor();
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);
    const need = await findNeed(db.deps.db, firstId);
    expect(need).toMatchObject({ status: 'closed', closeReason: 'done_by_others' });
  }, 90_000);

  it('serves the public report page on a phone without the rest of the UI', async () => {
    const page = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const scripts = new Map<string, Promise<number>>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (/\.m?js$/.test(path) && !scripts.has(path))
        scripts.set(
          path,
          response.body().then((body) => body.length),
        );
    });
    await page.goto(`${base}/report/${incidentId}`);
    await page.getByRole('heading', { level: 1, name: '填写求助信息' }).waitFor();
    // The area picker is the heaviest control of the form: it must be there, and counted.
    await expect.poll(() => page.locator('.public-form .ant-cascader').textContent(), { timeout: 15_000 }).toContain('郑州市');
    await page.waitForLoadState('networkidle');

    const names = [...scripts.keys()];
    expect(names.some((name) => /app-layout|maplibre/.test(name))).toBe(false);
    const bytes = (await Promise.all(scripts.values())).reduce((sum, size) => sum + size, 0);
    console.log(`public report page: ${names.length} scripts, ${bytes} bytes`);
    expect(bytes).toBeLessThan(PUBLIC_JS_BUDGET);

    // Other languages come as chunks of their own, on demand and from the first paint after.
    await page.getByTestId('language-switcher').getByText('English').click();
    await page.getByRole('heading', { level: 1, name: 'Your request' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your request' }).waitFor();
    await page.getByTestId('language-switcher').getByText('简体').click();
    await page.getByRole('heading', { level: 1, name: '填写求助信息' }).waitFor();
  }, 90_000);
});
