/** Servers the HTTP benchmarks load: each in its own process, started and made ready here. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/postgres';

const ROOT = join(import.meta.dirname, '..');

export interface Started {
  child: ChildProcess;
  url: string;
}

/**
 * Starts `node ARGS` with PORT and HOST set and waits until /api/health answers. With `ipc`, the
 * child has an IPC channel (process.send) to this process.
 */
export async function startServer(args: string[], env: Record<string, string>, ipc = false): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', CORESPOND_LOG_LEVEL: 'warn' },
    stdio: ipc ? ['ignore', 'ignore', 'ignore', 'ipc'] : 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`${url}/api/health`);
      return { child, url };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server ${args.join(' ')} did not start`);
}

/** Starts a bare server of bench/NAME.ts. */
export function startBare(name: string): Promise<Started> {
  return startServer(['node_modules/tsx/dist/cli.mjs', `bench/${name}.ts`], {});
}

/**
 * Starts the real server on a database of its own (a fresh SQLite file, or the PostgreSQL of
 * DATABASE_URL, which must be empty), sets up its first administrator and declares an
 * incident. Node options (e.g. a CPU profile) may be given in `nodeArgs`.
 */
export async function startReal(nodeArgs: string[] = []): Promise<Started & { token: string; incidentId: string }> {
  const env: Record<string, string> = process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL }
    : { CORESPOND_DATA_DIR: mkdtempSync(join(tmpdir(), 'corespond-http-bench-')) };
  const real = await startServer([...nodeArgs, 'bin/corespond.mjs', 'serve'], env);
  const json = { 'content-type': 'application/json' };
  const email = `bench-${Date.now()}@example.cn`;
  const password = 'bench-password-1';
  const setup = (await (await fetch(`${real.url}/api/v1/setup`)).json()) as { needed: boolean };
  if (!setup.needed) {
    real.child.kill('SIGTERM');
    throw new Error('the benchmark needs an empty database');
  }
  await fetch(`${real.url}/api/v1/setup`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) });
  const signIn = await fetch(`${real.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const declared = await fetch(`${real.url}/api/v1/incidents`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: '压测事件', category: 'natural_disaster', type: '洪涝', level: 1, jurisdictions: ['410100'] }),
  });
  const { id } = (await declared.json()) as { id: string };
  return { ...real, token, incidentId: id };
}
