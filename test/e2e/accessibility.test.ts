/**
 * In headless Chromium, over the demo network: the coordinators' main pages — the incident
 * board, the organization directory, the cultivation desk (培育台账) and "my tasks" — pass
 * axe-core's WCAG 2 A/AA rules with no serious or critical violation, work by keyboard (Tab
 * reaches the main action, which shows its focus and opens with Enter or Space; a dialog holds
 * the focus and Escape closes it, giving the focus back), and reflow at 200% zoom on a
 * 360-pixel-wide phone (180 CSS pixels): no sideways scroll of the whole page, and the main
 * content and action within reach.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { DEMO_PASSWORD, loadDemoNetwork } from '../../src/services/demo/demo-network';
import {
  describeFindings,
  focusLeaves,
  isFocused,
  reachable,
  seriousViolations,
  showsFocus,
  sidewaysScroll,
  tabTo,
} from '../support/a11y-checks';
import { chromiumPath, launchBrowser, serveUi, signInOn } from '../support/browser';
import { describeEachDatabase } from '../support/databases';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const COORDINATOR = 'coordinator@demo.corespond.cn';
const TEAM_MEMBER = 'team-member@demo.corespond.cn';

/** A page under test: where it is, who reads it, when it has loaded, and its main action. */
interface PageCase {
  name: string;
  as: string;
  path: () => string;
  ready: (page: Page) => Promise<unknown>;
  action: (page: Page) => Locator;
}

