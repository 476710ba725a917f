/**
 * In headless Chromium: the setup page on an empty platform creates the first admin; an
 * organization admin edits its function map from the keyboard; a member may not edit.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findOrganization } from '../../src/db/repositories/organizations';
import { findUserByEmail } from '../../src/db/repositories/users';
import type { App } from '../../src/http/app-types';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { chromiumPath, launchBrowser, serveUi } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

describeEachDatabase('browser: first start and editing the function map', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await serveUi(t().deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(email: string) {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/organizations/);
    return page;
  }

  it('shows the setup page on an empty platform and creates the first platform admin', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: '初始化平台' }).waitFor();
    await page.getByLabel('邮箱').fill('director@example.cn');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认新密码').fill(PASSWORD);
    await page.getByRole('button', { name: '创建管理员并进入平台' }).click();
    await page.waitForURL(/\/organizations$/);
    const admin = await findUserByEmail(t().deps.db, 'director@example.cn');
    expect(admin?.role).toBe('platform_admin');
    // Once set up, the setup page is gone for good.
    await page.goto(`${base}/setup`);
    await page.waitForURL((url) => !url.pathname.startsWith('/setup'));
  });

  it('lets an organization admin toggle a function-map cell from the keyboard and save', async () => {
    const { deps } = t();
    const team = await createOrganization(deps, SYSTEM, {
      kind: 'volunteer_association',
      name: '洛阳巾帼志愿者协会',
      jurisdictions: ['410300'],
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['psychosocial'] },
    });
    await createUser(deps, SYSTEM, {
      email: 'lead@example.cn',
      password: PASSWORD,
      role: 'org_admin',
      organizationId: team.id,
    });
    await createUser(deps, SYSTEM, {
      email: 'member@example.cn',
      password: PASSWORD,
      role: 'org_member',
      organizationId: team.id,
    });

    const page = await signIn('lead@example.cn');
    await page.goto(`${base}/organizations/${team.id}`);
    await page.getByRole('button', { name: '编辑资料' }).click();
    const cell = page.getByRole('button', { name: '理念介入 · 风险管理' });
    expect(await cell.getAttribute('aria-pressed')).toBe('false');
    await cell.focus();
    await page.keyboard.press('Space');
    expect(await cell.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '编辑资料' }).waitFor();
    const saved = await findOrganization(deps.db, team.id);
    expect(saved?.capabilities.cells).toEqual([
      { strategy: 'action', phase: 'crisis' },
      { strategy: 'ideas', phase: 'risk' },
    ]);

    const memberPage = await signIn('member@example.cn');
    await memberPage.goto(`${base}/organizations/${team.id}`);
    await memberPage.getByRole('heading', { level: 1, name: '洛阳巾帼志愿者协会' }).waitFor();
    expect(await memberPage.getByRole('button', { name: '编辑资料' }).count()).toBe(0);
  });
});
