/**
 * One change reaching 5,000 connected SSE clients: the clients (in this process) hold
 * streams of an incident's events on the real server; a need is reported, and each client
 * notes when its event arrives. Against a bare SSE server that writes one event to the same
 * number of clients when asked. ratio = bare p99 ÷ real p99 (both over several changes).
 */
import { request } from 'node:http';
import { type BenchContext, percentile, summary } from './harness';
import { startBare, startReal } from './server';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 5);

interface Listener {
  /** When each event id arrived (ms, performance clock). */
  arrivals: Map<number, number>;
  close(): void;
}

/** Opens one SSE stream and notes when each event id arrives. */
function listen(url: string, headers: Record<string, string>): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<number, number>();
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let opened = false;
      res.on('data', (chunk: string) => {
        const at = performance.now();
        for (const match of chunk.matchAll(/^id: (\d+)$/gm)) arrivals.set(Number(match[1]), at);
        if (!opened) {
          opened = true;
          resolve({ arrivals, close: () => req.destroy() });
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function connectAll(url: string, headers: Record<string, string>, log: (m: string) => void): Promise<Listener[]> {
  const listeners: Listener[] = [];
  for (let i = 0; i < CLIENTS; i += 250) {
    const batch = Array.from({ length: Math.min(250, CLIENTS - i) }, () => listen(url, headers));
    listeners.push(...(await Promise.all(batch)));
  }
  log(`  ${listeners.length} clients connected`);
  return listeners;
}

/** The newest event id any client has received (0 before the first). */
const newest = (listeners: Listener[]) => Math.max(0, ...listeners.map((l) => Math.max(0, ...l.arrivals.keys())));

/**
 * Makes CHANGES changes, each once every client has the one before; each is the only source of
 * events, so the new event id is the newest after it. Returns every client's delay for every
 * change, ms (a client still waiting after 30 s fails the run).
 */
async function measure(listeners: Listener[], change: () => Promise<void>): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const before = newest(listeners);
    const sent = performance.now();
    await change();
    const deadline = sent + 30_000;
    let id = newest(listeners);
    while ((id <= before || listeners.some((l) => !l.arrivals.has(id))) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      id = newest(listeners);
    }
    if (id <= before) throw new Error('no client received the change');
    const missing = listeners.filter((l) => !l.arrivals.has(id)).length;
    if (missing > 0) throw new Error(`${missing} clients never received event ${id}`);
    for (const l of listeners) delays.push((l.arrivals.get(id) as number) - sent);
  }
  return delays;
}

export default async function live({ database, log }: BenchContext): Promise<string> {
  const real = await startReal();
  const bare = await startBare('bare-sse-server');
  try {
    const auth = { authorization: `Bearer ${real.token}` };
    log(`connecting ${CLIENTS} clients to the real server (${database.dialect})…`);
    const ours = await connectAll(`${real.url}/api/v1/incidents/${real.incidentId}/events`, auth, log);
    let n = 0;
    const report = async () => {
      n += 1;
      const response = await fetch(`${real.url}/api/v1/incidents/${real.incidentId}/needs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          title: `实时测试 ${n}`,
          category: 'food',
          jurisdiction: '410105',
          lat: 34.7 + n / 100,
          lon: 113.6,
        }),
      });
      if (response.status !== 201) throw new Error(`report answered ${response.status}`);
    };
    const realDelays = await measure(ours, report);
    for (const l of ours) l.close();
    log(`connecting ${CLIENTS} clients to the bare SSE server…`);
    const theirs = await connectAll(`${bare.url}/events`, {}, log);
    const bareDelays = await measure(theirs, async () => {
      await fetch(`${bare.url}/change`, { method: 'POST' });
    });
    for (const l of theirs) l.close();
    const p99 = percentile(realDelays, 99);
    const bareP99 = percentile(bareDelays, 99);
    return summary('live', bareP99 / p99, {
      dialect: database.dialect,
      clients: CLIENTS,
      changes: CHANGES,
      p50_ms: percentile(realDelays, 50),
      p99_ms: p99,
      target_p99_ms: 1000,
      bare_p50_ms: percentile(bareDelays, 50),
      bare_p99_ms: bareP99,
    });
  } finally {
    real.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}
