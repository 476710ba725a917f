/**
 * A database too busy to answer in time — a lock another connection held past the lock wait
 * (SQLite's busy_timeout, PostgreSQL's lock_timeout), or no pooled connection free within the
 * pool's wait — is the domain's `database_busy` (503, try again shortly), not an internal
 * error: nothing was written, and the same request will do once the lock is gone.
 */
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';
import { AppError } from '../model/errors';

/** pg-pool's error when no connection became free in time. */
const POOL_TIMEOUT = 'timeout exceeded when trying to connect';

/** Whether a driver's error says the database was busy (SQLITE_BUSY*, PostgreSQL 55P03 lock_not_available, the pool's wait). */
export function isDatabaseBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === '55P03')) return true;
  return message === POOL_TIMEOUT;
}

/** The error as the domain says it: database_busy for a busy database, the error itself otherwise. */
export function asDomainError(error: unknown): unknown {
  if (!isDatabaseBusy(error)) return error;
  const pool = (error as { message?: unknown }).message === POOL_TIMEOUT;
  return new AppError('database_busy', {
    detail: pool
      ? 'every database connection stayed in use for too long'
      : 'another transaction held what this request needed for too long',
  });
}

const reporting = new WeakSet<DatabaseConnection>();

/** A connection whose queries fail with database_busy when the database was busy (patched once: drivers reuse connections). */
function reportingConnection(connection: DatabaseConnection): DatabaseConnection {
  if (reporting.has(connection)) return connection;
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    try {
      return await execute<R>(query);
    } catch (error) {
      throw asDomainError(error);
    }
  };
  reporting.add(connection);
  return connection;
}

/** A driver whose connections, and the wait for one, report a busy database as database_busy. */
class BusyReportingDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    try {
      return reportingConnection(await this.inner.acquireConnection());
    } catch (error) {
      throw asDomainError(error);
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  /** One of the inner driver's savepoint methods (both dialects' drivers have them). */
  private savepoints<K extends 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint'>(name: K): NonNullable<Driver[K]> {
    const method = this.inner[name];
    if (!method) throw new Error(`the database driver has no ${name}`);
    return method.bind(this.inner) as NonNullable<Driver[K]>;
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.savepoints('savepoint')(connection, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.savepoints('rollbackToSavepoint')(connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.savepoints('releaseSavepoint')(connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** The dialect with its driver reporting a busy database as database_busy. */
export function reportingBusy(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new BusyReportingDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (kysely) => dialect.createIntrospector(kysely),
  };
}
