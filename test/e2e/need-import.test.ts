/**
 * In headless Chromium: the coordinator of Henan opens an incident's board, goes to the import
 * of needs, uploads a sheet whose place column (受灾点) the proposal does not know, corrects the
 * mapping by hand (受灾点 → 地点/地址), confirms, follows the progress to the report (one need
 * to locate, one closed as done in the sheet) and opens the need made from the first row.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import {
  chooseOption,
  chromiumPath,
  createHenanCoordinator,
  HENAN_COORDINATOR,
  launchBrowser,
  serveUi,
  signInOn,
  submitOnce,
} from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const SHEET =
  '受灾点,联系电话,求助内容,状态\r\n郑州市二七区大学路80号,139 3712 3456,三楼被困两人,\r\n郑州市中原区建设路9号,１３８３７１２３４５６,需要饮用水,已解决\r\n';

describeEachDatabase(
  'browser: a sheet of needs imported with the mapping corrected by hand',
  { skip: !chromiumPath },
  (t, dialect) => {
    let browser: Browser;
    let app: App;
    let base: string;
    let incident = '';
    let sheet = '';

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      const db = t();
      await createHenanCoordinator(db.deps);
      incident = (
        await declareIncident(db.deps, SYSTEM, {
          name: '郑州暴雨（表格导入）',
          category: 'natural_disaster',
          type: '洪涝',
          level: 1,
          jurisdictions: ['410100'],
        })
      ).id;
      sheet = join(SHOTS, `need-sheet-${process.pid}-${dialect}.csv`);
      writeFileSync(sheet, `\uFEFF${SHEET}`);
      ({ app, base } = await serveUi(db.deps));
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      if (sheet) rmSync(sheet, { force: true });
    });

    it('corrects the proposed mapping, imports, and reports each row with a link to its need', async () => {
      const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage();
      await signInOn(page, base, HENAN_COORDINATOR, PASSWORD);
      await page.goto(`${base}/incidents/${incident}`);
      await page.getByTestId('import-needs').click();
      await page.waitForURL(/\/import-needs$/);
      await page.getByRole('heading', { level: 1, name: '导入需求表' }).waitFor();

      await page.locator('input[type="file"]').setInputFiles(sheet);
      await page.getByTestId('need-import-mapping').waitFor();
      const place = page.getByLabel('“受灾点”列导入为');
      // The proposal does not know 受灾点; the phone and the need's words it does.
      await expect
        .poll(() => place.locator('xpath=ancestor::*[contains(@class, "ant-select")][1]').innerText())
        .toContain('不导入');
      await expect
        .poll(() =>
          page.getByLabel('“联系电话”列导入为').locator('xpath=ancestor::*[contains(@class, "ant-select")][1]').innerText(),
        )
        .toContain('电话');
      await chooseOption(page, place, '地点/地址');

      await submitOnce(page.getByTestId('need-import-confirm'), {
        request: /\/imports\/[^/]+\/mapping$/,
        outcome: () => page.locator('[data-testid="need-import-progress"][data-status="done"]').waitFor(),
      });
      await expect.poll(() => page.getByTestId('need-import-count-needs_location').innerText()).toContain('1');
      await expect.poll(() => page.getByTestId('need-import-count-closed').innerText()).toContain('1');
      const outcomes = await page
        .getByTestId('need-import-outcome')
        .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-outcome')));
      expect(outcomes).toEqual(['needs_location', 'closed']);
      await page.screenshot({ path: join(SHOTS, `need-import-${dialect}.png`), fullPage: true });

      // The first row's need opens on the board with the address the corrected mapping gave it.
      await page.getByTestId('need-import-link').first().click();
      await page.waitForURL(/\?need=/);
      await page.getByText('郑州市二七区大学路80号').waitFor();
      await page.getByTestId('need-location-needed').waitFor();
    });
  },
);
