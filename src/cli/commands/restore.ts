/** `corespond restore`: a backup into an empty target, with the erasures made since applied again; exit codes per failure. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadAuditKey, loadConfig } from '../../config';
import type { MoveProgress } from '../../services/backup/move-to-postgres';

/** Progress of a move from SQLite into PostgreSQL on stderr, at most once a second and at the end. */
function movingProgress(): (at: MoveProgress) => void {
  let shown = 0;
  return ({ table, rows, total }) => {
    if (rows < total && Date.now() - shown < 1000) return;
    shown = Date.now();
    process.stderr.write(`moving into PostgreSQL: ${rows} of ${total} rows (${table})\n`);
  };
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description(
      'restore a backup into an empty data directory and database; exit codes: 2 target not empty, 3 key missing or wrong, 4 file damaged, 5 pg_restore missing, 6 pg_restore failed',
    )
    .argument('<file>', 'a file written by `corespond backup` (or a scheduled backup)')
    .option('--force', 'replace the database and the data directory’s files the target already holds')
    .option(
      '--erasures <file>',
      'a register of erasures (erasures.jsonl) to apply after the restore, besides the target’s own and the one in CORESPOND_BACKUP_DIR',
    )
    .action(async (file: string, opts: { force?: boolean; erasures?: string }) => {
      const config = loadConfig();
      const [{ readRegisters, reapplyAfterRestore, registerFileOf }, { restoreBackup }, { backupLocationOf }] = await Promise.all(
        [
          import('../../services/retention/erasure-register'),
          import('../../services/backup/restore-backup'),
          import('../../services/backup/take-backup'),
        ],
      );
      // Read before the restore replaces the target's files: erasures made after the backup was taken.
      const kept = await readRegisters(
        [registerFileOf(config), config.backupDir && join(config.backupDir, 'erasures.jsonl'), opts.erasures].filter(
          (f): f is string => Boolean(f),
        ),
      );
      let erasures = { reapplied: 0, present: 0 };
      const report = await restoreBackup(backupLocationOf(config), file, {
        passphrase: config.backupKey ?? undefined,
        force: opts.force,
        auditKey: () => loadAuditKey(config.dataDir),
        onMove: movingProgress(),
        afterRestore: async (deps) => {
          erasures = await reapplyAfterRestore(kept)(deps);
        },
      });
      console.log(
        `restored the backup of ${report.createdAt}: database ${report.databaseBytes} bytes, ${report.files} file${report.files === 1 ? '' : 's'}; ` +
          `${erasures.reapplied} erasure${erasures.reapplied === 1 ? '' : 's'} made after the backup applied again ` +
          `(${erasures.present} already in it)` +
          (report.moved ? `; moved from SQLite into PostgreSQL: ${report.moved.rows} rows in ${report.moved.tables} tables` : ''),
      );
    });
}
