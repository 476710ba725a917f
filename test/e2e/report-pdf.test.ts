/**
 * The PDF printer with the installed Chromium: its sandbox on (as `nobody` when the tests run as
 * root, as the server may), a page that fetches nothing from anywhere, and a time limit that
 * ends the print with every process it started.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/model/errors';
import { loadingNothing, printCommand, printToPdf } from '../../src/reports/pdf';
import { chromiumPath } from '../support/browser';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** The processes now running whose command line mentions `text`, with their real user id. */
function processesWith(text: string): { pid: number; uid: number; cmdline: string }[] {
  const found: { pid: number; uid: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(text)) found.push({ pid: Number(name), uid: statSync(`/proc/${name}`).uid, cmdline });
    } catch {
      // The process ended while being looked at.
    }
  }
  return found;
}

/** Calls `fn` and meanwhile notes every printing Chromium (one with --print-to-pdf) that runs. */
async function watchingPrints<T>(
  fn: () => Promise<T>,
): Promise<{ outcome: PromiseSettledResult<T>; seen: Map<number, { uid: number; cmdline: string }> }> {
  const seen = new Map<number, { uid: number; cmdline: string }>();
  let watching = true;
  const watch = (async () => {
    while (watching) {
      for (const p of processesWith('--print-to-pdf=')) if (p.cmdline.includes('corespond-report-')) seen.set(p.pid, p);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const [outcome] = await Promise.allSettled([fn()]);
  watching = false;
  await watch;
  return { outcome, seen };
}

const REPORT = (base: string) => `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>年度报告</title>
<link rel="stylesheet" href="${base}/style.css"></head>
<body><h1>=HYPERLINK("http://example.invalid","x") 年度报告</h1>
<img src="http://example.invalid/x.png"><img src="${base}/a.png"><img src="${base.replace('127.0.0.1', 'localhost')}/b.png">
<iframe src="${base}/frame"></iframe><div style="background: url(${base}/c.png)">背景</div>
</body></html>`;

describe.skipIf(!chromiumPath)('printing reports to PDF', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(`${request.headers.host}${request.url}`);
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('starts Chromium with its sandbox, as nobody when the server runs as root', () => {
    const files = { dir: '/tmp/r', page: '/tmp/r/report.html', pdf: '/tmp/r/report.pdf' };
    const root = printCommand('/usr/bin/chromium', files, 0);
    expect(root.command).toBe('setpriv');
    expect(root.args.slice(0, 4)).toEqual([`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '/usr/bin/chromium']);
    const user = printCommand('/usr/bin/chromium', files, 1000);
    expect(user.command).toBe('/usr/bin/chromium');
    for (const { args } of [root, user]) expect(args.filter((a) => /sandbox/.test(a))).toEqual([]);
  });

  it('puts the no-fetch policy first in the page', () => {
    expect(loadingNothing('<!doctype html><html><head><title>t</title>')).toMatch(
      /^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*"><title>/,
    );
    expect(loadingNothing('<!DOCTYPE html><p>x')).toMatch(/^<!DOCTYPE html><meta http-equiv="Content-Security-Policy"/);
    expect(loadingNothing('<p>x')).toMatch(/^<meta http-equiv="Content-Security-Policy"[^>]*><p>x$/);
  });

  it('prints a report whose images and frames point elsewhere, fetching nothing, in a sandboxed Chromium', async () => {
    requests.length = 0;
    const { outcome, seen } = await watchingPrints(() => printToPdf(REPORT(base), { chromium: chromiumPath as string }));
    if (outcome.status === 'rejected') throw outcome.reason;
    expect(outcome.value.subarray(0, 5).toString()).toBe('%PDF-');
    expect(requests).toEqual([]);
    // The printing Chromium was seen, without --no-sandbox, and not as root.
    expect(seen.size).toBeGreaterThan(0);
    for (const { uid, cmdline } of seen.values()) {
      expect(cmdline).not.toMatch(/no-sandbox/);
      if (asRoot) expect(uid).toBe(NOBODY);
    }
  });

  it('reaches no host even when the page itself does not forbid it', async () => {
    // Chromium's own flags, without the page's policy: nothing leaves it either.
    requests.length = 0;
    const dir = await mkdtemp(join(tmpdir(), 'corespond-report-'));
    try {
      const files = { dir, page: join(dir, 'report.html'), pdf: join(dir, 'report.pdf') };
      await writeFile(files.page, REPORT(base));
      const { command, args } = printCommand(chromiumPath as string, files);
      if (asRoot) {
        await chown(dir, NOBODY, NOBODY);
        await chown(files.page, NOBODY, NOBODY);
      }
      await new Promise<void>((resolve, reject) =>
        execFile(command, args, { env: { HOME: dir, PATH: process.env.PATH }, timeout: 60_000 }, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
      expect((await readFile(files.pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(requests).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives up after the time limit with a clear error, leaving no Chromium behind', async () => {
    // Long enough that no Chromium lays it out and prints it within 300 ms.
    const long = `<!doctype html><html><head><title>t</title></head><body>${'<p>协应 CoRespond 年度报告 '.repeat(40_000)}</body></html>`;
    const { outcome, seen } = await watchingPrints(() =>
      printToPdf(long, { chromium: chromiumPath as string, timeLimitMs: 300 }),
    );
    expect(outcome.status).toBe('rejected');
    const error = (outcome as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'pdf_timeout', detail: 'Chromium did not finish printing within 0.3 s' });
    expect(seen.size).toBeGreaterThan(0);
    const profiles = [...seen.values()].map(({ cmdline }) => /--user-data-dir=(\S+)/.exec(cmdline)?.[1] as string);
    await expect.poll(() => profiles.flatMap((profile) => processesWith(profile)), { timeout: 10_000 }).toEqual([]);
  });
});
