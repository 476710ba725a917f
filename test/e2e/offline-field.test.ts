/**
 * In headless Chromium with the service worker on: a team member opens "my tasks", the network
 * goes away for real (the test's proxy in front of the server refuses connections: the
 * browser's own offline switch does not cover what a service worker fetches), the member checks
 * in and reports progress, reloads (the page still opens, from the service worker), the network
 * returns, and each submission arrives exactly once; a replay of an outbox entry makes nothing new.
 * Evidence photos taken offline wait on the phone made smaller and without where they were taken,
 * a camera photo over the upload limit included. The checkpoint page installs as an app of its
 * own and, once opened online, opens and verifies a pass with the network gone.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { claimNeed } from '../../src/services/needs/claims';
import { closeNeed } from '../../src/services/needs/manage-needs';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { deploymentPass } from '../../src/services/passes/issue-pass';
import { createUser } from '../../src/services/users/manage-users';
import { checkpointPhone, chromiumPath, clickUntil, launchBrowser, signInOn } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';
import { type ServerBehindNetwork, serveBehindNetwork } from '../support/network';
import { cameraPhoto, hasExif, jpegSize, noisePng } from '../support/photos';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const MEMBER = 'yanjin.member@example.cn';
const TEAM = '延津水上救援一队';
const NEED = '东屯镇 5 名老人需要转移';
const PHOTO_NEED = '王庄村 2 户房屋进水';

describeEachDatabase('browser: field work offline through the outbox', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let served: ServerBehindNetwork;
  let base = '';
  let deploymentId = '';
  let needId = '';
  let photoNeedId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    const team = await createOrganization(deps, SYSTEM, {
      kind: 'rescue_team',
      name: TEAM,
      jurisdictions: ['410726'],
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
    });
    await createUser(deps, SYSTEM, {
      email: MEMBER,
      password: PASSWORD,
      role: 'org_member',
      organizationId: team.id,
      displayName: '延津队员',
    });
    const incident = await declareIncident(deps, SYSTEM, {
      name: '延津洪涝',
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410700'],
    });
    /** A need in the team's county, claimed by the team. */
    const claimed = async (title: string, category: 'search_rescue' | 'shelter', quantity: number, unit: string) => {
      const reported = await reportNeed(deps, SYSTEM, incident.id, {
        title,
        category,
        quantity,
        unit,
        jurisdiction: '410726',
        lat: 35.27,
        lon: 114.2,
      });
      if (reported.replayed) throw new Error('a fresh need');
      await claimNeed(deps, SYSTEM, reported.reported.need.id, { organizationId: team.id });
      return reported.reported.need.id;
    };
    needId = await claimed(NEED, 'search_rescue', 5, '人');
    photoNeedId = await claimed(PHOTO_NEED, 'shelter', 2, '户');
    const deployment = await fileDeployment(deps, SYSTEM, incident.id, {
      organizationId: team.id,
      teamName: TEAM,
      leaderName: '赵队长',
      leaderPhone: '13900003333',
      headcount: 5,
      origin: '410726',
    });
    deploymentId = deployment.id;
    await moveDeployment(deps, SYSTEM, deploymentId, { to: 'approved' });
    await moveDeployment(deps, SYSTEM, deploymentId, { to: 'checked_in', zone: 'A区' });

    served = await serveBehindNetwork(t().env);
    base = served.base;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await served?.stop();
  });

  const checkIns = () =>
    t()
      .deps.db.selectFrom('deployment_events')
      .select('note')
      .where('deployment_id', '=', deploymentId)
      .where('kind', '=', 'check_in')
      .execute();
  /** A need's recorded events of one kind, oldest first. */
  const needEvents = (id: string, kind: 'progress' | 'evidence') =>
    t()
      .deps.db.selectFrom('need_events')
      .select('detail')
      .where('need_id', '=', id)
      .where('kind', '=', kind)
      .orderBy('seq')
      .execute();
  const progress = () => needEvents(needId, 'progress');
  const evidence = () => needEvents(photoNeedId, 'evidence');
  const states = (page: Page) =>
    page.getByTestId('outbox-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));

  /** The member's phone with the service worker in control, "my tasks" opened once online and its data kept. */
  async function fieldPhone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' });
    contexts.push(context);
    const page = await context.newPage();
    await signInOn(page, base, MEMBER, PASSWORD);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    await page.goto(`${base}/tasks`);
    await page.getByTestId('task-deployment').filter({ hasText: TEAM }).waitFor();
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('corespond-user-')).length))
      .toBe(1);
    return { context, page };
  }

  it('serves the service worker and the manifest so the app is installable', async () => {
    const worker = await fetch(`${base}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.headers.get('service-worker-allowed')).toBe('/');
    const manifest = await fetch(`${base}/manifest.webmanifest`);
    const body = (await manifest.json()) as { display: string; start_url: string; icons: { src: string; sizes: string }[] };
    expect(body).toMatchObject({ display: 'standalone', start_url: '/' });
    expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of body.icons) {
      const png = await fetch(`${base}${icon.src}`);
      expect(png.headers.get('content-type')).toBe('image/png');
    }
    // Each page links its app's manifest from the first byte: the checkpoint its own.
    const manifestOf = async (path: string) => {
      const html = await (await fetch(`${base}${path}`)).text();
      // Registered from a script file: no page has an inline script.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      return [...html.matchAll(/<link rel="manifest" href="([^"]+)"/g)].map((match) => match[1]);
    };
    expect(await manifestOf('/tasks')).toEqual(['/manifest.webmanifest']);
    expect(await manifestOf('/report')).toEqual(['/manifest.webmanifest']);
    expect(await manifestOf('/checkpoint')).toEqual(['/checkpoint.webmanifest']);
  });

  it('keeps a check-in and a progress report made offline and sends each once when the network returns', async () => {
    // Opened once online with the service worker in control: the page and its data are kept for this user.
    const { context, page } = await fieldPhone();
    const deployment = page.getByTestId('task-deployment').filter({ hasText: TEAM });
    const claim = page.getByTestId('task-claim').filter({ hasText: NEED });
    await claim.waitFor();

    await served.offline(context);
    await deployment.getByRole('button').first().click();
    const checkIn = page.getByRole('dialog');
    await checkIn.getByLabel('现场情况').fill('断网时报到');
    await checkIn.getByRole('button', { name: '提交报告' }).click();
    await checkIn.waitFor({ state: 'hidden' });
    await claim.getByRole('button', { name: '报告进展' }).click();
    const note = page.getByRole('dialog');
    await note.getByRole('textbox').fill('断网时已转移 3 人');
    await note.getByRole('button', { name: '确定' }).click();
    await note.waitFor({ state: 'hidden' });
    await expect.poll(() => states(page)).toEqual(['queued', 'queued']);
    expect(await page.getByTestId('outbox').textContent()).toContain('2 条等待网络');

    // Still offline: the page opens again from the service worker, with the outbox kept on the device.
    await page.reload();
    await page.getByTestId('task-deployment').filter({ hasText: TEAM }).waitFor();
    await expect.poll(() => states(page)).toEqual(['queued', 'queued']);
    await page.screenshot({ path: join(SHOTS, 'offline-outbox.png'), fullPage: true });
    expect(await checkIns()).toEqual([]);
    expect(await progress()).toEqual([]);

    await served.online(context);
    await expect.poll(() => states(page), { timeout: 30_000 }).toEqual(['sent', 'sent']);
    expect(await checkIns()).toEqual([{ note: '断网时报到' }]);
    const reports = await progress();
    expect(reports).toHaveLength(1);
    expect(JSON.parse(reports[0].detail)).toMatchObject({ note: '断网时已转移 3 人' });

    // The same outbox entry sent twice more, as a phone that never saw the answer would: still one of each.
    const replays = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('corespond-offline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const entries = await new Promise<
        { url: string; body: { json: unknown }; idempotencyKey: string; csrfToken: string; kind: string }[]
      >((resolve, reject) => {
        const all = db.transaction('outbox').objectStore('outbox').getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
      const statuses: number[] = [];
      for (const entry of entries) {
        for (let i = 0; i < 2; i++) {
          const response = await fetch(`/api/v1${entry.url}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'idempotency-key': entry.idempotencyKey,
              'x-csrf-token': entry.csrfToken,
            },
            body: JSON.stringify(entry.body.json),
          });
          statuses.push(response.status);
        }
      }
      return statuses;
    });
    expect(replays).toEqual([200, 200, 200, 200]);
    expect(await checkIns()).toHaveLength(1);
    expect(await progress()).toHaveLength(1);

    // Offline again: a progress report waits while the need is closed at the centre; when it
    // arrives it is refused, and the outbox says why instead of failing silently.
    await served.offline(context);
    await claim.getByRole('button', { name: '报告进展' }).click();
    const late = page.getByRole('dialog');
    await late.getByRole('textbox').fill('又转移了 2 人');
    await late.getByRole('button', { name: '确定' }).click();
    await late.waitFor({ state: 'hidden' });
    await expect.poll(() => states(page)).toEqual(['queued', 'sent', 'sent']);
    await closeNeed(t().deps, SYSTEM, needId, { reason: 'done_by_others', note: '已由消防转移' });
    await served.online(context);
    await expect.poll(() => states(page), { timeout: 30_000 }).toEqual(['conflict', 'sent', 'sent']);
    const refused = page.getByTestId('outbox-item').first();
    expect(await refused.textContent()).toContain('未被接受');
    expect((await refused.getByTestId('outbox-outcome').textContent())?.length).toBeGreaterThan(4);
    expect(await progress()).toHaveLength(1);

    // Signing out drops this user's cached data; answered entries go with it.
    // The account menu's item is clicked again should the menu close before the click lands.
    await clickUntil(
      page.getByRole('menuitem', { name: '退出登录' }),
      () => page.getByTestId('account-menu').click(),
      async () => new URL(page.url()).pathname === '/login',
    );
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('corespond-user-')).length))
      .toBe(0);
  });

  it('keeps evidence photos taken offline on the phone, made smaller and without where they were taken, and sends each once', async () => {
    const { context, page } = await fieldPhone();
    const claim = page.getByTestId('task-claim').filter({ hasText: PHOTO_NEED });
    const picker = claim.locator('input[type="file"]');
    await claim.waitFor();
    // A phone camera's photo, with where it was taken; and a picture over the 10 MB upload limit as it is.
    const camera = await cameraPhoto(page, { width: 4000, height: 3000, make: 'CoRespondCam', lat: 35.25, lon: 114.18 });
    expect(hasExif(camera)).toBe(true);
    // Small enough to go as it is, but for where it was taken.
    const small = await cameraPhoto(page, { width: 1200, height: 900, make: 'CoRespondCam', lat: 35.25, lon: 114.18 });
    expect(small.length).toBeLessThan(1024 * 1024);
    const large = noisePng(2400, 1800);
    expect(large.length).toBeGreaterThan(10 * 1024 * 1024);

    await served.offline(context);
    await picker.setInputFiles({ name: '进水.png', mimeType: 'image/png', buffer: large });
    await expect.poll(() => states(page)).toEqual(['queued']);
    await picker.setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: camera });
    await expect.poll(() => states(page)).toEqual(['queued', 'queued']);
    await picker.setInputFiles({ name: '门口.jpg', mimeType: 'image/jpeg', buffer: small });
    await expect.poll(() => states(page)).toEqual(['queued', 'queued', 'queued']);
    expect(await page.locator('.ant-message-error').count()).toBe(0);
    expect(await page.getByTestId('outbox').textContent()).toContain(PHOTO_NEED);
    // What waits on the phone is what will be sent: JPEG, at most 1600 px, far below the limit.
    const kept = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('corespond-offline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const entries = await new Promise<{ body: { blob?: Blob; contentType?: string } }[]>((resolve, reject) => {
        const all = db.transaction('outbox').objectStore('outbox').getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
      return entries.map((entry) => ({ type: entry.body.contentType, bytes: entry.body.blob?.size ?? 0 }));
    });
    expect(kept.map((entry) => entry.type)).toEqual(['image/jpeg', 'image/jpeg', 'image/jpeg']);
    for (const entry of kept) expect(entry.bytes).toBeLessThan(4 * 1024 * 1024);

    // Still offline, the page opens again with the photos kept.
    await page.reload();
    await claim.waitFor();
    await expect.poll(() => states(page)).toEqual(['queued', 'queued', 'queued']);
    expect(await evidence()).toEqual([]);

    await served.online(context);
    await expect.poll(() => states(page), { timeout: 30_000 }).toEqual(['sent', 'sent', 'sent']);
    await page.reload();
    await expect.poll(() => states(page)).toEqual(['sent', 'sent', 'sent']);
    const stored = await evidence();
    expect(stored).toHaveLength(3);
    const sizes = stored.map(({ detail }) => {
      const { file } = JSON.parse(detail) as { file: string };
      expect(file).toMatch(/\.jpg$/);
      const photo = readFileSync(join(t().env.CORESPOND_DATA_DIR, 'evidence', photoNeedId, file));
      expect(hasExif(photo)).toBe(false);
      expect(photo.includes('CoRespondCam')).toBe(false);
      return jpegSize(photo);
    });
    // Longer side at most 1600 px, shape kept: 2400×1800 and 4000×3000 both become 1600×1200
    // (in whichever order the uploads were recorded).
    expect(sizes.sort((x, y) => y.width - x.width)).toEqual([
      { width: 1600, height: 1200 },
      { width: 1600, height: 1200 },
      { width: 1200, height: 900 },
    ]);
  });

  it('installs the checkpoint page as an app of its own, which opens and verifies a pass without a network', async () => {
    const pass = await deploymentPass(t().deps, SYSTEM, deploymentId);
    if (!pass.jws) throw new Error('the pass is shown to the system');
    const { context, page } = await checkpointPhone(browser, base, { contexts, serviceWorkers: 'allow' });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });

    /** The manifest Chromium reads for the page, and what keeps it from being installed. */
    const installable = async (on: Page) => {
      const cdp = await context.newCDPSession(on);
      const manifest = await cdp.send('Page.getAppManifest');
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      await cdp.detach();
      return {
        url: new URL(manifest.url).pathname,
        errors: manifest.errors.map((e) => e.message),
        manifest: JSON.parse(manifest.data ?? '{}') as Record<string, unknown>,
        // A test's browser context is a private window, where nothing installs; any other reason counts.
        installabilityErrors: installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'),
      };
    };
    const online = await installable(page);
    expect(online).toMatchObject({
      url: '/checkpoint.webmanifest',
      errors: [],
      manifest: {
        id: '/checkpoint',
        start_url: '/checkpoint',
        scope: '/checkpoint',
        name: '协应 通行证核验',
        display: 'standalone',
      },
      installabilityErrors: [],
    });

    // The network goes; the checkpoint app is opened from the home screen (its start_url).
    await served.offline(context);
    const opened = await context.newPage();
    await opened.goto(`${base}/checkpoint`);
    await opened.getByRole('heading', { level: 1, name: '通行证核验' }).waitFor();
    await expect
      .poll(() => opened.getByTestId('checkpoint-keys').textContent(), { timeout: 15_000 })
      .toMatch(/^离线：使用本机保存的 1 把核验公钥/);
    expect((await installable(opened)).manifest).toMatchObject({ id: '/checkpoint', start_url: '/checkpoint' });
    await opened.getByTestId('checkpoint-token').fill(pass.jws);
    await opened.getByTestId('checkpoint-verify').click();
    const result = opened.getByTestId('checkpoint-result');
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('valid');
    expect(await result.textContent()).toContain(TEAM);
    await expect.poll(() => opened.getByTestId('checkpoint-online').textContent()).toBe('离线核验：无法查询是否已被撤销');
    await opened.screenshot({ path: join(SHOTS, 'checkpoint-app-offline.png'), fullPage: true });
    // A pass altered on the way still fails offline.
    await opened.getByTestId('checkpoint-token').fill(`${pass.jws.slice(0, -4)}AAAA`);
    await opened.getByTestId('checkpoint-verify').click();
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('invalid');
    await served.online(context);
  });
});