describeEachDatabase("browser: accessibility of the coordinators' main pages", { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  const contexts: BrowserContext[] = [];

  const PAGES: PageCase[] = [
    {
      name: 'incident board',
      as: COORDINATOR,
      path: () => `/incidents/${incidentId}`,
      ready: async (page) => {
        await page.getByTestId('needs-table').locator('.need-title-link').first().waitFor();
        await expect.poll(() => page.getByTestId('counter-open').textContent()).toMatch(/\d/);
      },
      action: (page) => page.getByTestId('needs-table').locator('.need-title-link').first(),
    },
    {
      name: 'organization directory',
      as: COORDINATOR,
      path: () => '/organizations',
      ready: (page) => page.getByTestId('directory-table').locator('.org-name-link').first().waitFor(),
      action: (page) => page.getByLabel('搜索组织名称'),
    },
    {
      name: 'cultivation desk',
      as: COORDINATOR,
      path: () => '/membership/desk',
      ready: (page) => page.getByTestId('desk-card').first().waitFor(),
      action: (page) => page.getByTestId('desk-card').first().locator('.desk-actions button').first(),
    },
    {
      name: 'my tasks',
      as: TEAM_MEMBER,
      path: () => '/tasks',
      ready: (page) => page.getByTestId('task-dispatch').first().waitFor(),
      action: (page) => page.getByTestId('task-dispatch').first().getByRole('button', { name: '拒绝' }),
    },
  ];
  const pageCase = (name: string) => PAGES.find((p) => p.name === name) as PageCase;

  /** A signed-in page of a new context (closed after the suite). */
  const signedIn = async (email: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 960 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await signInOn(page, base, email, DEMO_PASSWORD);
    return page;
  };
  const open = async (page: Page, which: PageCase) => {
    await page.goto(`${base}${which.path()}`);
    await which.ready(page);
  };
  /** Opens each page in turn, in one context per reader (made with `options`), and checks it; the problems found, one line each. */
  const problemsOfEachPage = async (
    options: Parameters<Browser['newContext']>[0],
    check: (page: Page, which: PageCase) => Promise<string[]>,
  ): Promise<string[]> => {
    const pages = new Map<string, Page>();
    const problems: string[] = [];
    for (const which of PAGES) {
      const page = pages.get(which.as) ?? (await signedIn(which.as, options));
      pages.set(which.as, page);
      await open(page, which);
      problems.push(...(await check(page, which)));
    }
    return problems;
  };
  /**
   * By keyboard alone: Tab reaches `opener` (within `tabs` presses) and shows its focus; `key`
   * opens `dialog`, which takes the focus and keeps it from Tab; Escape closes it and the focus
   * goes back to `opener`. `opened` and `closed` check what else the page shows then.
   */
  const keyboardDialog = async (
    page: Page,
    {
      opener,
      what,
      key = 'Enter',
      dialog,
      tabs,
      opened = async () => undefined,
      closed = async () => undefined,
    }: {
      opener: Locator;
      what: string;
      key?: 'Enter' | 'Space';
      dialog: Locator;
      tabs?: number;
      opened?: () => Promise<void>;
      closed?: () => Promise<void>;
    },
  ) => {
    await tabTo(page, opener, tabs);
    expect(await showsFocus(page), `a visible focus on ${what}`).toBe(true);
    await page.keyboard.press(key);
    await dialog.waitFor();
    await opened();
    await expect.poll(() => isFocused(dialog), { message: 'the focus moves into the dialog' }).toBe(true);
    expect(await focusLeaves(page, dialog), 'Tab stays within the dialog').toBeNull();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await closed();
    await expect.poll(() => isFocused(opener), { message: `the focus goes back to ${what}` }).toBe(true);
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    await loadDemoNetwork(deps);
    const ongoing = await deps.db.selectFrom('incidents').select('id').where('stage', '=', 'response').executeTakeFirstOrThrow();
    incidentId = ongoing.id;
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('each page passes axe-core (WCAG 2 A/AA) with no serious or critical violation', async () => {
    const report = await problemsOfEachPage({}, async (page, which) => {
      const findings = await seriousViolations(page);
      return findings.length ? [describeFindings(which.name, findings)] : [];
    });
    expect(report, report.join('\n')).toEqual([]);
  }, 180_000);

  it('board: Tab reaches a need, Enter opens its detail, which holds the focus until Escape', async () => {
    const page = await signedIn(COORDINATOR);
    const board = pageCase('incident board');
    await open(page, board);
    // The drawer's test id is on the box around its dialog.
    const drawer = page.getByTestId('need-drawer');
    await keyboardDialog(page, {
      opener: board.action(page),
      what: 'the need',
      dialog: drawer,
      tabs: 200,
      opened: async () => {
        await drawer.getByRole('dialog').locator('.drawer-title').waitFor();
        expect(page.url()).toMatch(/need=/);
      },
      closed: async () => {
        expect(page.url()).not.toMatch(/need=/);
      },
    });
  });

  it('directory: the search box and a filter work from the keyboard', async () => {
    const page = await signedIn(COORDINATOR);
    const directory = pageCase('organization directory');
    await open(page, directory);
    const search = directory.action(page);
    await tabTo(page, search);
    expect(await showsFocus(page), 'a visible focus on the search box').toBe(true);
    await page.keyboard.type('救援');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    // The next stop is the kind filter: Enter opens it, the arrow keys choose, Enter applies.
    const kind = page.getByRole('combobox', { name: '组织类型' });
    await tabTo(page, kind, 10);
    expect(await showsFocus(page), 'a visible focus on the kind filter').toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/kind=/);
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toMatch(/\d/);
  });

  it('cultivation desk: Enter on a decision opens its dialog, which holds the focus until Escape', async () => {
    const page = await signedIn(COORDINATOR);
    const desk = pageCase('cultivation desk');
    await open(page, desk);
    await keyboardDialog(page, { opener: desk.action(page), what: 'the decision', dialog: page.getByRole('dialog') });
  });

  it('my tasks: Space on "decline" opens its dialog, which holds the focus until Escape, sending nothing', async () => {
    const page = await signedIn(TEAM_MEMBER);
    const tasks = pageCase('my tasks');
    await open(page, tasks);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`);
    });
    await keyboardDialog(page, { opener: tasks.action(page), what: '"decline"', key: 'Space', dialog: page.getByRole('dialog') });
    expect(sent).toEqual([]);
  });

  it('at 200% zoom on a 360-pixel phone each page reflows: no sideways scroll, its heading and action in reach', async () => {
    const phone = { viewport: { width: 180, height: 400 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
    const problems = await problemsOfEachPage(phone, async (page, which) => {
      const problems: string[] = [];
      await page.screenshot({ path: join(SHOTS, `a11y-phone-${which.name.replaceAll(' ', '-')}.png`), fullPage: true });
      const sideways = await sidewaysScroll(page);
      if (sideways > 0) {
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`,
            ),
        );
        problems.push(`${which.name}: the page scrolls ${sideways}px sideways (${wide.join('; ')})`);
      }
      if (!(await reachable(page.getByRole('heading', { level: 1 }))))
        problems.push(`${which.name}: the heading is out of reach`);
      if (!(await reachable(which.action(page)))) problems.push(`${which.name}: the main action is out of reach`);
      const findings = await seriousViolations(page);
      if (findings.length) problems.push(describeFindings(`${which.name} (phone, 200%)`, findings));
      return problems;
    });
    expect(problems, problems.join('\n')).toEqual([]);
  }, 180_000);
});
