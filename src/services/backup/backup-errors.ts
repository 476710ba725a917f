/**
 * Why a backup or a restore stopped, each with the exit code the `corespond` command ends
 * with (README, "Backup and restore"), so that a script can tell a refused target from a
 * wrong key from a damaged file.
 */
export const BACKUP_FAILURES = {
  /** The restore target already holds a database or files (restore --force replaces them). */
  target_not_empty: 2,
  /** The backup is encrypted and CORESPOND_BACKUP_KEY is not set, or is not the key it was made with. */
  wrong_key: 3,
  /** Not a CoRespond backup, cut short, or changed after it was written. */
  damaged: 4,
  /** PostgreSQL: pg_dump or pg_restore is not installed. */
  tool_missing: 5,
  /** PostgreSQL: pg_dump or pg_restore ran and failed. */
  tool_failed: 6,
} as const;

export type BackupFailure = keyof typeof BACKUP_FAILURES;

export class BackupError extends Error {
  constructor(
    readonly failure: BackupFailure,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }

  get exitCode(): number {
    return BACKUP_FAILURES[this.failure];
  }
}
