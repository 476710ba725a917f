/**
 * In headless Chromium: the Henan coordinator composes a warning from a flood's board (the
 * incident's areas and colour as the start), watches the server's CAP preview, publishes it,
 * and sees it on the board; a visitor without an account reads it on its public page, and its
 * CAP document validates against the OASIS schema.
 */
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

const INCIDENT = '郑州暴雨内涝（预警演练）';
const HEADLINE = '郑州市气象台发布暴雨橙色预警 <请注意> & 转移';

describeEachDatabase('browser: publishing a warning', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
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

    await submitOnce(page.getByTestId('alert-publish'), {
      request: /\/api\/v1\/alerts$/,
      outcome: () => page.waitForURL(new RegExp(`/incidents/${incidentId}$`)),
    });
    await expect.poll(() => page.getByTestId('board-alerts').textContent(), { timeout: 20_000 }).toContain(HEADLINE);

    const [published] = await listAlertRows(t().deps.db, { incidentId }, 1);
    expect(published).toMatchObject({ headline: HEADLINE, severity: 'Severe', jurisdictions: ['410105'] });
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
});
