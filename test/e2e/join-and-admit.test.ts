/**
 * In headless Chromium: an anonymous visitor applies, on a phone, for a rescue team in
 * 郑州市中原区 to join the network; the coordinator of Henan signs in, admits it from the
 * review queue, and sees the decision in the organization's membership history.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { findApplication } from '../../src/db/repositories/membership';
import { findOrganization } from '../../src/db/repositories/organizations';
import type { App } from '../../src/http/app-types';
import { submitApplication } from '../../src/services/membership/applications';
import { chromiumPath, createHenanCoordinator, HENAN_COORDINATOR, launchBrowser, serveUi, signInOn } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const TEAM = '郑州中原应急救援队';
const REASON = '登记材料齐全，救援能力经实地核实';

// A platform per test: the review queue is checked whole ("no application waits").
describeEachDatabase('browser: applying to join and being admitted', { skip: !chromiumPath, databasePer: 'test' }, (t) => {
  let browser: Browser;
  let app: App | undefined;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    await createHenanCoordinator(t().deps);
    ({ app, base } = await serveUi(t().deps));
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Picks a division, level by level (province, city, county). */
  async function pickDivision(page: Page, names: string[]) {
    for (const [i, name] of names.entries()) {
      await page.getByTestId(`jurisdiction-${['province', 'city', 'county'][i]}`).selectOption({ label: name });
    }
  }

  it('lets an anonymous visitor apply on a phone and shows a receipt', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '申请加入网络' }).click();
    await page.waitForURL(/\/join$/);
    await page.getByRole('heading', { level: 1, name: '申请加入协应网络' }).waitFor();

    // Nothing may run off a phone's screen sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole('radio', { name: /救援队/ }).check();
    await page.getByLabel('组织名称').fill(TEAM);
    await page.getByLabel('联系人姓名').fill('王建国');
    await page.getByLabel('联系电话').fill('138 0013 8000');

    await pickDivision(page, ['河南省', '郑州市', '中原区']);
    await page.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => page.locator('.jurisdiction-tag-marked').textContent()).toContain('中原区');

    await page.getByRole('button', { name: '行动介入 · 危机管理' }).click();
    await page.getByRole('checkbox', { name: '搜索救援' }).check();
    await page.screenshot({ path: join(SHOTS, 'join-phone.png'), fullPage: true });

    await page.getByTestId('join-submit').click();
    const receipt = page.getByTestId('join-receipt');
    await receipt.waitFor();
    const applicationId = ((await page.getByTestId('application-id').textContent()) ?? '').trim();
    expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await receipt.textContent()).toContain('接下来');
    await page.screenshot({ path: join(SHOTS, 'join-receipt.png'), fullPage: true });

    const application = await findApplication(t().deps.db, applicationId);
    expect(application?.homeJurisdiction).toBe('410102');
    expect(application?.contact).toEqual({ name: '王建国', phone: '13800138000', email: null });
    const org = await findOrganization(t().deps.db, application?.organizationId ?? '');
    expect(org?.kind).toBe('rescue_team');
    expect(org?.membership.status).toBe('under_review');
    expect(org?.capabilities).toEqual({
      cells: [{ strategy: 'action', phase: 'crisis' }],
      serviceCategories: ['search_rescue'],
    });
    await context.close();
  });

  it('lets the coordinator admit the application and see the decision in the history', async () => {
    // The application a visitor made on the public form, as the first test makes it.
    const { application: filed } = await submitApplication(t().deps, {
      organization: {
        kind: 'rescue_team',
        name: TEAM,
        jurisdictions: ['410102'],
        capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
      },
      contact: { name: '王建国', phone: '138 0013 8000' },
    });
    const applicationId = filed.id;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInOn(page, base, HENAN_COORDINATOR, PASSWORD);

    await expect.poll(() => page.getByTestId('pending-badge').textContent()).toContain('1');
    await page.getByRole('menuitem', { name: /申请审核/ }).click();
    await page.waitForURL(/\/membership\/applications/);
    await page.getByRole('heading', { level: 1, name: '申请审核' }).waitFor();
    const row = page.getByTestId('applications-table').getByRole('row', { name: new RegExp(TEAM) });
    await row.waitFor();
    expect(await row.textContent()).toContain('王建国');
    await page.screenshot({ path: join(SHOTS, 'review-queue.png'), fullPage: true });

    await row.getByTestId('decide-button').click();
    const drawer = page.getByTestId('decide-drawer');
    await drawer.getByRole('radio', { name: /准予加入/ }).check();
    // A rescue team is no emergent group: it cannot be admitted provisionally.
    expect(await drawer.getByRole('radio', { name: /临时纳入/ }).count()).toBe(0);
    await drawer.getByLabel('理由').fill(REASON);
    await page.screenshot({ path: join(SHOTS, 'review-decide.png') });
    await page.getByTestId('decide-submit').click();
    await page.getByText('没有待审核的申请').waitFor();

    await page.getByRole('tab', { name: '已决定' }).click();
    const decided = page.getByTestId('applications-table').getByRole('row', { name: new RegExp(TEAM) });
    await decided.waitFor();
    expect(await decided.textContent()).toContain('准予加入');

    await decided.getByRole('link', { name: TEAM }).click();
    await page.getByRole('heading', { level: 1, name: TEAM }).waitFor();
    const timeline = page.getByTestId('membership-timeline');
    await timeline.waitFor();
    await expect.poll(() => timeline.textContent()).toContain(REASON);
    const text = (await timeline.textContent()) ?? '';
    expect(text).toContain('正式成员');
    expect(text).toContain('提交入网申请');
    expect(text).toContain('河南协调员');
    expect(await page.locator('.page-header [data-testid="membership-status"]').textContent()).toBe('正式成员');
    await page.screenshot({ path: join(SHOTS, 'profile-membership.png'), fullPage: true });

    const application = await findApplication(t().deps.db, applicationId);
    expect(application?.decision).toBe('admit');
    const org = await findOrganization(t().deps.db, application?.organizationId ?? '');
    expect(org?.membership).toEqual({ status: 'active', tier: 'standard', plan: null });
    await context.close();
  });
});
