/** Accessibility checks for browser tests: axe-core's WCAG rules, keyboard focus, and reflow on a narrow screen. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rules run: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One failed rule: its id, how bad it is, and where (one CSS selector per node). */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core over the whole page and returns its serious and critical WCAG violations.
 * axe is evaluated through the DevTools protocol rather than added as a <script> element: the
 * app's Content-Security-Policy forbids inline scripts, and the test keeps that policy on.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const run = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return run.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  }, WCAG_TAGS);
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The findings one per line, for a failing assertion's message. */
export function describeFindings(where: string, findings: AxeFinding[]): string {
  return findings.map((f) => `${where}: ${f.id} (${f.impact}) ${f.help}\n    ${f.targets.slice(0, 8).join('\n    ')}`).join('\n');
}

/** Whether `target` has the keyboard focus. */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * Presses Tab until `target` has the focus, at most `limit` times; returns how many presses it
 * took, or throws naming what had the focus last.
 */
export async function tabTo(page: Page, target: Locator, limit = 120): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await isFocused(target)) return presses;
  }
  const last = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160) ?? 'nothing');
  throw new Error(`Tab did not reach ${target} in ${limit} presses; the focus was last on ${last}`);
}

/**
 * Whether the focused element shows that it has the focus (WCAG 2.4.7): the screen around it,
 * its outline included, looks different once it loses the focus. Compared as pixels, since
 * the sign may be drawn by a wrapper (an input's affix box) rather than the element itself.
 */
export async function showsFocus(page: Page): Promise<boolean> {
  const focused = page.locator(':focus');
  const box = await focused.boundingBox();
  if (!box) return false;
  const viewport = page.viewportSize() ?? { width: 1440, height: 960 };
  const x = Math.max(0, box.x - 8);
  const y = Math.max(0, box.y - 8);
  const clip = {
    x,
    y,
    width: Math.min(viewport.width - x, box.width + 16),
    height: Math.min(viewport.height - y, box.height + 16),
  };
  const shot = () => page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
  const withFocus = await shot();
  const element = await focused.elementHandle();
  await element?.evaluate((el) => (el as HTMLElement).blur());
  const without = await shot();
  await element?.evaluate((el) => (el as HTMLElement).focus());
  return !withFocus.equals(without);
}

/**
 * Presses Tab (and now and then Shift+Tab) `presses` times inside `dialog`; returns where the
 * focus went when it left the dialog, or null when it stayed inside throughout.
 */
export async function focusLeaves(page: Page, dialog: Locator, presses = 25): Promise<string | null> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    if (!(await isFocused(dialog))) {
      return page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nowhere');
    }
  }
  return null;
}

/** How far the whole document scrolls sideways (0 when it fits the screen). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Whether `target` can be brought on screen and is not clipped or covered there: scrolled to,
 * it lies within the viewport's width and is what the pointer would hit at its centre.
 */
export async function reachable(target: Locator): Promise<boolean> {
  await target.scrollIntoViewIfNeeded();
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    if (box.left < -1 || box.right > document.documentElement.clientWidth + 1) return false;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && el.contains(hit);
  });
}
