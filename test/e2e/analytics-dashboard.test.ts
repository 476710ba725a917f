/**
 * In headless Chromium, the network analytics dashboard over a small network in Zhengzhou:
 * the Henan coordinator opens /analytics (their province by default) and finds the four
 * analytics drawn as charts, the cooperation modes a click away as a table, and the
 * vulnerable people's needs still unserved; an observer sees the same aggregates without that
 * list; an area with no organization says so instead of drawing empty charts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { creditCodeCheckCharacter } from '../../src/model/credit-code';
import { fileDeployment } from '../../src/services/deployments/manage-deployments';
import { declareAgreement, fileFiling } from '../../src/services/embedding/declare-embedding';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createProgram } from '../../src/services/programs/manage-programs';
import { createUser } from '../../src/services/users/manage-users';
import { verifyDeclaration, verifyOrganizationFields } from '../../src/services/verify-declaration';
import { chromiumPath, createHenanCoordinator, HENAN_COORDINATOR, launchBrowser, serveUi } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const OBSERVER = 'observer@example.cn';
const BUREAU = '郑州市应急管理局';
const TEAM = '郑州蓝天救援队';
const COUNSELLORS = '郑州心理援助中心';
const NEIGHBOURS = '金水街坊互助会';
const ELDERLY_NEED = '独居老人需要送药';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const creditCode = (n: number) => {
  const first = `5141010${String(n).padStart(10, '0')}`;
  return first + creditCodeCheckCharacter(first);
};

describe.skipIf(!chromiumPath)('browser: the network analytics dashboard', () => {
  let browser: Browser;
  let app: App;
  let base: string;
  let db: TestDatabase & { drop(): Promise<void> };
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase('sqlite');
    const { deps } = db;
    await createHenanCoordinator(deps);
    await createUser(deps, SYSTEM, { email: OBSERVER, password: PASSWORD, role: 'observer', displayName: '研究员' });
    const org = async (name: string, input: Record<string, unknown>) =>
      (await createOrganization(deps, SYSTEM, { name, jurisdictions: ['410100'], ...input } as never)).id;
    const bureau = await org(BUREAU, {
      kind: 'government_agency',
      capabilities: {
        cells: [
          { strategy: 'action', phase: 'crisis' },
          { strategy: 'technology', phase: 'risk' },
        ],
        serviceCategories: ['search_rescue', 'water_sanitation'],
      },
    });
    // Same services as the bureau, with a verified credit code, filing and MOU (0.7): supplementary.
    const team = await org(TEAM, {
      kind: 'rescue_team',
      creditCode: creditCode(1),
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
    });
    await verifyOrganizationFields(deps, SYSTEM, team, ['creditCode']);
    const filing = await fileFiling(deps, SYSTEM, team, { department: BUREAU, filedOn: daysAgo(200) });
    await verifyDeclaration(deps, SYSTEM, 'filings', filing.id);
    const mou = await declareAgreement(deps, SYSTEM, {
      organizationId: team,
      counterpartId: bureau,
      type: 'mou',
      validFrom: daysAgo(200),
    });
    await verifyDeclaration(deps, SYSTEM, 'agreements', mou.id);
    // Different services and nothing recognized: alienation (both of them).
    const counsellors = await org(COUNSELLORS, {
      kind: 'social_organization',
      capabilities: { cells: [{ strategy: 'ideas', phase: 'risk' }], serviceCategories: ['psychosocial'] },
    });
    const neighbours = await org(NEIGHBOURS, {
      kind: 'community_group',
      capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['food'] },
    });
    // Risk work by the counsellors; the neighbours turn out for the response only.
    await createProgram(deps, SYSTEM, {
      title: '社区心理急救培训',
      kind: 'training',
      cell: { strategy: 'ideas', phase: 'risk' },
      stage: 'preparedness',
      leadOrganizationId: counsellors,
      jurisdictions: ['410105'],
      startsOn: daysAgo(60),
      endsOn: daysAgo(59),
      peopleReached: 120,
      cooperationType: 'learning',
    });
    const incident = await declareIncident(deps, SYSTEM, {
      name: '郑州暴雨内涝',
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410100'],
    });
    await fileDeployment(deps, SYSTEM, incident.id, {
      organizationId: neighbours,
      teamName: '街坊互助队',
      leaderName: '李师傅',
      leaderPhone: '13500000000',
      headcount: 5,
      origin: '410105',
    });
    await reportNeed(deps, SYSTEM, incident.id, {
      title: ELDERLY_NEED,
      category: 'emergency_medical',
      jurisdiction: '410105',
      lat: 34.78,
      lon: 113.68,
      vulnerableGroups: ['elderly', 'living_alone'],
    });
    // Communications is technology × crisis, where nobody works: a gap.
    await reportNeed(deps, SYSTEM, incident.id, {
      title: '安置点通信中断',
      category: 'communications',
      jurisdiction: '410104',
      lat: 34.72,
      lon: 113.7,
    });
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/organizations/);
    return page;
  }

  /** The card's chart: an ECharts canvas with a size, and the one-line summary screen readers get. */
  async function chartOf(card: Locator): Promise<string> {
    const figure = card.locator('[role="img"]');
    // ECharts may add layers (the heat grid draws on several); the first is the chart itself.
    const canvas = figure.locator('canvas').first();
    await canvas.waitFor({ state: 'visible' });
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(100);
    // Something is drawn on it (an ECharts instance never given its option leaves it blank).
    const painted = () =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const { data } = (element.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, element.width, element.height);
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
        return count / (element.width * element.height);
      });
    await expect.poll(painted).toBeGreaterThan(0.01);
    return (await figure.getAttribute('aria-label')) ?? '';
  }

  it('draws the four analytics of the coordinator’s province, with the numbers a click away', async () => {
    const page = await signIn(HENAN_COORDINATOR);
    await page.getByRole('navigation', { name: '主导航' }).getByText('网络分析').click();
    await page.waitForURL(/\/analytics/);
    await page.getByRole('heading', { level: 1, name: '网络分析' }).waitFor();
    // The coordinator's own area is the default.
    await expect.poll(() => page.getByTestId('analytics-filters').textContent()).toContain('河南省');

    const modes = page.getByTestId('analytics-modes');
    expect(await chartOf(modes)).toBe('合作模式散点图，共 3 个组织：补充 1、互补 0、替代 0、疏离 2');
    expect(await modes.getByTestId('mode-count-supplementary').textContent()).toBe('1');
    expect(await modes.getByTestId('mode-count-alienation').textContent()).toBe('2');

    const coverage = page.getByTestId('analytics-coverage');
    // The bureau and the team in action × crisis, the bureau in technology × risk, the counsellors
    // in ideas × risk, the neighbours in resources × crisis; the medicine is an action need in
    // crisis (covered), the communications one a technology need in crisis (a gap).
    expect(await chartOf(coverage)).toBe('功能地图热力图：12 个单元格中 4 个有组织覆盖，1 个缺口');

    const special = page.getByTestId('analytics-special-needs');
    expect(await chartOf(special)).toBe('弱势群体需求已服务 0%，用时中位数 —；其他需求已服务 0%，用时中位数 —');
    // The coordinator of the area sees which vulnerable people's needs wait.
    await special.getByTestId('unserved-table').getByRole('cell', { name: ELDERLY_NEED }).waitFor();

    const lifecycle = page.getByTestId('analytics-lifecycle');
    expect(await chartOf(lifecycle)).toBe('各阶段活跃组织：风险管理 1、危机管理 1、恢复管理 0；仅在响应/恢复阶段活动 1 / 2');
    expect(await lifecycle.getByTestId('lifecycle-reactive').textContent()).toBe('1 / 2（50%）');
    await page.screenshot({ path: join(SHOTS, 'analytics-dashboard.png'), fullPage: true });

    // "数据": the same placements as a table, each organization with its mode.
    await modes.getByText('数据', { exact: true }).click();
    const table = modes.getByTestId('modes-table');
    const row = (name: string) => table.locator('tr', { has: page.getByRole('link', { name, exact: true }) });
    await row(TEAM).waitFor();
    expect(await row(TEAM).locator('.analytics-mode-tag').textContent()).toBe('补充');
    expect(await row(TEAM).textContent()).toContain('救援队');
    expect(await row(TEAM).textContent()).toContain('统一社会信用代码、备案、合作协议或购买服务合同（嵌入度 0.70）');
    expect(await row(NEIGHBOURS).locator('.analytics-mode-tag').textContent()).toBe('疏离');
    expect(await table.getByRole('link', { name: BUREAU }).count()).toBe(0);
    expect(await modes.locator('canvas').count()).toBe(0);
    // And back to the chart.
    await modes.getByText('图表', { exact: true }).click();
    await modes.locator('canvas').waitFor({ state: 'visible' });
    expect(pageErrors).toEqual([]);
  });

  it('shows an observer the aggregates only, and an empty area as empty', async () => {
    const page = await signIn(OBSERVER);
    await page.goto(`${base}/analytics`);
    const special = page.getByTestId('analytics-special-needs');
    // Without an area of their own, an observer starts at Henan too.
    await chartOf(special);
    expect(await special.getByTestId('unserved-hidden').textContent()).toBe('需求清单仅向本地区的协调员显示');
    expect(await special.getByTestId('unserved-table').count()).toBe(0);
    expect(await special.textContent()).not.toContain(ELDERLY_NEED);

    // Guangdong: no organization, no need.
    await page.goto(`${base}/analytics?jurisdiction=440000`);
    const modes = page.getByTestId('analytics-modes');
    await modes.getByText('该地区没有政府部门以外的组织').waitFor();
    await page.getByTestId('analytics-special-needs').getByText('该地区本时段没有需求记录').waitFor();
    expect(await page.locator('.analytics-grid canvas').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
