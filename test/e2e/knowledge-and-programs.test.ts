/**
 * In headless Chromium, the knowledge base and the normal-time programs: the Henan
 * coordinator records a lesson through the form, finds it again by searching a word of its
 * title written in Traditional characters (and not an older lesson that shares no word),
 * opens it; records a training program and sees it in the programs table; records a lesson
 * of a flood and of a program, finds it by either, and follows its link to the flood's board.
 * Each test sets up what it needs, so any one runs alone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { recordLesson } from '../../src/services/knowledge/lessons';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createProgram } from '../../src/services/programs/manage-programs';
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
import { SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const COUNSELLORS = '郑州心理援助中心';
const LESSON = '社区防汛物资储备经验';
const LESSON_BODY = '沙袋与抽水泵应在汛期前一个月放到各小区，并登记保管人和联系电话。';
const OLDER_LESSON = '地震演练心得';
const PROGRAM = '金水区社区心理急救培训';
const FLOOD = '郑州暴雨内涝';
const FLOOD_LESSON = '暴雨期间心理急救的经验';
const FLOOD_PROGRAM = '暴雨安置点心理疏导培训';

describeEachDatabase('browser: the knowledge base and normal-time programs', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let counsellors = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    await createHenanCoordinator(deps);
    const { id } = await createOrganization(deps, SYSTEM, {
      name: COUNSELLORS,
      kind: 'social_organization',
      jurisdictions: ['410100'],
      capabilities: { cells: [{ strategy: 'ideas', phase: 'risk' }], serviceCategories: ['psychosocial'] },
    } as never);
    counsellors = id;
    await recordLesson(deps, SYSTEM, {
      kind: 'lesson',
      title: OLDER_LESSON,
      body: '疏散路线应提前演练。',
      jurisdiction: '410000',
    });
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  const signIn = (email: string) =>
    openSignedIn(browser, base, email, { contexts, pageErrors, viewport: { width: 1440, height: 1000 } });

  /** Picks an option of a form's select by the select's label. */
  const choose = (page: Page, form: Locator, label: string, option: string) =>
    chooseOption(page, form.getByLabel(label, { exact: true }), option);

  it('records a lesson and finds it by a word written in Traditional characters', async () => {
    const page = await signIn(HENAN_COORDINATOR);
    await page.getByRole('navigation', { name: '主导航' }).getByText('知识库').click();
    await page.waitForURL(/\/knowledge$/);
    await page.getByRole('heading', { level: 1, name: '知识库' }).waitFor();
    await page.getByTestId('lesson-card').filter({ hasText: OLDER_LESSON }).waitFor();

    await page.getByRole('button', { name: '记录经验' }).click();
    const modal = page.getByRole('dialog', { name: '记录经验' });
    // Under load a click can land while the dialog is still opening: click until the kind is chosen.
    const lessonKind = modal.getByRole('radio', { name: '经验教训' });
    await clickUntil(
      modal.getByText('经验教训', { exact: true }),
      async () => undefined,
      () => lessonKind.isChecked(),
    );
    await modal.getByLabel('标题', { exact: true }).fill(LESSON);
    await modal.getByLabel('正文', { exact: true }).fill(LESSON_BODY);
    await modal.getByLabel('标签', { exact: true }).fill('防汛');
    await modal.getByLabel('标签', { exact: true }).press('Enter');
    // The tags' dropdown stays open over the buttons until the focus moves on.
    await modal.getByLabel('正文', { exact: true }).click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    // The area is the coordinator's province unless changed.
    await expect.poll(() => modal.locator('.ant-cascader').textContent()).toContain('河南省');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('lesson-card').filter({ hasText: LESSON }).waitFor();

    // 物资储备 in Traditional characters finds the lesson, and only it.
    const search = page.getByLabel('搜索知识库');
    await search.fill('物資儲備');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('lesson-card').allTextContents()).toHaveLength(1);
    const card = page.getByTestId('lesson-card');
    expect(await card.textContent()).toContain(LESSON);
    expect(await card.textContent()).toContain('经验教训');
    expect(await card.textContent()).toContain('防汛');

    await card.getByRole('button', { name: LESSON }).click();
    const body = page.getByTestId('lesson-body');
    await body.waitFor();
    expect(await body.textContent()).toBe(LESSON_BODY);
    const drawer = page.getByRole('dialog').filter({ has: body });
    expect(await drawer.textContent()).toContain(LESSON);
    expect(await drawer.textContent()).toContain('河南省');
    await page.screenshot({ path: join(SHOTS, 'knowledge-base.png'), fullPage: true });
  });

  it('records a program through the form and lists it', async () => {
    const page = await signIn(HENAN_COORDINATOR);
    await page.getByRole('navigation', { name: '主导航' }).getByText('常态化项目').click();
    await page.waitForURL(/\/programs$/);
    await page.getByRole('heading', { level: 1, name: '常态化项目' }).waitFor();
    const table = page.getByTestId('programs-table');
    await table.getByText('还没有常态化项目').waitFor();

    await page.getByRole('button', { name: '记录项目' }).click();
    const modal = page.getByRole('dialog', { name: '记录常态化项目' });
    await modal.getByLabel('项目名称', { exact: true }).fill(PROGRAM);
    await choose(page, modal, '项目类型', '培训');
    await choose(page, modal, '策略', '理念介入');
    await choose(page, modal, '阶段（功能地图）', '风险管理');
    await choose(page, modal, '所处阶段', '应急准备');
    await choose(page, modal, '合作类型', '学习交流');
    await chooseOption(page, modal.getByLabel('牵头组织', { exact: true }), COUNSELLORS, { search: '心理援助' });
    const starts = modal.getByLabel('开始日期', { exact: true });
    await starts.click();
    await starts.fill('2026-10-10');
    await starts.press('Enter');
    await modal.getByLabel('受益人数', { exact: true }).fill('150');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden' });

    const row = table.locator('tr.ant-table-row').filter({ hasText: PROGRAM });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    // The coordinator who recorded it may edit it (the last cell).
    expect(cells).toEqual([
      PROGRAM,
      '培训',
      '理念介入 × 风险管理',
      COUNSELLORS,
      '0',
      '河南省',
      '2026-10-10',
      '150',
      '学习交流',
      '编辑',
    ]);
    await page.screenshot({ path: join(SHOTS, 'programs.png'), fullPage: true });
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  it('links a lesson to its incident and program, finds it by either, and leads to the incident’s board', async () => {
    const flood = await declareIncident(t().deps, SYSTEM, {
      name: FLOOD,
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410100'],
    });
    await createProgram(t().deps, SYSTEM, {
      title: FLOOD_PROGRAM,
      kind: 'training',
      cell: { strategy: 'ideas', phase: 'risk' },
      stage: 'preparedness',
      leadOrganizationId: counsellors,
      jurisdictions: ['410000'],
      startsOn: '2026-10-20',
      peopleReached: 40,
      cooperationType: 'learning',
    });
    const page = await signIn(HENAN_COORDINATOR);
    await page.goto(`${base}/knowledge`);
    await page.getByTestId('lesson-card').filter({ hasText: OLDER_LESSON }).waitFor();

    await page.getByRole('button', { name: '记录经验' }).click();
    const modal = page.getByRole('dialog', { name: '记录经验' });
    await modal.getByLabel('标题', { exact: true }).fill(FLOOD_LESSON);
    await modal.getByLabel('正文', { exact: true }).fill('安置点应设心理疏导角，由培训过的志愿者轮值。');
    await choose(page, modal, '相关事件', FLOOD);
    await choose(page, modal, '相关项目', `${FLOOD_PROGRAM} · 2026-10-20`);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('lesson-card').filter({ hasText: FLOOD_LESSON }).waitFor();

    // Either filter finds it, and only it (the other lessons are of no incident and no program).
    const pick = (filter: string, option: string) => chooseOption(page, page.getByTestId(filter), option);
    await pick('knowledge-program-filter', `${FLOOD_PROGRAM} · 2026-10-20`);
    await expect.poll(() => page.getByTestId('lesson-card').allTextContents()).toHaveLength(1);
    expect(await page.getByTestId('lesson-card').textContent()).toContain(FLOOD_LESSON);
    await pick('knowledge-incident-filter', FLOOD);
    await expect.poll(() => page.getByTestId('lesson-card').allTextContents()).toHaveLength(1);

    // The drawer names both and links to the flood's board.
    await page.getByTestId('lesson-card').getByRole('button', { name: FLOOD_LESSON }).click();
    const incident = page.getByTestId('lesson-incident');
    await expect.poll(() => incident.textContent()).toBe(FLOOD);
    expect(await incident.getAttribute('href')).toBe(`/incidents/${flood.id}`);
    await expect.poll(() => page.getByTestId('lesson-program').textContent()).toBe(`${FLOOD_PROGRAM} 2026-10-20`);
    expect(await page.getByTestId('lesson-program').getByRole('link').getAttribute('href')).toBe('/programs');
    await incident.click();
    await page.waitForURL(new RegExp(`/incidents/${flood.id}$`));
    await page.getByRole('heading', { level: 1, name: FLOOD }).waitFor();
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
