/**
 * Opens the one database: embedded SQLite (WAL, one file under the data directory) by
 * default, PostgreSQL when a postgres:// URL is given. The rest of the code sees Kysely.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer';
import { reportingBusy } from './database-busy';
import type { Tables } from './schema';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  close(): Promise<void>;
}

/** The connections of a database's pool: open, idle, and the queries waiting for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const pools = new WeakMap<Kysely<Tables>, () => PoolStats>();

/** How a database opened here uses its connections (PostgreSQL's pool; SQLite: its one connection). */
export function poolStats(db: Kysely<Tables>): PoolStats | null {
  return pools.get(db)?.() ?? null;
}

export interface DatabaseOptions {
  /** postgres://… to use PostgreSQL; otherwise SQLite. */
  url?: string;
  /** Where the SQLite file lives (ignored for PostgreSQL). */
  dataDir?: string;
  /** A SQLite file path, overriding dataDir (":memory:" allowed). */
  sqliteFile?: string;
  poolSize?: number;
  /** SQLite: checkpoint the write-ahead log on a thread of its own (src/db/checkpointer.ts). */
  backgroundCheckpoints?: boolean;
  /**
   * How long a statement waits for a lock another connection holds before it fails (SQLite's
   * busy_timeout, PostgreSQL's lock_timeout): {@link LOCK_WAIT_MS} unless a test asks for less.
   */
  lockWaitMs?: number;
}

/**
 * A lock held longer than this (another process writing to SQLite, a PostgreSQL transaction or
 * migration holding rows or a table) fails the statement waiting for it, answered as 503
 * database_busy (src/db/database-busy.ts), instead of hanging the request and every one queued
 * behind it.
 */
export const LOCK_WAIT_MS = 10_000;

/** How long a request waits for one of PostgreSQL's pooled connections before it is answered database_busy. */
export const POOL_WAIT_MS = 30_000;

/**
 * SQLite transactions start with BEGIN IMMEDIATE so that a transaction that reads and
 * then writes takes the write lock up front and waits (busy_timeout) instead of failing
 * when another process writes first.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely prepares every query it runs; preparing is a good part of a small query's cost on
 * SQLite, so prepared statements are kept and reused by their SQL text (most recently used kept).
 * Multi-row inserts of a few dozen rows (a group commit's) repeat with the group's size and are
 * kept; very long texts — bulk imports, long `in (…)` lists — are seldom run twice and would
 * push the everyday statements out, so they are not.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 500, longest = 20_000) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): BetterSqlite3.Statement {
      if (text.length > longest) return sqlite.prepare(text);
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/** Opens a database from options; the caller runs migrations. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: POOL_WAIT_MS,
      options: `-c lock_timeout=${options.lockWaitMs ?? LOCK_WAIT_MS}`,
    });
    // An idle connection that the server ends (restart, administrator) must not crash the
    // process: the pool replaces it on next use. 57P01 is a deliberate shutdown; others are reported.
    pool.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') console.error(`database connection lost: ${error.message}`);
    });
    const db = new Kysely<Tables>({ dialect: reportingBusy(new PostgresDialect({ pool })) });
    pools.set(db, () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  let file = options.sqliteFile;
  if (!file) {
    const dir = options.dataDir ?? 'data';
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'corespond.db');
  }
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives a power cut, not only a crash of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${options.lockWaitMs ?? LOCK_WAIT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  const config = { database: withStatementCache(sqlite) };
  const base = new SqliteDialect(config);
  const dialect: Dialect = {
    createAdapter: () => base.createAdapter(),
    createDriver: () => new ImmediateSqliteDriver(config),
    createQueryCompiler: () => base.createQueryCompiler(),
    createIntrospector: (kysely) => base.createIntrospector(kysely),
  };
  const db = new Kysely<Tables>({ dialect: reportingBusy(dialect) });
  // Kysely runs SQLite on one connection, taking turns; it is open until the database closes.
  pools.set(db, () => ({ total: sqlite.open ? 1 : 0, idle: 0, waiting: 0 }));
  const checkpointer = options.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(sqlite, file) : undefined;
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
