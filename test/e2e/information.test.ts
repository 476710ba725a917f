/**
 * In headless Chromium: a Henan coordinator issues a signed statement for the provincial
 * agency and publishes a public bulletin from the board's 信息发布 tab; both show on the board
 * and on the public pages, the statement with the badge "已验证〈agency〉的签名" checked in the
 * browser against the JWKS. Stored-XSS attempts (an <img onerror>, a <script>, a javascript:
 * link) in a bulletin's title, body and source and in a statement are shown as text and never run.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { createBulletin, publishBulletin } from '../../src/services/bulletins/bulletins';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { issueStatement } from '../../src/services/statements/statements';
import {
  chooseOption,
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

const AGENCY = '河南省应急管理厅';
const XSS = '<img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> [点我](javascript:window.__xss=3)';

describeEachDatabase('browser: bulletins and signed statements', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let agencyId = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { deps } = t();
    await createHenanCoordinator(deps);
    agencyId = (
      await createOrganization(deps, SYSTEM, {
        kind: 'government_agency',
        name: AGENCY,
        jurisdictions: ['410000'],
        capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
      })
    ).id;
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: '郑州暴雨',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
  });

  it('issues a statement and publishes a bulletin on the board, and the public sees both with the signature badge', async () => {
    const page = await openSignedIn(browser, base, HENAN_COORDINATOR, { contexts, pageErrors });
    await page.goto(`${base}/incidents/${incidentId}?tab=information`);
    const statements = page.getByTestId('statements-card');
    await chooseOption(page, statements.getByRole('combobox').first(), AGENCY, { search: '应急管理厅' });
    await statements.getByTestId('statement-title').fill('常庄水库运行正常');
    await statements.getByTestId('statement-body').fill('网传**溃坝**不实。');
    await submitOnce(statements.getByTestId('statement-issue'), {
      request: /\/api\/v1\/statements$/,
      outcome: () => statements.getByTestId('statement-item').filter({ hasText: '常庄水库运行正常' }).waitFor(),
    });

    const bulletins = page.getByTestId('bulletins-card');
    await chooseOption(page, bulletins.getByRole('combobox').first(), AGENCY, { search: '应急管理厅' });
    await bulletins.getByTestId('bulletin-title').fill('第1号通报');
    await bulletins.getByTestId('bulletin-body').fill('已转移群众 **120** 人。');
    await submitOnce(bulletins.getByTestId('bulletin-save'), {
      request: /\/api\/v1\/bulletins$/,
      outcome: () => bulletins.getByTestId('bulletin-item').filter({ hasText: '第1号通报' }).waitFor(),
    });
    const item = bulletins.getByTestId('bulletin-item').filter({ hasText: '第1号通报' });
    await submitOnce(item.getByTestId('bulletin-publish'), {
      request: /\/publish$/,
      outcome: () => item.getByText('已发布').waitFor(),
    });
    await expect.poll(() => item.locator('strong', { hasText: '120' }).count()).toBe(1);

    await page.goto(`${base}/bulletins/${incidentId}`);
    await page.getByTestId('public-bulletin-title').filter({ hasText: '第1号通报' }).waitFor();
    const listed = page.getByTestId('public-statement-item').filter({ hasText: '常庄水库运行正常' });
    await listed.getByTestId('signature-badge').waitFor();
    expect(await listed.getByTestId('signature-badge').textContent()).toContain(`已验证${AGENCY}的签名`);
    await listed.getByRole('link').click();
    await page.getByTestId('public-statement').waitFor();
    expect(await page.getByTestId('signature-badge').textContent()).toContain(`已验证${AGENCY}的签名`);
    expect(pageErrors).toEqual([]);
  });

  it('shows stored-XSS attempts in bulletins and statements as text, never running them', async () => {
    const { deps } = t();
    const statement = await issueStatement(deps, SYSTEM, {
      incidentId,
      title: `声明 ${XSS}`,
      body: `正文 ${XSS}`,
      issuingOrganizationId: agencyId,
    });
    const bulletin = await createBulletin(deps, SYSTEM, {
      incidentId,
      title: `通报 ${XSS}`,
      body: `正文 ${XSS}`,
      source: XSS,
      authorOrganizationId: agencyId,
      audience: 'public',
    });
    await publishBulletin(deps, SYSTEM, bulletin.id);
    const context = await browser.newContext({ locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const path of [`/bulletins/${incidentId}`, `/statements/${statement.id}`]) {
      await page.goto(`${base}${path}`);
      await page
        .getByTestId(path.startsWith('/bulletins') ? 'public-bulletin-body' : 'statement-body')
        .first()
        .waitFor();
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('main img[src="x"], article img[src="x"]').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    }
    // On the public bulletins page the hostile title and source read as the text typed.
    await page.goto(`${base}/bulletins/${incidentId}`);
    const hostile = page.getByTestId('public-bulletin-item').filter({ hasText: '通报 <img' });
    expect(await hostile.getByTestId('public-bulletin-title').textContent()).toBe(`通报 ${XSS}`);
    expect(await hostile.getByTestId('public-bulletin-source').textContent()).toContain('<script>window.__xss=2</script>');
    await page.goto(`${base}/statements/${statement.id}`);
    expect(await page.getByTestId('statement-title').textContent()).toBe(`声明 ${XSS}`);
    expect(await page.getByTestId('signature-badge').textContent()).toContain(AGENCY);
    expect(dialogs).toEqual([]);
  });
});
