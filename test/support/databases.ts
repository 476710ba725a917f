/**
 * Runs a suite once per database: SQLite always, PostgreSQL when the run has a cluster.
 * Each suite gets a fresh, migrated database of its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, type DialectName, openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import type { Deps } from '../../src/services/context';

export const TEST_AUDIT_KEY = Buffer.alloc(32, 7);

export interface TestDatabase {
  database: Database;
  deps: Deps;
  /** How a separate process (the CLI) reaches the same database. */
  env: { CORESPOND_DATA_DIR?: string; DATABASE_URL?: string };
  /** Moves the test clock (starts at the real time). */
  clock: { now: Date; advance(ms: number): void };
}

export function dialects(): DialectName[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Creates a fresh migrated database of the given dialect. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase & { drop(): Promise<void> }> {
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
    env = { DATABASE_URL: url };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'corespond-sqlite-'));
    database = openDatabase({ dataDir: dir });
    env = { CORESPOND_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  await migrateToLatest(database.db);
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const deps: Deps = {
    db: database.db,
    dialect,
    now: () => clock.now,
    auditKey: TEST_AUDIT_KEY,
    dataDir: mkdtempSync(join(tmpdir(), 'corespond-files-')),
  };
  return {
    database,
    deps,
    clock,
    env,
    async drop() {
      await database.close();
      await cleanup();
    },
  };
}

/** Declares `body` once per database, each with its own fresh database. */
export function describeEachDatabase(title: string, body: (t: () => TestDatabase, dialect: DialectName) => void): void {
  for (const dialect of dialects()) {
    describe(`${title} [${dialect}]`, () => {
      let current: (TestDatabase & { drop(): Promise<void> }) | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await current?.drop();
      });
      body(() => {
        if (!current) throw new Error('database not ready');
        return current;
      }, dialect);
    });
  }
}
