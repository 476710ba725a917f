/** Opens the database, brings it up to date and assembles what the services need. */
import type { Config } from './config';
import { loadAuditKey } from './config';
import { type Database, openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Deps } from './services/context';

export interface Runtime {
  database: Database;
  deps: Deps;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  options: { migrate?: boolean } = {},
): Promise<Runtime> {
  const database = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, backgroundCheckpoints: true });
  if (options.migrate !== false) await migrateToLatest(database.db);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    now: () => new Date(),
    auditKey: loadAuditKey(config.dataDir),
    dataDir: config.dataDir,
  };
  return { database, deps, close: () => database.close() };
}
