/**
 * Runs a suite once per database: SQLite always, PostgreSQL when the run has a cluster (and
 * reported as skipped when it has none, so the counts show what did not run).
 * Each suite, or each test when asked, gets a fresh, migrated database of its own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { type Database, type DialectName, openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import type { Deps } from '../../src/services/context';

/**
 * The secret every process of a test database shares (CORESPOND_SECRET in `env`): the CLI and a
 * server process started by a test open the audit data keys the test's own writes made.
 */
export const TEST_SECRET = 'corespond test secret shared by every process';
export const TEST_AUDIT_KEY = createHash('sha256').update(TEST_SECRET).digest();

export interface TestDatabase {
  database: Database;
  deps: Deps;
  /** How a separate process (the CLI) reaches the same database and keeps its files beside the test's. */
  env: { CORESPOND_DATA_DIR: string; DATABASE_URL?: string; CORESPOND_SECRET: string };
  /** Moves the test clock (starts at the real time). */
  clock: { now: Date; advance(ms: number): void };
}

/** The databases this run can test on: SQLite always, PostgreSQL when there is a cluster. */
export function dialects(): DialectName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Creates a fresh migrated database of the given dialect; `drop` removes it and its files. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase & { drop(): Promise<void> }> {
  // Uploaded files (evidence photos) go here; for SQLite the database file too.
  const dataDir = mkdtempSync(join(tmpdir(), 'corespond-files-'));
  let database: Database;
  let cleanup: () => Promise<void>;
  let env: TestDatabase['env'];
  if (dialect === 'postgres') {
    const adminUrl = inject('postgresUrl') as string;
    const name = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    database = openDatabase({ url, poolSize: 5 });
    env = { DATABASE_URL: url, CORESPOND_DATA_DIR: dataDir, CORESPOND_SECRET: TEST_SECRET };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = openDatabase({ dataDir });
    env = { CORESPOND_DATA_DIR: dataDir, CORESPOND_SECRET: TEST_SECRET };
    cleanup = async () => undefined;
  }
  const drop = async () => {
    try {
      await database.close();
      await cleanup();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await drop();
    throw error;
  }
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const deps: Deps = { db: database.db, dialect, now: () => clock.now, auditKey: TEST_AUDIT_KEY, dataDir };
  return { database, deps, clock, env, drop };
}

export interface EachDatabaseOptions {
  /**
   * `test`: a fresh database for every test, for suites whose tests look at the whole database
   * (the directory's filters, the audit chain); `suite` (the default): one for the suite.
   */
  databasePer?: 'suite' | 'test';
  /** Declares the suite skipped on every database (a browser suite without Chromium). */
  skip?: boolean;
}

type SuiteBody = (t: () => TestDatabase, dialect: DialectName) => void;

/**
 * Declares `body` once per database, each with its own fresh database (options first, as
 * Vitest's `describe(name, options, fn)`). Without a PostgreSQL cluster the PostgreSQL suite
 * is still declared, as skipped, so the run's counts show it.
 */
export function describeEachDatabase(title: string, body: SuiteBody): void;
export function describeEachDatabase(title: string, options: EachDatabaseOptions, body: SuiteBody): void;
export function describeEachDatabase(title: string, ...rest: [SuiteBody] | [EachDatabaseOptions, SuiteBody]): void {
  const [{ databasePer = 'suite', skip = false }, body] = rest.length === 1 ? [{}, rest[0]] : rest;
  const available = dialects();
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe.skipIf(skip || !available.includes(dialect))(`${title} [${dialect}]`, () => {
      let current: (TestDatabase & { drop(): Promise<void> }) | undefined;
      const open = async () => {
        current = await createTestDatabase(dialect);
      };
      const close = async () => {
        await current?.drop();
        current = undefined;
      };
      if (databasePer === 'test') {
        beforeEach(open);
        afterEach(close);
      } else {
        beforeAll(open);
        afterAll(close);
      }
      body(() => {
        if (!current) throw new Error(`database not ready (databasePer: ${databasePer})`);
        return current;
      }, dialect);
    });
  }
}
