/**
 * In headless Chromium, the network analytics dashboard over a small network in Zhengzhou:
 * the Henan coordinator opens /analytics (their province by default) and finds the eight
 * analytics drawn as charts — cooperation modes, coverage, special needs, lifecycle, the
 * collaboration network, the four principles, substitution over a flood and 3W (as bars and on
 * a map) — with the numbers a click away (the modes, the brokers, who left the flood and when,
 * the 3W table and its CSV), and the vulnerable people's needs still unserved. With the pages
 * the API answers cut to two, as a province's tens of thousands would be, the modes are drawn
 * where they cluster, the network's drawing says it is part of the whole, and the tables load
 * more and export every page. An observer sees the same aggregates without that list; an area
 * with no organization says so instead of drawing empty charts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { creditCodeCheckCharacter } from '../../src/model/credit-code';
import { workerSnapshots } from '../../src/services/analytics/figure-worker';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareAgreement, fileFiling } from '../../src/services/embedding/declare-embedding';
import { declareIncident, moveIncidentStage } from '../../src/services/incidents/manage-incidents';
import { claimNeed, reportProgress } from '../../src/services/needs/claims';
import { type ReportOutcome, reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createProgram } from '../../src/services/programs/manage-programs';
import { createUser } from '../../src/services/users/manage-users';
import { verifyDeclaration, verifyOrganizationFields } from '../../src/services/verify-declaration';
import {
  chooseOption,
  chromiumPath,
  clickUntil,
  createHenanCoordinator,
  HENAN_COORDINATOR,
  launchBrowser,
  openSignedIn,
  serveUi,
} from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const OBSERVER = 'observer@example.cn';
const BUREAU = '郑州市应急管理局';
const TEAM = '郑州蓝天救援队';
const COUNSELLORS = '郑州心理援助中心';
const NEIGHBOURS = '金水街坊互助会';
const VOLUNTEERS = '惠济区志愿者协会';
const ELDERLY_NEED = '独居老人需要送药';
const FLOOD = '郑州暴雨内涝';
const COLD_SNAP = '郑州寒潮';
const DAY = 86_400_000;
/** One "now" for the fixture and the assertions alike, whichever side of midnight (UTC) they run. */
const NOW = Date.now();

const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString().slice(0, 10);
/** YYYY-MM of a day some days ago. */
const monthOf = (days: number) => daysAgo(days).slice(0, 7);
const needId = (outcome: ReportOutcome) => {
  if (outcome.replayed) throw new Error('a fresh need was taken for a repeat');
  return outcome.reported.need.id;
};
const creditCode = (n: number) => {
  const first = `5141010${String(n).padStart(10, '0')}`;
  return first + creditCodeCheckCharacter(first);
};

