/**
 * In headless Chromium: the coordinator of Henan imports a roster with one good and one bad
 * row on the import page, follows the progress to the report (one created, one refused with
 * its row and reason), opens the created organization and declares a capacity item, which
 * shows as self-declared (自报) in the capacity table.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { capacityOf } from '../../src/db/repositories/capacity';
import { findOrganizationsByName } from '../../src/db/repositories/organizations';
import type { App } from '../../src/http/app-types';
import { ROSTER_HEADERS } from '../../src/interop/roster';
import { writeTable } from '../../src/interop/spreadsheet';
import {
  chooseOption,
  chromiumPath,
  createHenanCoordinator,
  HENAN_COORDINATOR,
  launchBrowser,
  serveUi,
  signInOn,
} from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const GOOD = '新乡牧野水上救援队';
const BAD = '类型不明的团体';

describeEachDatabase('browser: importing a roster and declaring capacity', { skip: !chromiumPath }, (t, dialect) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let roster = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = t();
    await createHenanCoordinator(db.deps);
    // Row 2 is good; row 3 names a kind that does not exist.
    const row = (values: Partial<Record<string, string>>) => ROSTER_HEADERS.map((header) => values[header] ?? '');
    const file = await writeTable('csv', '组织名录', ROSTER_HEADERS, [
      row({
        组织名称: GOOD,
        组织类型: '救援队',
        服务区域代码: '410711;410700',
        功能坐标: '行动介入·危机管理',
        服务类别: '搜索救援',
      }),
      row({ 组织名称: BAD, 组织类型: '神秘组织', 服务区域代码: '410711' }),
    ]);
    roster = join(SHOTS, `roster-${process.pid}-${dialect}.csv`);
    writeFileSync(roster, file);
    ({ app, base } = await serveUi(db.deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (roster) rmSync(roster, { force: true });
  });

  it('imports a roster, reports each row, and takes a capacity item on the created organization', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage();
    await signInOn(page, base, HENAN_COORDINATOR, PASSWORD);
    await page.waitForURL(/\/organizations$/);

    // The navigation offers the import to coordinators.
    await page.getByRole('menuitem', { name: '名录导入' }).click();
    await page.waitForURL(/\/organizations\/import$/);
    await page.getByRole('heading', { level: 1, name: '名录导入' }).waitFor();
    await page.getByRole('button', { name: '下载模板（XLSX）' }).waitFor();

    await page.locator('input[type="file"]').setInputFiles(roster);
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await page.locator('[data-testid="import-progress"][data-status="done"]').waitFor();
    expect(await page.getByTestId('import-processed').textContent()).toBe('已处理 2 / 2 行');

    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.getByTestId('import-count-created').locator('.ant-statistic-content').textContent()).toBe('1');
    expect(await report.getByTestId('import-count-refused').locator('.ant-statistic-content').textContent()).toBe('1');

    const rows = report.getByTestId('import-rows').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(2);
    const refused = rows.filter({ hasText: BAD });
    expect(await refused.getByTestId('import-outcome').textContent()).toBe('拒绝');
    expect(await refused.getByTestId('import-row-number').textContent()).toBe('第 3 行');
    const problems = await refused.getByTestId('import-problems').textContent();
    expect(problems).toContain('组织类型');
    expect(problems).toContain('不认识的组织类型：神秘组织');
    const created = rows.filter({ hasText: GOOD });
    expect(await created.getByTestId('import-outcome').textContent()).toBe('新建');
    expect(await created.getByTestId('import-row-number').textContent()).toBe('第 2 行');

    // Only the refused rows, on request.
    await report.getByTestId('import-refused-only').click();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(BAD);
    await report.getByTestId('import-refused-only').click();
    await page.screenshot({ path: join(SHOTS, 'import-report.png'), fullPage: true });

    const [org] = await findOrganizationsByName(t().deps.db, GOOD);
    expect(org?.kind).toBe('rescue_team');
    expect(org?.jurisdictions).toEqual(['410711', '410700']);

    // The created organization, from the report.
    await created.getByRole('link', { name: GOOD }).click();
    await page.waitForURL(new RegExp(`/organizations/${org.id}$`));
    await page.getByRole('heading', { level: 1, name: GOOD }).waitFor();
    const section = page.getByTestId('capacity-section');
    await section.getByText('暂无记录').first().waitFor();

    await section.getByRole('button', { name: '新增资源' }).click();
    const modal = page.getByRole('dialog', { name: '新增资源' });
    await chooseOption(page, modal.getByLabel('类别'), '船艇');
    await modal.getByLabel('名称').fill('冲锋舟');
    await modal.getByLabel('数量').fill('4');
    await modal.getByRole('button', { name: '保存' }).click();
    await modal.waitFor({ state: 'hidden' });

    const item = section.getByTestId('capacity-table').locator('tbody tr.ant-table-row').filter({ hasText: '冲锋舟' });
    await item.waitFor();
    expect(await item.getByTestId('capacity-quantity').textContent()).toBe('4');
    expect(await item.getByTestId('type-level').textContent()).toBe('3 型');
    expect(await item.getByTestId('self-declared').textContent()).toBe('自报');
    expect(await item.textContent()).toContain('船艇');
    await section.screenshot({ path: join(SHOTS, 'capacity-section.png') });

    const { capacity } = await capacityOf(t().deps.db, org.id);
    expect(capacity).toMatchObject([{ kind: 'boat', type: '冲锋舟', quantity: 4, typeLevel: 3, verification: null }]);
  });
});
