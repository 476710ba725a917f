/** Runs the migrations, which are listed here in order and never change once released. */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as foundation from './migrations/0001-foundation';
import * as membership from './migrations/0002-membership';
import * as embedding from './migrations/0003-embedding';
import * as capacity from './migrations/0004-capacity';
import * as imports from './migrations/0005-imports';
import * as incidents from './migrations/0006-incidents';
import * as needs from './migrations/0007-needs';
import * as liveEvents from './migrations/0008-live-events';
import * as needLookups from './migrations/0009-need-lookups';
import * as needPoints from './migrations/0010-need-points';
import * as auditByType from './migrations/0011-audit-by-type';
import * as programs from './migrations/0012-programs';
import * as knowledge from './migrations/0013-knowledge';
import * as passes from './migrations/0014-passes';
import * as needImports from './migrations/0015-need-imports';
import * as evaluation from './migrations/0016-evaluation';
import * as incidentCommand from './migrations/0017-incident-command';
import * as alarms from './migrations/0018-alarms';
import * as inventoryLedger from './migrations/0019-inventory-ledger';
import * as offers from './migrations/0020-offers';
import * as allocation from './migrations/0021-allocation';
import * as ledgerFlows from './migrations/0022-ledger-flows';
import * as money from './migrations/0023-money';
import * as platformEvents from './migrations/0024-platform-events';
import * as information from './migrations/0025-information';
import * as alerts from './migrations/0026-alerts';
import * as notifications from './migrations/0027-notifications';
import * as webhooks from './migrations/0028-webhooks';
import * as exchange from './migrations/0029-exchange';
import * as retention from './migrations/0030-retention';
import type { Tables } from './schema';

const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-membership': membership,
  '0003-embedding': embedding,
  '0004-capacity': capacity,
  '0005-imports': imports,
  '0006-incidents': incidents,
  '0007-needs': needs,
  '0008-live-events': liveEvents,
  '0009-need-lookups': needLookups,
  '0010-need-points': needPoints,
  '0011-audit-by-type': auditByType,
  '0012-programs': programs,
  '0013-knowledge': knowledge,
  '0014-passes': passes,
  '0015-need-imports': needImports,
  '0016-evaluation': evaluation,
  '0017-incident-command': incidentCommand,
  '0018-alarms': alarms,
  '0020-offers': offers,
  '0019-inventory-ledger': inventoryLedger,
  '0021-allocation': allocation,
  '0022-ledger-flows': ledgerFlows,
  '0023-money': money,
  '0024-platform-events': platformEvents,
  '0025-information': information,
  '0026-alerts': alerts,
  '0027-notifications': notifications,
  '0028-webhooks': webhooks,
  '0029-exchange': exchange,
  '0030-retention': retention,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<Tables>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this version knows that the database has not run yet (none: the schema is current). */
export async function pendingMigrations(db: Kysely<Tables>): Promise<string[]> {
  const migrations = await new Migrator({ db, provider }).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
