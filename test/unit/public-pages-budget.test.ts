/**
 * The build's budget for the public pages (web/build/public-pages-budget.ts), on a real Vite
 * build of a small page: the figure counts what the HTML loads eagerly (entry, its static
 * imports, stylesheets) and not what it loads on demand, and a page over its budget fails the
 * build with the figure in the message.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { publicPagesBudget } from '../../web/build/public-pages-budget';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'corespond-budget-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(
    join(root, 'page.html'),
    '<!doctype html><html><head><title>t</title></head><body><script type="module" src="/src/main.js"></script></body></html>',
  );
  // Random text does not compress: its gzip size is about its length.
  const eager = randomBytes(6_000).toString('base64');
  const later = randomBytes(30_000).toString('base64');
  writeFileSync(join(root, 'src', 'shared.js'), `export const eager = ${JSON.stringify(eager)};`);
  writeFileSync(join(root, 'src', 'later.js'), `export const later = ${JSON.stringify(later)};`);
  writeFileSync(join(root, 'src', 'style.css'), 'body { color: #123456; }');
  writeFileSync(
    join(root, 'src', 'main.js'),
    "import './style.css';\nimport { eager } from './shared.js';\ndocument.body.dataset.n = String(eager.length);\ndocument.body.onclick = () => import('./later.js');\n",
  );
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const buildWith = (budget: number) =>
  build({
    root,
    logLevel: 'silent',
    configFile: false,
    plugins: [publicPagesBudget(['page.html'], budget)],
    build: { outDir: join(root, 'dist'), emptyOutDir: true, rolldownOptions: { input: join(root, 'page.html') } },
  });

it('counts the eager files of a page, not the chunks it loads on demand, and passes within the budget', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await buildWith(20 * 1024);
    const figure = log.mock.calls.map((call) => String(call[0])).find((line) => line.startsWith('page.html:'));
    expect(figure).toBeDefined();
    const kb = Number(/initial load ([\d.]+) KB gzip/.exec(figure ?? '')?.[1]);
    // The eager 8 kB of random text and a little more; not the 40 kB loaded on a click.
    expect(kb).toBeGreaterThan(6);
    expect(kb).toBeLessThan(12);
    expect(figure).toMatch(/\.css/);
    expect(figure).not.toMatch(/later/);
  } finally {
    log.mockRestore();
  }
});

it('fails the build when a page grows past its budget, with the figure', async () => {
  await expect(buildWith(4 * 1024)).rejects.toThrow(/over budget: page\.html: initial load [\d.]+ KB gzip \(budget 4 KB\)/);
});
