/**
 * Need creation over HTTP with 50 concurrent clients — authentication, validation, duplicate
 * check, audit and live event included, every write durable (synchronous=FULL) — against a
 * bare Fastify route that validates the same body and stores nothing. The load generator
 * (autocannon) runs in this process; each server runs in its own. ratio = real ÷ bare throughput.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/support/postgres';
import { type BenchContext, summary } from './harness';

const ROOT = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

async function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', CORESPOND_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
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

async function load(
  url: string,
  path: string,
  token: string | null,
): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  let n = 0;
  const result = await autocannon({
    url: `${url}${path}`,
    connections: 50,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [
      {
        setupRequest: (req) => {
          n += 1;
          const body = {
            title: `求助 ${n}`,
            category: 'food',
            quantity: 1 + (n % 9),
            jurisdiction: '410105',
            lat: 34 + (n % 997) / 1000,
            lon: 113 + (n % 991) / 1000,
            urgency: 'high',
          };
          return { ...req, body: JSON.stringify(body) };
        },
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export default async function ingest({ database, log }: BenchContext): Promise<string> {
  // The real server gets a database of its own: a fresh SQLite file, or the PostgreSQL of DATABASE_URL.
  const env: Record<string, string> = process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL }
    : { CORESPOND_DATA_DIR: mkdtempSync(join(tmpdir(), 'corespond-ingest-')) };
  const real = await start(
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
      'bin/corespond.mjs',
      'serve',
    ],
    env,
  );
  const bare = await start(['node_modules/tsx/dist/cli.mjs', 'bench/bare-server.ts'], {});
  try {
    const email = `bench-${Date.now()}@example.cn`;
    const password = 'bench-password-1';
    const setup = await fetch(`${real.url}/api/v1/setup`);
    if (((await setup.json()) as { needed: boolean }).needed) {
      await fetch(`${real.url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    } else {
      throw new Error('the ingest benchmark needs an empty database');
    }
    const token = (
      (await (
        await fetch(`${real.url}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).json()) as { token: string }
    ).token;
    const incident = (await (
      await fetch(`${real.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          name: '压测事件',
          category: 'natural_disaster',
          type: '洪涝',
          level: 1,
          jurisdictions: ['410100'],
        }),
      })
    ).json()) as { id: string };
    log(`loading the real server for ${SECONDS} s (50 connections, ${database.dialect})…`);
    const ours = await load(real.url, `/api/v1/incidents/${incident.id}/needs`, token);
    log(`loading the bare route for ${SECONDS} s…`);
    const base = await load(bare.url, `/api/v1/incidents/${incident.id}/needs`, null);
    return summary('ingest', ours.rps / base.rps, {
      dialect: database.dialect,
      connections: 50,
      seconds: SECONDS,
      needs_per_s: ours.rps,
      p99_ms: ours.p99,
      errors: ours.errors + ours.non2xx,
      bare_per_s: base.rps,
      bare_p99_ms: base.p99,
      target_ratio: 0.5,
    });
  } finally {
    real.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}
