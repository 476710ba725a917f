/** `corespond serve` as a process of its own on a free port, on a test database, as production runs it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './postgres';
import { waitFor } from './wait';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'corespond.mjs');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/** Starts the server with `env` (a test database's) and waits until it answers its health check. */
export async function startServerProcess(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', CORESPOND_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`the server exited (${code ?? signal}) before answering: ${stderr}`))),
  );
  try {
    await Promise.race([
      waitFor(async () => (await fetch(`${url}/api/health`)).ok, {
        what: `the server on ${url} to answer /api/health`,
        timeout: 60_000,
        interval: 100,
        lastSeen: () => stderr,
      }),
      exited,
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, url };
}
