#!/usr/bin/env node
// Builds the web UI when it is missing or older than its sources, so that
// `npm start` and `npm test` work on a fresh clone without a separate build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const built = join(root, 'web', 'dist', 'index.html');
const sources = [
  'web/src',
  'web/index.html',
  'web/public-pages.html',
  'web/build',
  'src/http/web-pages.ts',
  'web/public',
  'vite.config.ts',
  'src/model',
  'src/interop/formula-guard.ts',
  'package-lock.json',
].map((p) => join(root, p));

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.log('building the web UI (vite build)…');
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  compressAll(join(root, 'web', 'dist'));
}

/** Writes .br and .gz beside every text file, so the server can send them to browsers that accept them. */
function compressAll(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      compressAll(path);
    } else if (/\.(js|mjs|css|html|json|svg|txt)$/.test(name)) {
      const content = readFileSync(path);
      if (content.length < 1024) continue;
      writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
      writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    }
  }
}
