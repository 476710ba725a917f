/**
 * Fails `vite build` when a public page grows past its budget: the gzip size of everything its
 * HTML loads before the page can be used (entry script, modulepreloads, stylesheets, and the
 * static imports and CSS of those chunks), so the first visit on a weak network stays light.
 */
import { gzipSync } from 'node:zlib';
import type { OutputBundle } from 'rolldown';
import type { Plugin } from 'vite';

/** The budget of one public page's initial load, gzip bytes. */
export const PUBLIC_PAGE_BUDGET = 130 * 1024;

type Item = OutputBundle[string];

/** The files of `html` (a built page) that load eagerly, with the static imports of its chunks. */
export function eagerFiles(html: string, bundle: OutputBundle): string[] {
  const referenced = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/?([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="\/?([^"]+)"/g),
  ].map((match) => match[1] as string);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const item: Item | undefined = bundle[file];
    if (item?.type !== 'chunk') return;
    for (const imported of item.imports) visit(imported);
    const css = (item as { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata?.importedCss;
    for (const file of css ?? []) visit(file);
  };
  for (const file of referenced) visit(file);
  return [...seen];
}

function contentOf(item: Item): Uint8Array | string {
  return item.type === 'chunk' ? item.code : item.source;
}

/** Vite plugin: checks each of `pages` (HTML file names in the build) against the budget. */
export function publicPagesBudget(pages: string[], budget = PUBLIC_PAGE_BUDGET): Plugin {
  return {
    name: 'corespond-public-pages-budget',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const page of pages) {
        const html = bundle[page];
        if (!html || html.type !== 'asset') this.error(`public page ${page} is not in the build`);
        const files = eagerFiles(String(html.source), bundle);
        const sizes = files.map((file) => {
          const item = bundle[file];
          if (!item) this.error(`${page} loads ${file}, which is not in the build`);
          return { file, gzip: gzipSync(contentOf(item)).length };
        });
        const total = gzipSync(String(html.source)).length + sizes.reduce((sum, s) => sum + s.gzip, 0);
        const figure = `${page}: initial load ${(total / 1024).toFixed(1)} KB gzip (budget ${(budget / 1024).toFixed(0)} KB): ${sizes
          .map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`)
          .join(', ')}`;
        if (total > budget) this.error(`over budget: ${figure}`);
        console.log(figure);
      }
    },
  };
}
