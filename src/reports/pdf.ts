/**
 * Prints an HTML page to PDF with the headless Chromium installed on the server (Debian's
 * `chromium` by default, or CORESPOND_CHROMIUM), through its own --print-to-pdf: no browser
 * library at run time. Without Chromium the caller is told so (the HTML report prints too).
 *
 * The page holds text typed by the public (organization names), so Chromium is treated as
 * handling untrusted content:
 * - its sandbox stays on. Chromium refuses to sandbox itself as root, so a server running as
 *   root starts it as `nobody` through setpriv (util-linux); the sandbox then rests on user
 *   namespaces (Debian's Chromium has no setuid helper);
 * - the page loads nothing: the report is one file with inline styles and SVG charts, so it
 *   gets a policy that allows no fetch at all, and Chromium's own connections go to a proxy
 *   that is not there, through a resolver that finds no host (loopback included: the server's
 *   own API and anything else listening on this machine are out of reach too);
 * - it gets a bare environment (no database URL or secret of the server's) and a time limit,
 *   after which it is killed with every process it started.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../model/errors';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const TIME_LIMIT_MS = 60_000;
/** Debian's `nobody` and `nogroup` (the kernel's overflow ids), whom a root server prints as. */
const NOBODY = 65534;
const PATH = '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin';

/** The Chromium that prints: CORESPOND_CHROMIUM when set (null if it is not there), else the first one installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CORESPOND_CHROMIUM;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** A policy for the printed page: its inline styles and data: images, and no fetch of anything. */
const LOAD_NOTHING =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:; font-src data:">';

/** The page with LOAD_NOTHING first in its head (before anything it could load). */
export function loadingNothing(html: string): string {
  const head = /<head\b[^>]*>/i.exec(html) ?? /^\s*<!doctype[^>]*>/i.exec(html);
  const at = head ? head.index + head[0].length : 0;
  return html.slice(0, at) + LOAD_NOTHING + html.slice(at);
}

/** The command that prints `page` to `pdf`: Chromium with its sandbox, as `nobody` when the server is root. */
export function printCommand(
  chromium: string,
  files: { dir: string; page: string; pdf: string },
  uid: number | undefined = process.getuid?.(),
): { command: string; args: string[] } {
  const args = [
    '--headless',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-extensions',
    `--user-data-dir=${join(files.dir, 'profile')}`,
    '--proxy-server=127.0.0.1:9',
    '--proxy-bypass-list=<-loopback>',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--no-pdf-header-footer',
    `--print-to-pdf=${files.pdf}`,
    pathToFileURL(files.page).href,
  ];
  if (uid !== 0) return { command: chromium, args };
  return {
    command: 'setpriv',
    args: [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', chromium, ...args],
  };
}

/** The print in progress: Chromium is heavy, so reports print one at a time, in the order asked. */
let printing: Promise<unknown> = Promise.resolve();

export function printToPdf(
  html: string,
  { chromium = findChromium(), timeLimitMs = TIME_LIMIT_MS }: { chromium?: string | null; timeLimitMs?: number } = {},
): Promise<Buffer> {
  if (!chromium) return Promise.reject(new AppError('pdf_unavailable'));
  const printed = printing.then(() => print(html, chromium, timeLimitMs));
  printing = printed.catch(() => undefined);
  return printed;
}

/** Refuses a temporary directory that `nobody` could not reach (a TMPDIR only root may enter). */
async function assertReachableByOthers(dir: string): Promise<void> {
  for (let path = dirname(dir); ; path = dirname(path)) {
    if (((await stat(path)).mode & 0o001) === 0) {
      throw new Error(`Chromium prints as nobody, who cannot enter ${path}: set TMPDIR to a directory such as /tmp`);
    }
    if (path === dirname(path)) return;
  }
}

async function print(html: string, chromium: string, timeLimitMs: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'corespond-report-'));
  try {
    const files = { dir, page: join(dir, 'report.html'), pdf: join(dir, 'report.pdf') };
    await writeFile(files.page, loadingNothing(html));
    const { command, args } = printCommand(chromium, files);
    if (command !== chromium) {
      await assertReachableByOthers(dir);
      await chown(dir, NOBODY, NOBODY);
      await chown(files.page, NOBODY, NOBODY);
    }
    await run(command, args, { HOME: dir, PATH, LANG: 'C.UTF-8' }, timeLimitMs);
    if (!existsSync(files.pdf)) throw new Error('Chromium exited without writing the PDF');
    return await readFile(files.pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs `command` in a process group of its own, killed whole when it outlasts the time limit. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeLimitMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeLimitMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command} to print the PDF: ${error.message}`));
    });
    // 'exit', not 'close': a helper Chromium leaves behind may hold stderr open a while longer.
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new AppError('pdf_timeout', { detail: `Chromium did not finish printing within ${timeLimitMs / 1000} s` }));
      } else if (code !== 0) {
        // The last lines Chromium wrote, without the D-Bus noise of a server with no desktop session.
        const said = stderr
          .split('\n')
          .filter((line) => line.trim() && !/dbus|unexpected operator/i.test(line))
          .slice(-3)
          .join(' | ');
        reject(new Error(`Chromium could not print the PDF (exit ${code ?? signal}): ${said}`));
      } else {
        resolve();
      }
    });
  });
}
