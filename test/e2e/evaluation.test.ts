/**
 * In headless Chromium: a coordinator opens a closed incident's evaluation tab and reads each
 * section's text and figures; the team's profile shows its record with the track record the
 * recommendations use; the coordinator edits the incident's after-action review in its drawer
 * and sees the edit in its history.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident, moveIncidentStage } from '../../src/services/incidents/manage-incidents';
import { recordLesson } from '../../src/services/knowledge/lessons';
import { claimNeed, reportProgress } from '../../src/services/needs/claims';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import {
  chromiumPath,
  createHenanCoordinator,
  HENAN_COORDINATOR,
  launchBrowser,
  openSignedIn,
  serveUi,
} from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const TEAM = '登封蓝天救援队';
const FLOOD = '登封山洪';
const REVIEW = '登封山洪复盘';

describeEachDatabase('browser: the incident evaluation and organization records', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let teamId = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { deps } = t();
    await createHenanCoordinator(deps);
    const team = await createOrganization(deps, SYSTEM, {
      name: TEAM,
      kind: 'rescue_team',
      jurisdictions: ['410185'],
      capabilities: {
        cells: [{ strategy: 'action', phase: 'crisis' }],
        serviceCategories: ['search_rescue', 'water_sanitation'],
      },
    } as never);
    teamId = team.id;
    const incident = await declareIncident(deps, SYSTEM, {
      name: FLOOD,
      category: 'natural_disaster',
      type: '山洪',
      level: 3,
      jurisdictions: ['410185'],
    });
    incidentId = incident.id;
    for (const [title, vulnerableGroups] of [
      ['养老院需要饮用水', ['elderly']],
      ['村民需要饮用水', []],
    ] as const) {
      const outcome = await reportNeed(deps, SYSTEM, incident.id, {
        title,
        category: 'water_sanitation',
        quantity: 4,
        jurisdiction: '410185',
        lat: 34.45,
        lon: 113.03,
        vulnerableGroups: [...vulnerableGroups],
      });
      if (outcome.replayed) throw new Error('a fresh report');
      const { claim } = await claimNeed(deps, SYSTEM, outcome.reported.need.id, { organizationId: team.id });
      t().clock.advance(45 * 60_000);
      await reportProgress(deps, SYSTEM, claim.id, { done: true });
    }
    await recordLesson(deps, SYSTEM, {
      kind: 'after_action_review',
      title: REVIEW,
      body: '供水及时。',
      jurisdiction: '410185',
      incidentId: incident.id,
      performance: [{ organizationId: team.id, note: '供水及时', rating: 5 }],
    });
    await moveIncidentStage(deps, SYSTEM, incident.id, { to: 'closed', reason: '结束' });
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('reads the evaluation, the record, and edits the review with its history', async () => {
    const page = await openSignedIn(browser, base, HENAN_COORDINATOR, { contexts, pageErrors });
    await page.goto(`${base}/incidents/${incidentId}?tab=evaluation`);
    const panel = page.getByTestId('evaluation-panel');
    await panel.waitFor();
    expect(await page.getByTestId('evaluation-needs').textContent()).toContain('共记录需求 2 条，已满足 2 条（100%）');
    expect(await page.getByTestId('evaluation-vulnerable').textContent()).toContain('涉及脆弱人群的需求 1 条，满足率 100%');
    expect(await page.getByTestId('evaluation-organizations').textContent()).toContain(TEAM);
    expect(await page.getByTestId('evaluation-organizations').textContent()).toContain('5 / 5');
    expect(await page.getByTestId('evaluation-lessons').textContent()).toContain(REVIEW);
    expect(await page.getByTestId('evaluation-pdf').getAttribute('href')).toContain('format=pdf');

    await page.goto(`${base}/organizations/${teamId}`);
    const record = page.getByTestId('organization-record');
    await record.waitFor();
    await expect.poll(() => record.textContent()).toContain('5 / 5');
    expect(await record.textContent()).toContain('事后评估评分');
    // 0.6 × 3/4 + 0.2 × 1/2 + 0.2 × (1 + 0.5)/2
    expect(await record.textContent()).toContain('0.70');

    await page.goto(`${base}/knowledge`);
    await page.getByTestId('lesson-card').filter({ hasText: REVIEW }).getByRole('button', { name: REVIEW }).click();
    await page.getByTestId('lesson-edit').click();
    const form = page.getByTestId('lesson-edit-form');
    await form.getByLabel('正文', { exact: true }).fill('供水及时，物资登记完整。');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('lesson-body').textContent()).toBe('供水及时，物资登记完整。');
    await expect.poll(() => page.getByTestId('revisions').textContent()).toContain('修改了：body');
    expect(pageErrors).toEqual([]);
  });
});
