/** Headless Debian Chromium for browser tests, the built UI served on a free port, and ways about it. */
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Request,
  type Response,
} from 'playwright-core';
import { afterEach, expect, inject } from 'vitest';
import type { App } from '../../src/http/app-types';
import type { Deps } from '../../src/services/context';
import { createUser } from '../../src/services/users/manage-users';
import { testApp } from './api';
import { PASSWORD, SYSTEM } from './fixtures';
import { waitFor } from './wait';

export const chromiumPath = inject('chromiumPath');
export const WEB_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

/** Content-Security-Policy violations in any page of a browser launched here; every test fails on one. */
const cspViolations: string[] = [];
afterEach(() => {
  const seen = cspViolations.splice(0);
  expect(seen, `Content-Security-Policy violations:\n${seen.join('\n')}`).toEqual([]);
});

/** Collects a context's CSP violations: Chromium's console errors and the pages' securitypolicyviolation events. */
async function watchCsp(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Content Security Policy: securitypolicyviolation ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|securitypolicyviolation/i.test(message.text())) {
      cspViolations.push(message.text());
    }
  });
  return context;
}

/** The headless browser; `extraArgs` are added to the usual flags (`--disable-3d-apis` for one without WebGL). */
export async function launchBrowser({ extraArgs = [] }: { extraArgs?: string[] } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath as string,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  });
  // browser.newPage goes through newContext too: every page of every test is watched.
  // Service workers are blocked unless a test asks for them (serviceWorkers: 'allow', the
  // offline test): page.route and the offline switch do not see what a service worker fetches.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) =>
    watchCsp(await newContext({ serviceWorkers: 'block', reducedMotion: 'reduce', ...options }));
  return browser;
}

/** The whole platform (API and built UI) on 127.0.0.1, with `options` for testApp (a map style); returns the app and its base URL. */
export async function serveUi(
  deps: Deps,
  options: Omit<Parameters<typeof testApp>[1], 'webDist'> = {},
): Promise<{ app: App; base: string }> {
  const app = await testApp(deps, { ...options, webDist: WEB_DIST });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base };
}

export const HENAN_COORDINATOR = 'henan.coordinator@example.cn';

/** The Henan provincial coordinator the browser tests sign in as. */
export function createHenanCoordinator(deps: Deps) {
  return createUser(deps, SYSTEM, {
    email: HENAN_COORDINATOR,
    password: PASSWORD,
    role: 'coordinator',
    jurisdiction: '410000',
    displayName: '河南协调员',
  });
}

/** Signs in through the login page and waits for the directory, where every session starts. */
export async function signInOn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/organizations/);
}

/**
 * A page of a new context (in Chinese, closed by the caller with the rest of `contexts`),
 * signed in as `email`; the page's uncaught errors go to `pageErrors` when given.
 */
export async function openSignedIn(
  browser: Browser,
  base: string,
  email: string,
  {
    contexts,
    pageErrors,
    viewport = { width: 1440, height: 960 },
  }: { contexts: BrowserContext[]; pageErrors?: string[]; viewport?: { width: number; height: number } },
): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  contexts.push(context);
  const page = await context.newPage();
  if (pageErrors) page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack ?? ''}`));
  await signInOn(page, base, email, PASSWORD);
  return page;
}

/**
 * A checkpoint officer's phone (a new context, in Chinese, closed by the caller with the rest of
 * `contexts`) with the checkpoint page open online, so it has fetched and kept the pass keys;
 * `serviceWorkers: 'allow'` for a test that takes the network away afterwards.
 */
export async function checkpointPhone(
  browser: Browser,
  base: string,
  { contexts, serviceWorkers }: { contexts: BrowserContext[]; serviceWorkers?: 'allow' },
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    ...(serviceWorkers ? { serviceWorkers } : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${base}/checkpoint`);
  await expect.poll(() => page.getByTestId('checkpoint-keys').textContent(), { timeout: 15_000 }).toMatch(/已获取 1 把核验公钥/);
  return { page, context };
}

/**
 * Clicks `target` until `done` holds, first calling `open` whenever `target` is not visible:
 * under load a click can land while a dropdown or popup is still opening or closing. Only for
 * opening and choosing (a dropdown's option, a tab, a radio), where a second click does no
 * harm; a button that submits something is clicked once, with `submitOnce`.
 */
export async function clickUntil(
  target: Locator,
  open: () => Promise<unknown>,
  done: () => Promise<boolean>,
  { timeout = 30_000, interval = 500 }: { timeout?: number; interval?: number } = {},
): Promise<void> {
  let lastMiss: unknown;
  await waitFor(
    async () => {
      if (await done()) return true;
      if (!(await target.isVisible())) await open();
      // A click that misses (the popup closed meanwhile) is tried again; the last miss is reported.
      await target.click({ timeout: 3_000 }).catch((error: unknown) => {
        lastMiss = error instanceof Error ? error.message.split('\n')[0] : error;
      });
      return done();
    },
    { what: `clicking ${target} to take effect`, timeout, interval, lastSeen: () => lastMiss ?? 'no missed click' },
  );
}

/**
 * Clicks a button that submits something once, and waits for `outcome` (the dialog gone, the
 * answer shown). Exactly one request whose path matches `request` must have been sent by then:
 * a click that submits twice, or not at all, fails the test instead of being retried.
 */
export async function submitOnce(
  button: Locator,
  { request, outcome }: { request: RegExp; outcome: () => Promise<unknown> },
): Promise<void> {
  const page = button.page();
  const matches = (r: Request) => r.method() !== 'GET' && request.test(new URL(r.url()).pathname);
  const sent: string[] = [];
  const answers: string[] = [];
  const watch = (sending: Request) => {
    if (matches(sending)) sent.push(`${sending.method()} ${sending.url()}`);
  };
  const answered = (response: Response) => {
    if (matches(response.request())) answers.push(String(response.status()));
  };
  page.on('request', watch);
  page.on('response', answered);
  try {
    await button.click();
    await outcome().catch((error: unknown) => {
      // What the click sent and what came back tell a click that missed from a slow or refused answer.
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`${why}\nsubmissions: ${sent.join(', ') || 'none'}; answers: ${answers.join(', ') || 'none'}`);
    });
  } finally {
    page.off('request', watch);
    page.off('response', answered);
  }
  expect(sent, `submissions by ${button}`).toHaveLength(1);
}

/**
 * Chooses `option` (its whole text) in an Ant Design select: `field` is the select or its
 * labelled input; `search` is typed into it first, for a select that searches the server.
 * The dropdown is elsewhere in the page: the select holds the option's text once it is chosen.
 */
export async function chooseOption(
  page: Page,
  field: Locator,
  option: string,
  { search }: { search?: string } = {},
): Promise<void> {
  const select = field.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const item = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`);
  await clickUntil(
    item,
    async () => {
      await field.click({ timeout: 3_000 });
      if (search) await field.fill(search);
    },
    async () => (await select.filter({ hasText: option }).count()) > 0,
  );
}
