/** Headless Debian Chromium for browser tests, and the built UI served on a free port. */
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { App } from '../../src/http/app-types';
import type { Deps } from '../../src/services/context';
import { createUser } from '../../src/services/users/manage-users';
import { testApp } from './api';
import { PASSWORD, SYSTEM } from './fixtures';

export const chromiumPath = inject('chromiumPath');
export const WEB_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath as string,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The whole platform (API and built UI) on 127.0.0.1; returns the app and its base URL. */
export async function serveUi(deps: Deps): Promise<{ app: App; base: string }> {
  const app = await testApp(deps, { webDist: WEB_DIST });
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
