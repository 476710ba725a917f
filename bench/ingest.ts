/**
 * Need creation over HTTP with 50 concurrent clients — authentication, validation, duplicate
 * check, audit and live event included, every write durable (synchronous=FULL) — against a
 * bare Fastify route that validates the same body and stores nothing. The load generator
 * (autocannon) runs in this process; each server runs in its own. ratio = real ÷ bare throughput.
 */
import autocannon from 'autocannon';
import { type BenchContext, summary } from './harness';
import { startBare, startReal } from './server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

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
  const profile = process.env.BENCH_PROFILE;
  const real = await startReal(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []);
  const bare = await startBare('bare-server');
  try {
    log(`loading the real server for ${SECONDS} s (50 connections, ${database.dialect})…`);
    const ours = await load(real.url, `/api/v1/incidents/${real.incidentId}/needs`, real.token);
    log(`loading the bare route for ${SECONDS} s…`);
    const base = await load(bare.url, `/api/v1/incidents/${real.incidentId}/needs`, null);
    // Profiling slows the real server only: its ratio is then not comparable, and says so.
    return summary(profile ? 'ingest-profiled' : 'ingest', ours.rps / base.rps, {
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
