/** `corespond migrate`: the schema brought up to date without starting a server. */
import type { Command } from 'commander';
import { loadConfig } from '../../config';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const [{ openRuntime }, { migrateToLatest }] = await Promise.all([import('../../runtime'), import('../../db/migrate')]);
      const runtime = await openRuntime(loadConfig(), { migrate: false });
      const ran = await migrateToLatest(runtime.database.db);
      console.log(ran.length ? `applied: ${ran.join(', ')}` : 'the database is up to date');
      await runtime.close();
    });
}
