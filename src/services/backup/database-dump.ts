/**
 * A consistent copy of the database as it is at one moment, while the server keeps writing:
 * SQLite through its online backup API (on a worker thread), PostgreSQL through `pg_dump -Fc`
 * (one snapshot transaction) — and the way back, `pg_restore`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { BackupError } from './backup-errors';

/** Copies the SQLite database `file` into `into` (a new file). */
export function snapshotSqlite(file: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(import.meta.dirname, 'sqlite-snapshot-worker.mjs'), { workerData: { file, into } });
    let answered = false;
    worker.once('message', (message: { ok: boolean; message?: string }) => {
      answered = true;
      if (message.ok) resolve();
      else reject(new Error(`the SQLite backup failed: ${message.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', () => {
      if (!answered) reject(new Error('the SQLite backup thread stopped without an answer'));
    });
  });
}

/**
 * Where a PostgreSQL client program is: CORESPOND_PG_BIN_DIR when set (and only there), else
 * the PATH, else Debian's versioned directories (newest first; pg_dump must be at least the server's version).
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  const candidates: string[] = [];
  if (env.CORESPOND_PG_BIN_DIR) {
    candidates.push(join(env.CORESPOND_PG_BIN_DIR, name));
  } else {
    const root = '/usr/lib/postgresql';
    const versions = existsSync(root)
      ? readdirSync(root)
          .filter((v) => existsSync(join(root, v, 'bin', name)))
          .sort((a, b) => Number(b) - Number(a))
      : [];
    candidates.push(...versions.map((v) => join(root, v, 'bin', name)));
    const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', env }).stdout?.trim();
    if (onPath) candidates.unshift(onPath);
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new BackupError(
      'tool_missing',
      `${name} was not found (looked in ${env.CORESPOND_PG_BIN_DIR ? 'CORESPOND_PG_BIN_DIR' : 'the PATH and /usr/lib/postgresql/*/bin'}): ` +
        'install the PostgreSQL client programs of your server’s version (e.g. apt install postgresql-client-16), or set CORESPOND_PG_BIN_DIR',
    );
  }
  return found;
}

function run(tool: string, args: string[], stdin?: AsyncIterable<Buffer>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.once('error', (error) => reject(new BackupError('tool_failed', `${tool} could not be started: ${error.message}`)));
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError('tool_failed', `${tool} failed (exit ${code}): ${stderr.trim()}`));
    });
    if (stdin && child.stdin) {
      const input = child.stdin;
      input.on('error', () => undefined); // the exit code and stderr tell why
      feed(stdin, input).catch((error: unknown) => {
        child.kill();
        reject(error);
      });
    }
  });
}

async function feed(source: AsyncIterable<Buffer>, into: Writable): Promise<void> {
  for await (const chunk of source) {
    if (!into.write(chunk)) await new Promise((r) => into.once('drain', r));
  }
  into.end();
}

/** `pg_dump -Fc` of the database at `url` into `into`. */
export async function dumpPostgres(url: string, into: string): Promise<void> {
  const tool = findPgTool('pg_dump');
  await run(tool, ['--format=custom', '--no-owner', '--no-privileges', '--file', into, '--dbname', url]);
}

/** `pg_restore` of a custom-format dump read from `dump` into the (empty) database at `url`, in one transaction. */
export async function restorePostgres(url: string, dump: AsyncIterable<Buffer>): Promise<void> {
  const tool = findPgTool('pg_restore');
  await run(tool, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', url], dump);
}
