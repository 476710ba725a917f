/**
 * In headless Chromium: a coordinator raises the level of a flood being prepared for, with a
 * reason the timeline shows, activates a coordination centre (现场协调中心) with a seat staffed
 * by a team holding a seat, and asks the team to stand by; the team's admin sees the centre
 * and its own request on the board and answers it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { centresOf } from '../../src/db/repositories/coordination-centres';
import { timelineOf } from '../../src/db/repositories/incidents';
import { standbyRoster } from '../../src/db/repositories/standby';
import type { App } from '../../src/http/app-types';
import { declareSeat } from '../../src/services/embedding/declare-embedding';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { chooseOption, chromiumPath, launchBrowser, openSignedIn, serveUi, submitOnce } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '郑州强降雨防御';
const TEAM = '郑州蓝天救援队';
const STRUCTURE = '郑州市防汛抗旱指挥部';

describeEachDatabase('browser: incident command', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let teamId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    const team = await createOrganization(deps, SYSTEM, { kind: 'rescue_team', name: TEAM, jurisdictions: ['410102'] });
    teamId = team.id;
    await declareSeat(deps, SYSTEM, {
      organizationId: team.id,
      structure: STRUCTURE,
      subsystem: 'information',
      liaisonName: '王联络',
      from: '2025-01-01',
    });
    await createUser(deps, SYSTEM, {
      email: 'command.coord@example.cn',
      password: PASSWORD,
      role: 'coordinator',
      jurisdiction: '410000',
      displayName: '河南协调员',
    });
    await createUser(deps, SYSTEM, {
      email: 'command.team@example.cn',
      password: PASSWORD,
      role: 'org_admin',
      organizationId: team.id,
      displayName: '蓝天队长',
    });
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: INCIDENT,
        category: 'natural_disaster',
        type: '暴雨',
        level: 3,
        warningColor: 'yellow',
        jurisdictions: ['410100'],
        stage: 'preparedness',
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

  async function openCommand(page: Page) {
    await page.goto(`${base}/incidents/${incidentId}?tab=command`);
    await page.getByRole('heading', { level: 1, name: INCIDENT }).waitFor();
    await page.getByTestId('command-panel').waitFor();
  }

  it('a coordinator raises the level and activates a coordination centre', async () => {
    const page = await openSignedIn(browser, base, 'command.coord@example.cn', { contexts });
    await openCommand(page);
    expect(await page.getByTestId('incident-level').first().textContent()).toBe('Ⅲ级');

    // Raising the level asks a reason first.
    await page.getByTestId('command-level').click();
    const levelDialog = page.getByRole('dialog', { name: '调整响应级别' });
    await levelDialog.getByText('Ⅱ级 重大').click();
    await levelDialog.getByRole('button', { name: '保存调整' }).click();
    await levelDialog.getByText('此项为必填项').waitFor();
    await levelDialog.getByLabel('理由').fill('降雨持续加强，多地超警戒水位');
    await submitOnce(levelDialog.getByRole('button', { name: '保存调整' }), {
      request: new RegExp(`/api/v1/incidents/${incidentId}$`),
      outcome: () => levelDialog.waitFor({ state: 'hidden' }),
    });
    await expect.poll(() => page.getByTestId('incident-level').first().textContent()).toBe('Ⅱ级');
    const timeline = page.getByTestId('incident-timeline');
    await timeline.getByText('降雨持续加强，多地超警戒水位').waitFor();
    await timeline.getByTestId('timeline-level').getByText('Ⅲ级').waitFor();

    // Activating the centre: one information seat, staffed by the team holding that seat.
    await page.getByTestId('centre-activate').click();
    const activate = page.getByRole('dialog', { name: '启动现场协调中心' });
    await activate.getByLabel('理由').fill('强降雨将至，统筹社会力量');
    await activate.getByLabel('地点').fill('郑州市应急管理局指挥大厅');
    await chooseOption(page, activate.getByLabel('子系统'), '信息 · 计划组');
    await chooseOption(page, activate.getByLabel('进驻组织'), `${TEAM}（席位：${STRUCTURE}）`);
    await activate.getByLabel('联络人姓名').fill('李信息');
    await activate.getByLabel('联络电话').fill('13800138000');
    await page.screenshot({ path: join(SHOTS, 'command-activate.png') });
    await submitOnce(activate.getByRole('button', { name: '启动协调中心' }), {
      request: /\/centre\/activate$/,
      outcome: () => activate.waitFor({ state: 'hidden' }),
    });
    const card = page.getByTestId('centre-card');
    await card.getByText('运行中').waitFor();
    await card.getByText(TEAM).waitFor();
    await card.getByText('13800138000').waitFor();
    await card.getByText('计划组').waitFor();

    // And the team is asked to stand by.
    await page.getByTestId('standby-ask').click();
    const ask = page.getByRole('dialog', { name: '请求组织待命' });
    await chooseOption(page, ask.getByLabel('组织'), TEAM, { search: '蓝天' });
    await ask.getByLabel('待命要求').fill('冲锋舟两艘，接令两小时内出发');
    await submitOnce(ask.getByRole('button', { name: '请求待命' }), {
      request: /\/standby$/,
      outcome: () => ask.waitFor({ state: 'hidden' }),
    });
    await page.getByTestId('standby-card').getByTestId('standby-answer-pending').waitFor();
    await page.screenshot({ path: join(SHOTS, 'command-centre.png'), fullPage: true });

    const [centre] = await centresOf(t().deps.db, incidentId);
    expect(centre).toMatchObject({
      location: '郑州市应急管理局指挥大厅',
      stoodDownAt: null,
      activationReason: '强降雨将至，统筹社会力量',
    });
    expect(centre?.seats).toEqual([
      expect.objectContaining({
        subsystem: 'information',
        organizationId: teamId,
        basisKind: 'seat',
        liaisonPhone: '13800138000',
      }),
    ]);
    expect((await timelineOf(t().deps.db, incidentId)).map((c) => [c.kind, c.to, c.reason])).toEqual([
      ['stage', 'preparedness', null],
      ['level', 2, '降雨持续加强，多地超警戒水位'],
    ]);
  }, 120_000);

  it('the team sees the centre and its standby request, and answers it', async () => {
    const page = await openSignedIn(browser, base, 'command.team@example.cn', { contexts });
    await openCommand(page);
    // Not one who commands: no change buttons, no activation.
    expect(await page.getByTestId('command-level').count()).toBe(0);
    const card = page.getByTestId('centre-card');
    await card.getByText('运行中').waitFor();
    // Its own liaison, so it sees the phone.
    await card.getByText('13800138000').waitFor();
    const roster = page.getByTestId('standby-card');
    await roster.getByText('冲锋舟两艘，接令两小时内出发').waitFor();
    await roster.getByRole('button', { name: '可随时出发' }).click();
    const dialog = page.getByRole('dialog', { name: '答复：可随时出发' });
    await dialog.getByLabel('说明（可选）').fill('十人两舟已集结');
    await submitOnce(dialog.getByRole('button', { name: '可随时出发' }), {
      request: /\/standby\/[^/]+\/answer$/,
      outcome: () => dialog.waitFor({ state: 'hidden' }),
    });
    await roster.getByTestId('standby-answer-ready').waitFor();
    expect((await standbyRoster(t().deps.db, incidentId)).map((r) => [r.organizationId, r.answer, r.answerNote])).toEqual([
      [teamId, 'ready', '十人两舟已集结'],
    ]);
  }, 90_000);
});
