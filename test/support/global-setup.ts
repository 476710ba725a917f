/** Starts the shared PostgreSQL cluster once per test run and finds Chromium. */
import type { TestProject } from 'vitest/node';
import { findChromium } from '../../src/reports/pdf';
import { type PostgresCluster, startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    chromiumPath: string | null;
  }
}

let cluster: PostgresCluster | undefined;

function banner(text: string): void {
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n!! ${text}\n${line}\n`);
}

export default async function setup(project: TestProject) {
  const ci = process.env.CI === 'true';
  cluster = await startPostgres();
  if (!cluster) {
    if (ci) throw new Error('CI=true but no PostgreSQL server binaries were found (install Debian package postgresql)');
    banner('PostgreSQL not found: database tests run on SQLite ONLY. Install postgresql to test both.');
  }
  project.provide('postgresUrl', cluster?.url ?? null);

  // The Chromium the server prints PDFs with (CORESPOND_CHROMIUM or the one installed) drives the browser tests too.
  const chromium = findChromium();
  if (!chromium) {
    if (ci) throw new Error('CI=true but Chromium was not found (install Debian package chromium, or set CORESPOND_CHROMIUM)');
    banner('Chromium not found: browser tests are SKIPPED. Install chromium to run them.');
  }
  project.provide('chromiumPath', chromium);

  return () => cluster?.stop();
}
