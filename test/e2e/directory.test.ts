/**
 * In headless Chromium: sign in, find an organization by the Traditional-Chinese spelling
 * of its name, open its profile and see its function map. Runs on each database with the built UI.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { chromiumPath, launchBrowser, serveUi } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

describeEachDatabase('browser: directory search and profile', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;

  beforeAll(async () => {
    const db = t();
    await createUser(db.deps, SYSTEM, {
      email: 'coordinator@example.cn',
      password: PASSWORD,
      role: 'coordinator',
      jurisdiction: '410000',
    });
    await createOrganization(db.deps, SYSTEM, {
      kind: 'rescue_team',
      name: '郑州蓝天救援队',
      nameEn: 'Zhengzhou Blue Sky Rescue Team',
      jurisdictions: ['410102'],
      capabilities: {
        cells: [
          { strategy: 'action', phase: 'crisis' },
          { strategy: 'technology', phase: 'risk' },
        ],
        serviceCategories: ['search_rescue', 'water_sanitation'],
      },
    });
    await createOrganization(db.deps, SYSTEM, { kind: 'foundation', name: '河南省慈善总会', jurisdictions: ['410000'] });
    ({ app, base } = await serveUi(db.deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signs in, finds 郑州蓝天救援队 by typing 藍天救援隊, and opens its profile', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${base}/organizations`);
    // Not signed in: the login page.
    await page.getByLabel('邮箱').fill('coordinator@example.cn');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('login-submit').click();

    const search = page.getByRole('searchbox', { name: '搜索组织名称' }).or(page.getByLabel('搜索组织名称'));
    await search.first().fill('藍天救援隊');
    await search.first().press('Enter');
    // The filtered list replaces the full one: the other organization's row goes away.
    await page.waitForURL(/q=/);
    await page.getByRole('link', { name: '河南省慈善总会' }).waitFor({ state: 'detached' });
    const link = page.getByRole('link', { name: '郑州蓝天救援队' });
    await link.first().waitFor();
    expect(await page.getByTestId('directory-total').textContent()).toMatch(/1/);

    await link.first().click();
    await page.getByRole('heading', { level: 1, name: '郑州蓝天救援队' }).waitFor();
    expect(page.url()).toMatch(/\/organizations\/[0-9a-f-]{36}$/);
    const map = page.getByTestId('function-map');
    await map.waitFor();
    expect(await map.textContent()).toContain('行动介入');
    const coverage = await map
      .locator('td[data-cell]')
      .evaluateAll((cells) =>
        cells.filter((c) => c.getAttribute('data-covered') === 'true').map((c) => c.getAttribute('data-cell')),
      );
    expect(coverage).toEqual(['technology:risk', 'action:crisis']);
    await page.screenshot({ path: join(import.meta.dirname, '..', '..', '.tmp', 'profile.png'), fullPage: true });
  });
});