describeEachDatabase('browser: the network analytics dashboard', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  /** The same platform with the built-in plain base map configured. */
  let tiledApp: App | undefined;
  let base: string;
  let analytics: ReturnType<typeof workerSnapshots> | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = t();
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
    // Nobody works with the volunteers: the network's isolated organization.
    await org(VOLUNTEERS, { kind: 'volunteer_association', capabilities: { cells: [], serviceCategories: ['food'] } });
    // Risk work by the counsellors, once with the team; the neighbours turn out for the response only.
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
    await createProgram(deps, SYSTEM, {
      title: '金水区社区灾害风险评估',
      kind: 'risk_assessment',
      cell: { strategy: 'ideas', phase: 'risk' },
      stage: 'mitigation',
      leadOrganizationId: counsellors,
      partnerIds: [team],
      jurisdictions: ['410105'],
      startsOn: daysAgo(30),
      endsOn: daysAgo(29),
      peopleReached: 80,
      cooperationType: 'information',
    });

    // The flood, day by day from eight days ago (02:00 UTC, so that a few hours never change the date).
    const { clock } = db;
    const start = Date.parse(`${daysAgo(8)}T02:00:00Z`);
    const on = (day: number, hours = 0) => {
      clock.now = new Date(start + day * DAY + hours * 3_600_000);
    };
    // An older incident, closed, with no work recorded.
    on(-1);
    const cold = await declareIncident(deps, SYSTEM, {
      name: COLD_SNAP,
      category: 'natural_disaster',
      type: '寒潮',
      level: 4,
      jurisdictions: ['410100'],
    });
    await moveIncidentStage(deps, SYSTEM, cold.id, { to: 'closed' });
    on(0);
    const incident = await declareIncident(deps, SYSTEM, {
      name: FLOOD,
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410100'],
    });
    // All three sent to the same zone, where teams work side by side (tied in the collaboration graph).
    const deploy = async (organizationId: string, teamName: string, headcount: number) => {
      const { id } = await fileDeployment(deps, SYSTEM, incident.id, {
        organizationId,
        teamName,
        leaderName: '李师傅',
        leaderPhone: '13500000000',
        headcount,
        origin: '410105',
      });
      await moveDeployment(deps, SYSTEM, id, { to: 'approved', zone: '金水片区' });
      return id;
    };
    // On the ground: the neighbours (5) for the first four days, the team (12) for six, the bureau (20) throughout.
    const neighbourTeam = await deploy(neighbours, '街坊互助队', 5);
    const rescueTeam = await deploy(team, '蓝天抢险分队', 12);
    await moveDeployment(deps, SYSTEM, rescueTeam, { to: 'checked_in' });
    await deploy(bureau, '市应急局现场工作组', 20);
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
    const pumping = needId(
      await reportNeed(deps, SYSTEM, incident.id, {
        title: '地下车库积水抽排',
        category: 'water_sanitation',
        jurisdiction: '410105',
        lat: 34.8,
        lon: 113.66,
      }),
    );
    const clearing = needId(
      await reportNeed(deps, SYSTEM, incident.id, {
        title: '倒伏树木清障',
        category: 'search_rescue',
        jurisdiction: '410104',
        lat: 34.74,
        lon: 113.71,
      }),
    );
    // The team pumps the garage dry on day 1, the bureau clears the road on day 2.
    on(1);
    const pumped = await claimNeed(deps, SYSTEM, pumping, { organizationId: team });
    on(1, 3);
    await reportProgress(deps, SYSTEM, pumped.claim.id, { done: true, note: '已抽排' });
    on(2);
    const cleared = await claimNeed(deps, SYSTEM, clearing, { organizationId: bureau });
    on(2, 2);
    await reportProgress(deps, SYSTEM, cleared.claim.id, { done: true, note: '道路已通' });
    on(3);
    await moveDeployment(deps, SYSTEM, neighbourTeam, { to: 'withdrawn', reason: '队员返岗' });
    on(4);
    await moveIncidentStage(deps, SYSTEM, incident.id, { to: 'recovery' });
    on(5);
    await moveDeployment(deps, SYSTEM, rescueTeam, { to: 'returned' });
    clock.now = new Date(NOW);
    // As `corespond serve` runs it: the figures computed on a worker thread, kept as snapshots.
    analytics = workerSnapshots(deps.db, {
      url: db.env.DATABASE_URL,
      dataDir: db.env.CORESPOND_DATA_DIR,
      auditKey: deps.auditKey,
    });
    ({ app, base } = await serveUi({ ...deps, figures: analytics.figures }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await tiledApp?.close();
    await analytics?.close();
  });

  const signIn = (email: string, on = base) =>
    openSignedIn(browser, on, email, { contexts, pageErrors, viewport: { width: 1440, height: 1000 } });

  /** The card's chart: an ECharts canvas with a size, and the one-line summary screen readers get. */
  async function chartOf(card: Locator): Promise<string> {
    // The chart's own figure, not an icon's (antd's icons are role="img" too).
    const figure = card.locator('.analytics-chart[role="img"]');
    // ECharts may draw on several layers (the heat grid's cells and its labels apart): all of them count.
    const canvas = figure.locator('canvas').first();
    await canvas.waitFor({ state: 'visible' });
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(100);
    // Something is drawn (an ECharts instance never given its option leaves every layer blank): the
    // share of the chart's area painted on some layer.
    const painted = () =>
      figure.evaluate((host: HTMLElement) => {
        const layers = [...host.querySelectorAll('canvas')];
        const [first] = layers;
        const covered = new Uint8Array(first.width * first.height);
        for (const layer of layers) {
          if (layer.width !== first.width || layer.height !== first.height) continue;
          const { data } = (layer.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, layer.width, layer.height);
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) covered[(i - 3) / 4] = 1;
        }
        return covered.reduce((n, c) => n + c, 0) / covered.length;
      });
    await expect.poll(painted).toBeGreaterThan(0.01);
    return (await figure.getAttribute('aria-label')) ?? '';
  }

  /** A table's body as the reader sees it: the text of each cell, row by row. */
  function cellsOf(table: Locator): Promise<string[][]> {
    return table
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
  }

  it('draws the four analytics of the coordinator’s province, with the numbers a click away', async () => {
    const page = await signIn(HENAN_COORDINATOR);
    await page.getByRole('navigation', { name: '主导航' }).getByText('网络分析').click();
    await page.waitForURL(/\/analytics/);
    await page.getByRole('heading', { level: 1, name: '网络分析' }).waitFor();
    // The coordinator's own area is the default.
    await expect.poll(() => page.getByTestId('analytics-filters').textContent()).toContain('河南省');
    // The annual report of the area is a link away, as a printable page (the signed-in session reads it).
    const report = page.getByTestId('analytics-report').getByRole('link', { name: /网页版/ });
    const href = await report.getAttribute('href');
    expect(href).toMatch(/jurisdiction=410000.*format=html/);
    const printable = await page.request.get(new URL(href as string, page.url()).href);
    expect(printable.status()).toBe(200);
    expect(await printable.text()).toContain('河南省应急协作网络年度报告');

    const modes = page.getByTestId('analytics-modes');
    expect(await chartOf(modes)).toBe('合作模式散点图，共 4 个组织：补充 1、互补 0、替代 0、疏离 3');
    expect(await modes.getByTestId('mode-count-supplementary').textContent()).toBe('1');
    expect(await modes.getByTestId('mode-count-alienation').textContent()).toBe('3');
    // All four in the answer: each drawn, not where they cluster.
    expect(await modes.getByTestId('modes-clustered').count()).toBe(0);

    const coverage = page.getByTestId('analytics-coverage');
    // The bureau and the team in action × crisis, the bureau in technology × risk, the counsellors
    // in ideas × risk, the neighbours in resources × crisis; the medicine is an action need in
    // crisis (covered), the communications one a technology need in crisis (a gap).
    expect(await chartOf(coverage)).toBe('功能地图热力图：12 个单元格中 4 个有组织覆盖，1 个缺口');

    const special = page.getByTestId('analytics-special-needs');
    // The garage pumped dry 27 hours after it was reported, the road cleared after 50: 2 of 3 others served.
    expect(await chartOf(special)).toBe('弱势群体需求已服务 0%，用时中位数 —；其他需求已服务 66.7%，用时中位数 38.5 小时');
    // The coordinator of the area sees which vulnerable people's needs wait.
    await special.getByTestId('unserved-table').getByRole('cell', { name: ELDERLY_NEED }).waitFor();
    expect(await special.getByTestId('unserved-shown').textContent()).toBe('已显示 1 / 1');

    const lifecycle = page.getByTestId('analytics-lifecycle');
    // The counsellors and the team in risk work, the team and the neighbours in the response.
    expect(await chartOf(lifecycle)).toBe('各阶段活跃组织：风险管理 2、危机管理 2、恢复管理 0；仅在响应/恢复阶段活动 1 / 3');
    expect(await lifecycle.getByTestId('lifecycle-reactive').textContent()).toBe('1 / 3（33.3%）');
    // The volunteers did nothing in the period.
    expect(await lifecycle.getByTestId('lifecycle-inactive').textContent()).toBe('1');
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
    expect(await modes.getByTestId('modes-shown').textContent()).toBe('已显示 4 / 4');
    expect(await modes.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    // One mode at a time: the three alienated organizations.
    await modes.getByTestId('modes-filter').getByText('疏离 3', { exact: true }).click();
    await expect.poll(() => modes.getByTestId('modes-shown').textContent()).toBe('已显示 3 / 3');
    expect(await table.locator('.analytics-mode-tag').allTextContents()).toEqual(['疏离', '疏离', '疏离']);
    expect(await modes.locator('canvas').count()).toBe(0);
    // And back to the chart.
    await modes.getByText('图表', { exact: true }).click();
    await modes.locator('canvas').waitFor({ state: 'visible' });
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  it('draws who works with whom, the four principles, the flood’s substitution and 3W, with their numbers', async () => {
    const page = await signIn(HENAN_COORDINATOR);
    await page.goto(`${base}/analytics`);

    const collaboration = page.getByTestId('analytics-collaboration');
    // Deployed together to the flood's zone: the team, the neighbours and the bureau; the team also has the
    // MOU with the bureau and the risk assessment with the counsellors, who reach the rest through it.
    expect(await chartOf(collaboration)).toMatch(
      /^协作网络图：5 个组织、4 条协作关系；密度 0\.40，2 个连通子网，1 个孤立组织，\d 个社群$/,
    );
    // Every organization of the area is drawn, and counted: the five, with four ties among them.
    expect(await collaboration.getByTestId('collaboration-order').textContent()).toBe('5');
    expect(await collaboration.getByTestId('collaboration-size').textContent()).toBe('4');
    expect(await collaboration.getByTestId('collaboration-partial').count()).toBe(0);
    expect(await collaboration.getByTestId('collaboration-density').textContent()).toBe('0.40');
    expect(await collaboration.getByTestId('collaboration-components').textContent()).toBe('2');
    expect(await collaboration.getByTestId('collaboration-isolated').textContent()).toBe('1');
    await collaboration.getByText('数据', { exact: true }).click();
    const brokers = collaboration.getByTestId('brokers-table');
    await brokers.getByRole('link', { name: TEAM, exact: true }).waitFor();
    // The team alone: on the counsellors' shortest paths to the neighbours and the bureau (2 of the 6
    // pairs among the four tied organizations); the neighbours and the bureau are tied directly, so
    // nobody else lies between two others.
    expect(await cellsOf(brokers)).toEqual([[TEAM, '0.33', '3']]);
    expect(await collaboration.getByTestId('isolated-list').textContent()).toBe(`孤立组织：本时段没有协作关系（1）${VOLUNTEERS}`);

    const principles = page.getByTestId('analytics-principles');
    // No application to join in the period: openness has nothing to measure.
    expect(await chartOf(principles)).toBe('四化雷达图：常态化 50%、综合化 33.3%、互嵌化 25%、开放化 —');
    expect(await principles.getByTestId('principles-lines').locator('li').allTextContents()).toEqual([
      // The counsellors and the team ran programs; the neighbours and the volunteers did not.
      '常态化：4 个组织中 2 个在过去 12 个月有常态化活动（50%）',
      // Action × crisis, technology × risk, ideas × risk, resources × crisis; a learning and an information program.
      '综合化：功能地图 12 个单元格中 4 个有组织覆盖（33.3%）；本时段合作类型：学习交流、信息共享（均衡度 0.43）',
      '互嵌化：4 个组织中 1 个有合作协议、纳入预案或有协调机构席位（25%）；席位所在子系统：无',
      '开放化：0 份入网申请，已决定 0 份，准入率 —，决定用时中位数 —；新成员 0 个，其中基层组织占 —',
    ]);

    const substitution = page.getByTestId('analytics-substitution');
    // The newest incident of the area first. Social organizations had 17 people on the ground in the
    // response, 12 on the first two days of recovery and none after: 4.8 a day, 71.8% below the peak.
    expect(await chartOf(substitution)).toBe(
      `${FLOOD}每日在场人数柱状图：社会组织响应高峰 17 人（${daysAgo(8)}），恢复期日均 4.8 人，较高峰下降 71.8%`,
    );
    expect(await substitution.getByTestId('substitution-drop').textContent()).toBe('71.8%');
    await substitution.getByText('数据', { exact: true }).click();
    const stages = substitution.getByTestId('substitution-stages-table');
    await stages.locator('tr.ant-table-row').first().waitFor();
    // Four days of response (17 social and 20 government people a day; a need fulfilled by each),
    // five of recovery (12, 12, 0, 0, 0 social people, 20 government ones).
    expect(await cellsOf(stages)).toEqual([
      ['响应', '4', '68', '80', '46%', '1 / 1', '50%'],
      ['恢复', '5', '24', '100', '19.4%', '0 / 0', '—'],
    ]);
    // The neighbours went home on the last day of the response, the team two days into recovery.
    expect(await cellsOf(substitution.getByTestId('departures-table'))).toEqual([
      [NEIGHBOURS, daysAgo(5), '响应'],
      [TEAM, daysAgo(3), '恢复'],
    ]);
    // The closed cold snap is listed too, with nothing recorded.
    await chooseOption(page, substitution.getByTestId('substitution-incident'), `${COLD_SNAP}（已结束）`);
    await substitution.getByText('该事件还没有已批准的报备或完成的需求').waitFor();

    const www = page.getByTestId('analytics-www');
    // Five rows of three organizations in two places: the claims in 金水区 and 管城回族区, the programs in 金水区.
    expect(await chartOf(www)).toBe('3W 条形图：5 条记录、3 个组织；活动最多的地点 金水区 4，最多的事项 风险评估 2');
    expect(await www.getByTestId('www-activities').textContent()).toBe('5');
    // On the map (drawn: no base map is configured here), a circle where each place's needs lie,
    // the busier 金水区 the bigger.
    await www.getByTestId('www-view').getByText('地图', { exact: true }).click();
    const map = www.getByTestId('www-map');
    await map.locator('svg').waitFor({ state: 'visible' });
    expect(await map.getAttribute('data-kind')).toBe('drawn');
    expect(await www.getByTestId('www-map-kind').textContent()).toBe('简易地图（未配置底图）');
    const places = map.getByTestId('www-map-place');
    expect(await places.locator('title').allTextContents()).toEqual(['金水区：4 次 · 2 个组织', '管城回族区：1 次 · 1 个组织']);
    const radii = await places.evaluateAll((circles) => circles.map((circle) => Number(circle.getAttribute('r'))));
    expect(radii[0]).toBeGreaterThan(radii[1]);
    // 金水区's needs lie north-west of 管城回族区's.
    const [jinshui, guancheng] = await places.evaluateAll((circles) =>
      circles.map((circle) => [Number(circle.getAttribute('cx')), Number(circle.getAttribute('cy'))]),
    );
    expect(jinshui[0]).toBeLessThan(guancheng[0]);
    expect(jinshui[1]).toBeLessThan(guancheng[1]);
    expect(await map.getByTestId('www-map-count').textContent()).toBe('图上 2 个地点');
    await www.screenshot({ path: join(SHOTS, 'analytics-3w-map.png') });
    await www.getByText('数据', { exact: true }).click();
    const table = www.getByTestId('www-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    expect(await www.getByTestId('www-shown').textContent()).toBe('已显示 5 / 5');
    // Sorted here: the server's order is by month, then name.
    const sorted = async () => (await cellsOf(table)).sort((a, b) => a.join().localeCompare(b.join()));
    const expected = [
      [COUNSELLORS, '培训 项目', '金水区 410105', monthOf(60), '1'],
      [COUNSELLORS, '风险评估 项目', '金水区 410105', monthOf(30), '1'],
      [TEAM, '风险评估 项目', '金水区 410105', monthOf(30), '1'],
      [TEAM, '供水与卫生 需求', '金水区 410105', monthOf(7), '1'],
      [BUREAU, '搜索救援 需求', '管城回族区 410104', monthOf(6), '1'],
    ];
    await expect.poll(sorted).toEqual(expected.sort((a, b) => a.join().localeCompare(b.join())));
    // Filtered to the team, then taken away as CSV: the rows as shown, names and codes both.
    const filter = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-table-filter-dropdown');
    const team = filter.locator('.ant-dropdown-menu-item', { hasText: TEAM });
    await clickUntil(
      team,
      () => table.getByRole('columnheader', { name: '组织' }).locator('.ant-table-filter-trigger').click(),
      async () => (await team.locator('.ant-checkbox-checked').count()) > 0,
    );
    await filter.locator('.ant-btn-primary').click();
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), www.getByTestId('www-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^3W-410000-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.startsWith('\uFEFF组织,事项,来源,地点,地点代码,月份,次数\r\n')).toBe(true);
    expect(csv.trim().split('\r\n').slice(1).sort()).toEqual(
      [`${TEAM},风险评估,项目,金水区,410105,${monthOf(30)},1`, `${TEAM},供水与卫生,需求,金水区,410105,${monthOf(7)},1`].sort(),
    );
    await page.screenshot({ path: join(SHOTS, 'analytics-dashboard-more.png'), fullPage: true });
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  it('pages what a province has too many of: clusters, the best-connected part, more rows, every row in the CSV', async () => {
    const page = await signIn(HENAN_COORDINATOR);
    // Two at a time, as a province's tens of thousands would come a thousand at a time.
    await page.route(/\/api\/v1\/analytics\/(cooperation-modes|lifecycle|collaboration|who-what-where)\?/, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '2');
      return route.continue({ url: url.href });
    });
    await page.goto(`${base}/analytics`);

    const modes = page.getByTestId('analytics-modes');
    const clustered = '共 4 个组织，按所在位置汇总显示：气泡越大，该处组织越多（坐标保留一位小数）';
    expect(await chartOf(modes)).toBe(`合作模式散点图，共 4 个组织：补充 1、互补 0、替代 0、疏离 3。${clustered}`);
    expect(await modes.getByTestId('modes-clustered').textContent()).toBe(clustered);
    // The counts are the whole area's, not the page's.
    expect(await modes.getByTestId('mode-count-alienation').textContent()).toBe('3');
    await modes.screenshot({ path: join(SHOTS, 'analytics-modes-clustered.png') });
    await modes.getByText('数据', { exact: true }).click();
    const shown = modes.getByTestId('modes-shown');
    await expect.poll(() => shown.textContent()).toBe('已显示 2 / 4');
    await modes.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => shown.textContent()).toBe('已显示 4 / 4');
    expect(await modes.getByTestId('modes-table').locator('tr.ant-table-row').count()).toBe(4);
    expect(await modes.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    // One mode pages on its own.
    await modes.getByTestId('modes-filter').getByText('疏离 3', { exact: true }).click();
    await expect.poll(() => shown.textContent()).toBe('已显示 2 / 3');
    await modes.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => shown.textContent()).toBe('已显示 3 / 3');

    const lifecycle = page.getByTestId('analytics-lifecycle');
    expect(await chartOf(lifecycle)).toBe('各阶段活跃组织：风险管理 2、危机管理 2、恢复管理 0；仅在响应/恢复阶段活动 1 / 3');
    expect(await lifecycle.getByTestId('lifecycle-inactive').textContent()).toBe('1');
    await lifecycle.getByText('数据', { exact: true }).click();
    await expect.poll(() => lifecycle.getByTestId('lifecycle-shown').textContent()).toBe('已显示 2 / 4');

    const collaboration = page.getByTestId('analytics-collaboration');
    const partial = '显示连接最多的 2 个组织（共 5 个，4 条联系）';
    // (Two organizations and a tie are too little ink for chartOf's test of a drawn canvas.)
    await expect.poll(() => collaboration.getByTestId('collaboration-partial').textContent()).toBe(partial);
    expect(await collaboration.locator('.analytics-chart[role="img"]').getAttribute('aria-label')).toMatch(
      /^协作网络图：5 个组织、4 条协作关系；密度 0\.40，2 个连通子网，1 个孤立组织，\d 个社群。显示连接最多的 2 个组织（共 5 个，4 条联系）$/,
    );
    expect(await collaboration.getByTestId('collaboration-order').textContent()).toBe('5');
    expect(await collaboration.getByTestId('collaboration-isolated').textContent()).toBe('1');

    const www = page.getByTestId('analytics-www');
    expect(await chartOf(www)).toBe('3W 条形图：5 条记录、3 个组织；活动最多的地点 金水区 4，最多的事项 风险评估 2');
    await www.getByText('数据', { exact: true }).click();
    await expect.poll(() => www.getByTestId('www-shown').textContent()).toBe('已显示 2 / 5');
    // The CSV has every row, fetched page by page (two at a time here), not just the two shown.
    const [download] = await Promise.all([page.waitForEvent('download'), www.getByTestId('www-export').click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const lines = csv.trim().split('\r\n').slice(1).sort();
    expect(lines).toHaveLength(5);
    expect(lines).toContain(`${BUREAU},搜索救援,需求,管城回族区,410104,${monthOf(6)},1`);
    expect(await www.getByTestId('www-shown').textContent()).toBe('已显示 2 / 5');
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  it('draws the 3W places with MapLibre when a base map is configured', async () => {
    const tiled = await serveUi({ ...t().deps, figures: analytics?.figures }, { mapStyleUrl: '/map-styles/plain.json' });
    tiledApp = tiled.app;
    const tiledBase = tiled.base;
    const page = await signIn(HENAN_COORDINATOR, tiledBase);
    await page.goto(`${tiledBase}/analytics`);
    const www = page.getByTestId('analytics-www');
    await www.getByTestId('www-view').getByText('地图', { exact: true }).click();
    const map = www.getByTestId('www-map-gl');
    await map.scrollIntoViewIfNeeded();
    await map.locator('.maplibregl-canvas').waitFor({ state: 'visible' });
    expect(await www.getByTestId('www-map-kind').getAttribute('data-kind')).toBe('tiles');
    // Both places' circles are on the canvas, not just counted in the text.
    await expect.poll(() => map.getAttribute('data-drawn')).toBe('2');
    expect(await www.getByTestId('www-map-count').textContent()).toBe('图上 2 个地点');
    expect(await www.getByTestId('www-map-place').count()).toBe(0);
    await www.screenshot({ path: join(SHOTS, 'analytics-3w-maplibre.png') });
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
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
    await page.getByTestId('analytics-collaboration').getByText('该地区没有组织').waitFor();
    await page.getByTestId('analytics-substitution').getByText('该地区没有事件记录').waitFor();
    await page.getByTestId('analytics-www').getByText('该地区本时段没有需求认领或项目记录').waitFor();
    expect(await page.locator('.analytics-grid canvas').count()).toBe(0);
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
