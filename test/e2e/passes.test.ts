/**
 * In headless Chromium: a team member opens the team's pass (通行证) from the board and from
 * "my tasks" on a phone-sized screen; the QR code the page draws is saved as a picture and
 * given, as a photo, to a checkpoint page that has gone offline, which still verifies it on
 * the device. Back online, a withdrawn team's pass
 * shows revoked, and a pass whose text was altered fails its signature.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { checkpointPhone, chromiumPath, clickUntil, launchBrowser, openSignedIn, serveUi } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '新乡卫辉洪涝';
const TEAM = '蓝天冲锋舟一分队';
const MEMBER = 'pass.member@example.cn';

describeEachDatabase('browser: a pass is issued, scanned and verified offline', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let deploymentId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    const team = await createOrganization(deps, SYSTEM, {
      kind: 'rescue_team',
      name: '新乡蓝天救援队',
      jurisdictions: ['410700'],
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
    });
    await createUser(deps, SYSTEM, {
      email: MEMBER,
      password: 'correct-horse-42',
      role: 'org_member',
      organizationId: team.id,
      displayName: '王队员',
    });
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: INCIDENT,
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410700'],
      })
    ).id;
    deploymentId = (
      await fileDeployment(deps, SYSTEM, incidentId, {
        organizationId: team.id,
        teamName: TEAM,
        leaderName: '王建国',
        leaderPhone: '135 1234 5678',
        headcount: 12,
        vehicles: 3,
        origin: '410700',
      })
    ).id;
    await moveDeployment(deps, SYSTEM, deploymentId, { to: 'approved', zone: '卫辉市区一号点' });
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  const verdictOf = (page: Page) => page.getByTestId('checkpoint-result').getAttribute('data-verdict');

  it('verifies a pass from a photo of its QR code on a checkpoint that has gone offline, then shows revocation online', async () => {
    // The team member opens the pass from the board.
    const member = await openSignedIn(browser, base, MEMBER, { contexts });
    await member.goto(`${base}/incidents/${incidentId}?tab=deployments`);
    await member.getByRole('heading', { level: 1, name: INCIDENT }).waitFor();
    const passItem = member.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: '通行证' });
    await clickUntil(
      passItem,
      () => member.getByRole('button', { name: `“${TEAM}”的更多操作` }).click(),
      async () => /\/pass$/.test(member.url()),
    );
    await member.waitForURL(new RegExp(`/deployments/${deploymentId}/pass$`));
    const qr = member.getByTestId('pass-qr');
    await qr.waitFor();
    await expect.poll(() => member.getByTestId('pass-leader').textContent()).toBe('王建国（手机尾号 5678）');
    expect(await member.locator('body').textContent()).not.toContain('1234');
    await member.screenshot({ path: join(SHOTS, 'pass-page.png'), fullPage: true });
    // The same pass from the team's "my tasks" on a phone-sized screen.
    await member.setViewportSize({ width: 390, height: 844 });
    await member.goto(`${base}/tasks`);
    await member.getByTestId('task-pass').click();
    await member.waitForURL(new RegExp(`/deployments/${deploymentId}/pass$`));
    await qr.waitFor();
    expect(await member.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await member.setViewportSize({ width: 1440, height: 960 });
    // On paper, the pass alone: no header, navigation or buttons.
    await member.emulateMedia({ media: 'print' });
    expect(await member.locator('.app-header').isVisible()).toBe(false);
    expect(await member.getByTestId('print-pass').isVisible()).toBe(false);
    expect(await qr.isVisible()).toBe(true);
    await member.emulateMedia({ media: 'screen' });
    // The QR code as the page drew it, saved as a picture.
    const src = (await qr.getAttribute('src')) ?? '';
    expect(src).toMatch(/^data:image\/png;base64,/);
    const picture = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');

    // The checkpoint loads its keys, then the network drops.
    const { page, context } = await checkpointPhone(browser, base, { contexts });
    await context.setOffline(true);
    await page.getByTestId('checkpoint-photo').setInputFiles({ name: 'pass.png', mimeType: 'image/png', buffer: picture });
    await expect.poll(() => verdictOf(page), { timeout: 15_000 }).toBe('valid');
    await page.getByText('通行证有效').waitFor();
    expect(await page.getByTestId('pass-team').textContent()).toBe(TEAM);
    expect(await page.getByTestId('pass-headcount').textContent()).toBe('12 人');
    expect(await page.getByTestId('pass-leader').textContent()).toBe('王建国（手机尾号 5678）');
    await expect.poll(() => page.getByTestId('checkpoint-online').textContent()).toBe('离线核验：无法查询是否已被撤销');
    await page.screenshot({ path: join(SHOTS, 'checkpoint-offline.png'), fullPage: true });

    // Back online, after the team withdrew: the same picture shows the pass revoked.
    await moveDeployment(t().deps, SYSTEM, deploymentId, { to: 'withdrawn', reason: '任务完成' });
    await context.setOffline(false);
    await page.getByTestId('checkpoint-photo').setInputFiles({ name: 'pass.png', mimeType: 'image/png', buffer: picture });
    await expect
      .poll(() => page.getByTestId('checkpoint-online').textContent(), { timeout: 15_000 })
      .toBe('已联网确认：已被撤销');
    expect(await verdictOf(page)).toBe('revoked');
    await page.getByText('通行证已被撤销').waitFor();

    // The same pass with its headcount altered, pasted as text: the signature no longer holds.
    const token = ((await page.getByTestId('checkpoint-token').inputValue()) ?? '').trim();
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, headcount: 40 })).toString('base64url')}.${signature}`;
    await page.getByTestId('checkpoint-token').fill(forged);
    await page.getByTestId('checkpoint-verify').click();
    await expect.poll(() => verdictOf(page)).toBe('invalid');
    await page.getByText('签名不符，内容可能被篡改').waitFor();
    expect(await page.getByTestId('pass-details').count()).toBe(0);
  }, 120_000);
});
