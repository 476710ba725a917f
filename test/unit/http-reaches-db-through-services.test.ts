/**
 * Imports point downward (docs: STYLE.md): HTTP routes reach the database only through
 * services, which authorize, disclose and audit. This reads every file under src/http and
 * fails on an import from src/db (a type-only import would be allowed, should one be needed)
 * and on a route handing the database handle (deps.db) to anything itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const httpDir = join(root, 'src/http');
const dbDir = join(root, 'src/db');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Each import or re-export of a file: its module specifier and whether it brings only types. */
function importsOf(source: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(statement)) {
    const clause = m[3] ?? '';
    // `import { type A, type B }` brings only types too; one value name makes it a value import.
    const names = clause.match(/^\{([\s\S]*)\}$/)?.[1];
    const allTypes =
      names
        ?.split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type ')) ?? false;
    found.push({ specifier: m[4], typeOnly: Boolean(m[2]) || allTypes });
  }
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push({ specifier: m[1], typeOnly: false });
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1], typeOnly: false });
  return found;
}

const intoDb = (file: string, specifier: string) =>
  specifier.startsWith('.') && `${resolve(dirname(file), specifier)}/`.startsWith(`${dbDir}/`);

describe('the HTTP layer reaches the database only through services', () => {
  it('reads import statements as the rule needs', () => {
    const src = [
      "import { findNeed } from '../../db/repositories/needs';",
      "import type { Session } from '../../db/repositories/sessions';",
      "import { type User } from '../../db/repositories/users';",
      "export { x } from '../db/x';",
      "const m = await import('../../db/database');",
    ].join('\n');
    expect(importsOf(src)).toEqual([
      { specifier: '../../db/repositories/needs', typeOnly: false },
      { specifier: '../../db/repositories/sessions', typeOnly: true },
      { specifier: '../../db/repositories/users', typeOnly: true },
      { specifier: '../db/x', typeOnly: false },
      { specifier: '../../db/database', typeOnly: false },
    ]);
    expect(intoDb(join(httpDir, 'public/routes.ts'), '../../db/repositories/needs')).toBe(true);
    expect(intoDb(join(httpDir, 'public/routes.ts'), '../../services/needs/read-needs')).toBe(false);
  });

  it('has no route file importing from src/db', () => {
    const files = sourceFiles(httpDir);
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((i) => !i.typeOnly && intoDb(file, i.specifier))
        .map((i) => `${relative(root, file)} imports ${i.specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('has no route handing the database handle to anything itself', () => {
    const offending = sourceFiles(httpDir).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => /\bdeps\.db\b/.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });
});
