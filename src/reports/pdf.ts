/**
 * Prints an HTML page to PDF with the headless Chromium installed on the server (Debian's
 * `chromium` by default, or CORESPOND_CHROMIUM), through its own --print-to-pdf: no browser
 * library at run time. Without Chromium the caller is told so (the HTML report prints too).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../model/errors';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.CORESPOND_CHROMIUM;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** The print in progress: Chromium is heavy, so reports print one at a time, in the order asked. */
let printing: Promise<unknown> = Promise.resolve();

export function printToPdf(html: string, chromium = findChromium()): Promise<Buffer> {
  if (!chromium) return Promise.reject(new AppError('pdf_unavailable'));
  const printed = printing.then(() => print(html, chromium));
  printing = printed.catch(() => undefined);
  return printed;
}

async function print(html: string, chromium: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'corespond-report-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await writeFile(page, html);
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${pdf}`,
          pathToFileURL(page).href,
        ],
        { timeout: 60_000 },
        (error) => (error && !existsSync(pdf) ? reject(error) : resolve()),
      );
    });
    return await readFile(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
