/** `corespond backup`: one consistent file of the database, the audit key and the uploads, taken while the server runs. */
import type { Command } from 'commander';
import { loadConfig } from '../../config';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('write a consistent backup of the database, the audit key and the uploads to one file while the server runs')
    .requiredOption('--out <file>', 'the backup file to write (encrypted with CORESPOND_BACKUP_KEY when set)')
    .action(async (opts: { out: string }) => {
      const config = loadConfig();
      const { backupLocationOf, takeBackup } = await import('../../services/backup/take-backup');
      const report = await takeBackup(backupLocationOf(config), opts.out, { passphrase: config.backupKey ?? undefined });
      console.log(
        `wrote ${report.file}: ${report.bytes} bytes (database ${report.databaseBytes} bytes, ${report.files} file${report.files === 1 ? '' : 's'}), ` +
          `${report.encrypted ? 'encrypted' : 'NOT encrypted'}, in ${(report.ms / 1000).toFixed(1)} s`,
      );
    });
}
