/**
 * `corespond`: serve, migrate, create-admin, import, export, demo, backup, restore, passes rotate-key, keys rotate,
 * audit verify, retention sweep, allocate. Commands call services, not HTTP. Each command's module loads
 * the services it calls only when it runs, so `--help` or `allocate` do not wait for the whole server to load.
 */
import { Command } from 'commander';
import { AppError } from '../model/errors';
import { BackupError } from '../services/backup/backup-errors';
import { VERSION } from '../version';
import { registerAllocate } from './commands/allocate';
import { registerAudit } from './commands/audit';
import { registerBackup } from './commands/backup';
import { registerCreateAdmin } from './commands/create-admin';
import { registerDemo } from './commands/demo';
import { registerImportExport } from './commands/import-export';
import { registerMigrate } from './commands/migrate';
import { registerPasses } from './commands/passes';
import { registerRestore } from './commands/restore';
import { registerRetention } from './commands/retention';
import { registerServe } from './commands/serve';

const program = new Command('corespond').description('CoRespond 协应 — emergency cooperation network').version(VERSION);

// In the order `corespond --help` lists them.
for (const register of [
  registerServe,
  registerMigrate,
  registerCreateAdmin,
  registerImportExport,
  registerDemo,
  registerBackup,
  registerRestore,
  registerPasses,
  registerRetention,
  registerAudit,
  registerAllocate,
]) {
  register(program);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof BackupError) {
    console.error(`error: ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof AppError) {
    console.error(`error: ${error.detail ?? error.message}${error.field ? ` (${error.field})` : ''} [${error.code}]`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
