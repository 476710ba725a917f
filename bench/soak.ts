/**
 * Soak: the real server (its own process) on the demo network under a steady mixed load for
 * SOAK_MINUTES (default 10) — reads of the needs list and the board's map, public need
 * reports, claims by a team, receipt look-ups — while SOAK_LIVE_CLIENTS live streams stay
 * open (a few reconnect every minute). Each minute prints the server's RSS, its open file
 * descriptors, the errors and the p99 latency. ratio = p99 of the first minute ÷ p99 of the
 * last (1.0: no degradation). Goal: no errors, RSS growth ≤ 10 %, ratio ≥ 0.8.
 * A warm-up (SOAK_WARMUP_SECONDS, default 30) comes before the first measured minute.
 *
 * Memory: RSS and heap sampled at an arbitrary moment mostly measure garbage not yet collected
 * (the heap swings by 100 MB between collections). So at the end of each minute the load pauses
 * its counting, the server (started with --expose-gc and bench/soak-probe.mjs, reached over an
 * IPC channel) runs a full collection and reports process.memoryUsage(); the growth figures
 * compare the last minute's after-collection RSS and heapUsed with their floor, the lowest from
 * SOAK_BASELINE_MINUTE on (default 2: lazily compiled code and first-use caches are in place by
 * then; and the lowest, since V8 returns freed pages to the system a while after a collection,
 * so the RSS of minute 2 may still hold a first minute's 400 MB heap that minute 3 gave back).
 * Requests answered during the collection count in no minute; errors count wherever they fall.
 * The raw RSS and heapUsed before the collection are printed per minute beside them.
 * SOAK_HEAP_SNAPSHOTS=DIR also writes heap snapshots after the first and the last minute (for
 * comparing what is retained; a snapshot inflates the RSS that follows it, so its figures are
 * not for the record).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadAuditKey } from '../src/config';
import type { Deps } from '../src/services/context';
import { DEMO_PASSWORD, loadDemoNetwork } from '../src/services/demo/demo-network';
import { createFirstAdmin } from '../src/services/users/set-up-platform';
import { type BenchContext, percentile, summary } from './harness';
import { startServer } from './server';

const MINUTES = Number(process.env.SOAK_MINUTES ?? process.argv[3] ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 25);
const LIVE_CLIENTS = Number(process.env.SOAK_LIVE_CLIENTS ?? 20);
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 30);
const MINUTE_MS = Number(process.env.SOAK_MINUTE_MS ?? 60_000);
/** The first minute whose end (after a full collection) counts for the memory floor. */
const BASELINE_MINUTE = Number(process.env.SOAK_BASELINE_MINUTE ?? 2);
/** A directory for heap snapshots of the server after the first and the last minute (none if unset). */
const SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS;
/** The board's and the list's filter: the needs still to be done. */
const ACTIVE = 'status=open&status=claimed&status=in_progress';

/**
 * The server process's resident memory (bytes), open file descriptors and CPU time so far (ms),
 * from /proc; and the machine's load (other work on a shared machine shows in the latencies).
 */
function processFigures(pid: number): { rss: number; fds: number; cpuMs: number; load: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
  // utime and stime, in clock ticks (100 a second), are the 14th and 15th fields after the name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  const load = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  return { rss: kb * 1024, fds: readdirSync(`/proc/${pid}/fd`).length, cpuMs, load };
}

/** The server's memory (bytes) as bench/soak-probe.mjs reports it: process.memoryUsage(). */
interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * Asks the server's probe (bench/soak-probe.mjs, over the IPC channel) for a full garbage
 * collection and the memory left after it, or for a heap snapshot into a directory.
 */
function probeOf(child: ChildProcess) {
  let next = 0;
  const ask = <T>(message: Record<string, string>): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => reject(new Error(`the server's probe did not answer ${message.probe}`)), 120_000);
      const answered = (reply: { id: number } & T) => {
        if (reply.id !== id) return;
        child.off('message', answered);
        clearTimeout(timer);
        resolve(reply);
      };
      child.on('message', answered);
      child.send({ ...message, id });
    });
  return {
    collect: async () => (await ask<{ memory: Memory }>({ probe: 'gc' })).memory,
    snapshot: async (dir: string, label: string) => (await ask<{ file: string }>({ probe: 'snapshot', dir, label })).file,
  };
}

/** One live stream held open; counts the events it receives. */
interface Stream {
  events: number;
  close(): void;
}

function openStream(url: string, token: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`live stream answered ${res.statusCode}`));
        return;
      }
      const stream: Stream = { events: 0, close: () => req.destroy() };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        stream.events += chunk.match(/^id: /gm)?.length ?? 0;
      });
      res.on('error', () => undefined);
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}

interface Minute {
  latencies: number[];
  errors: number;
  requests: number;
  /** Latencies of each kind of request, for the p99 of each. */
  kinds: Map<string, number[]>;
}

const newMinute = (): Minute => ({ latencies: [], errors: 0, requests: 0, kinds: new Map() });

export default async function soak({ database, location, log }: BenchContext): Promise<string> {
  const dataDir = location?.dataDir;
  if (!dataDir && !location?.url) throw new Error('soak needs the database location');
  // The demo network, loaded here into the database the server will open.
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    now: () => new Date(),
    auditKey: loadAuditKey(dataDir ?? 'data'),
    dataDir: dataDir ?? 'data',
  };
  const started = Date.now();
  await createFirstAdmin(deps, { email: 'admin@demo.corespond.cn', password: DEMO_PASSWORD, displayName: 'admin' }, 'demo');
  await loadDemoNetwork(deps);
  log(`demo network loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const team = await database.db
    .selectFrom('users')
    .select('organization_id')
    .where('email', '=', 'team-admin@demo.corespond.cn')
    .executeTakeFirstOrThrow();
  const teamId = team.organization_id as string;

  const server = await startServer(
    ['--expose-gc', '--import', './bench/soak-probe.mjs', 'bin/corespond.mjs', 'serve'],
    {
      ...(location?.url ? { DATABASE_URL: location.url } : { CORESPOND_DATA_DIR: dataDir as string }),
      // One load generator stands for many phones: the per-address limits would refuse it.
      CORESPOND_PUBLIC_RATE_LIMIT: '1000000',
      CORESPOND_AUTH_RATE_LIMIT: '1000',
    },
    true,
  );
  const pid = server.child.pid as number;
  const probe = probeOf(server.child);
  const streams: Stream[] = [];
  try {
    const json = { 'content-type': 'application/json' };
    const signIn = async (email: string) => {
      const res = await fetch(`${server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      if (!res.ok) throw new Error(`sign-in of ${email}: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    };
    const coordinator = await signIn('coordinator@demo.corespond.cn');
    const teamAdmin = await signIn('team-admin@demo.corespond.cn');
    // Open incidents, newest first: the demo's ongoing one.
    const listed = await fetch(`${server.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${coordinator}` } });
    if (!listed.ok) throw new Error(`incidents: ${listed.status} ${await listed.text()}`);
    const open = ((await listed.json()) as { items: { id: string; name: string; jurisdictions: string[] }[] }).items;
    // The flood in 新乡 (410700), where the reports below come from.
    const incident = open.find((i) => i.jurisdictions.includes('410700'));
    if (!incident) throw new Error('the demo network has no open incident');
    log(`server pid ${pid}; incident ${incident.name}; ${RATE} requests/s; ${LIVE_CLIENTS} live clients`);

    const liveUrl = `${server.url}/api/v1/incidents/${incident.id}/events`;
    for (let i = 0; i < LIVE_CLIENTS; i++) streams.push(await openStream(liveUrl, coordinator));

    // Needs reported by the soak wait for the team's claim, claims for the team to finish them:
    // needs arrive and are done at the same pace, so the active needs on the board stay as many.
    const toClaim: string[] = [];
    const toFinish: string[] = [];
    const receipts: string[] = [];
    let n = 0;
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const operations: { kind: string; weight: number; run(): Promise<Response> | null }[] = [
      {
        kind: 'needs-list',
        weight: 25,
        run: () =>
          fetch(`${server.url}/api/v1/incidents/${incident.id}/needs?limit=50&${ACTIVE}`, { headers: auth(coordinator) }),
      },
      {
        kind: 'board-map',
        weight: 15,
        run: () =>
          fetch(`${server.url}/api/v1/incidents/${incident.id}/need-map?bbox=35.2,113.7,35.7,114.3&${ACTIVE}`, {
            headers: auth(coordinator),
          }),
      },
      {
        kind: 'public-report',
        weight: 18,
        run: () => {
          n += 1;
          return fetch(`${server.url}/api/v1/public/needs`, {
            method: 'POST',
            headers: { ...json, 'idempotency-key': randomUUID() },
            body: JSON.stringify({
              incidentId: incident.id,
              title: `被困群众求助 ${n}`,
              category: n % 2 ? 'search_rescue' : 'food',
              quantity: 1 + (n % 7),
              jurisdiction: '410702',
              lat: 35.3 + (n % 293) / 1000,
              lon: 113.8 + (n % 397) / 1000,
              contactPhone: `139${String(10_000_000 + n).slice(-8)}`,
            }),
          });
        },
      },
      {
        kind: 'claim',
        weight: 18,
        run: () => {
          const need = toClaim.shift();
          if (!need) return null;
          return fetch(`${server.url}/api/v1/needs/${need}/claims`, {
            method: 'POST',
            headers: { ...json, ...auth(teamAdmin) },
            body: JSON.stringify({ organizationId: teamId }),
          });
        },
      },
      {
        kind: 'finish',
        weight: 18,
        run: () => {
          const claim = toFinish.shift();
          if (!claim) return null;
          return fetch(`${server.url}/api/v1/claims/${claim}/progress`, {
            method: 'POST',
            headers: { ...json, ...auth(teamAdmin) },
            body: JSON.stringify({ note: '已送达', done: true }),
          });
        },
      },
      {
        kind: 'receipt',
        weight: 6,
        run: () => {
          const code = receipts[n % Math.max(1, receipts.length)];
          return code ? fetch(`${server.url}/api/v1/public/receipts/${code}`) : null;
        },
      },
    ];
    const totalWeight = operations.reduce((s, o) => s + o.weight, 0);
    let tick = 0;
    const pick = () => {
      // A fixed, interleaved order (deterministic, so runs compare).
      tick += 1;
      let at = (tick * 37) % totalWeight;
      for (const o of operations) {
        if (at < o.weight) return o;
        at -= o.weight;
      }
      return operations[0];
    };

    let current = newMinute();
    const failures = new Map<string, number>();
    // All errors, those of requests counted in no minute too.
    let errors = 0;
    let inFlight = 0;
    const fire = () => {
      let operation = pick();
      const begun = performance.now();
      let sent = operation.run();
      if (!sent) {
        // Nothing to claim or look up yet: a read instead.
        operation = operations[0];
        sent = operation.run();
      }
      if (!sent) return;
      const minute = current;
      inFlight += 1;
      sent
        .then(async (res) => {
          const body = await res.text();
          const took = performance.now() - begun;
          minute.latencies.push(took);
          minute.requests += 1;
          const ofKind = minute.kinds.get(operation.kind) ?? [];
          ofKind.push(took);
          minute.kinds.set(operation.kind, ofKind);
          if (res.status >= 400) {
            minute.errors += 1;
            errors += 1;
            const key = `${operation.kind} ${res.status} ${body.slice(0, 300)}`;
            failures.set(key, (failures.get(key) ?? 0) + 1);
            return;
          }
          if (operation.kind === 'public-report') {
            const answer = JSON.parse(body) as { receiptCode: string; need: { id: string } };
            receipts.push(answer.receiptCode);
            if (receipts.length > 500) receipts.shift();
            toClaim.push(answer.need.id);
          } else if (operation.kind === 'claim') {
            toFinish.push((JSON.parse(body) as { claim: { id: string } }).claim.id);
          }
        })
        .catch((error: unknown) => {
          minute.errors += 1;
          errors += 1;
          const key = `${operation.kind} ${error instanceof Error ? error.message : String(error)}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        })
        .finally(() => {
          inFlight -= 1;
        });
    };
    // A steady rate: one request every 1000/RATE ms, whatever the answers' pace.
    const timer = setInterval(fire, 1000 / RATE);
    // The server's own view, from its /metrics (this process is on its loopback).
    const scraped = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const value = (pattern: RegExp) => Number(text.match(pattern)?.[1] ?? Number.NaN);
      const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((t, m) => t + Number(m[1]), 0);
      return {
        live: value(/^corespond_live_clients (\d+)/m),
        // Garbage collection so far (s), and the longest event-loop stall since the last scrape (s).
        gcMajor: sum(/^nodejs_gc_duration_seconds_sum\{kind="major"\} ([\d.e+-]+)/gm),
        gcAll: sum(/^nodejs_gc_duration_seconds_sum\{kind="[a-z]+"\} ([\d.e+-]+)/gm),
        loopMax: value(/^nodejs_eventloop_lag_max_seconds ([\d.e+-]+)/m),
        heapMb: value(/^corespond_process_memory_bytes\{kind="heapUsed"\} (\d+)/m) / 2 ** 20,
      };
    };

    // The first scrape starts the server's garbage-collection and event-loop figures.
    let gcBefore = await scraped();
    log(`warming up for ${WARMUP_SECONDS} s…`);
    await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
    const rows: {
      p99: number;
      rss: number;
      fds: number;
      errors: number;
      requests: number;
      cpuPerRequest: number;
      after: Memory;
    }[] = [];
    let cpuBefore = processFigures(pid).cpuMs;
    for (let m = 1; m <= MINUTES; m++) {
      current = newMinute();
      const minute = current;
      await new Promise((r) => setTimeout(r, MINUTE_MS));
      // Requests fired from here to the next minute's start (the forced collection, a snapshot)
      // are counted in no minute; after the last minute, none are fired and those still out end.
      current = newMinute();
      if (m === MINUTES) {
        clearInterval(timer);
        for (let waited = 0; inFlight > 0 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      }
      const figures = processFigures(pid);
      const seen = await scraped();
      const gcMs = ((seen.gcAll - gcBefore.gcAll) * 1000).toFixed(0);
      const gcMajorMs = ((seen.gcMajor - gcBefore.gcMajor) * 1000).toFixed(0);
      const p99 = percentile(minute.latencies, 99) ?? Number.NaN;
      const cpuPerRequest = (figures.cpuMs - cpuBefore) / Math.max(1, minute.requests);
      // What stays after a full collection: the figure that shows a leak.
      const after = await probe.collect();
      if (SNAPSHOTS && (m === 1 || m === MINUTES)) log(`heap snapshot ${await probe.snapshot(SNAPSHOTS, `minute-${m}`)}`);
      // The forced collection (and a snapshot) count in no minute's figures.
      gcBefore = await scraped();
      cpuBefore = processFigures(pid).cpuMs;
      // Some live clients leave and come back each minute: a stream that leaks shows here. They
      // come back without Last-Event-ID, so the server replays the incident's events to each
      // (buffered until read: after, not before, the collection above).
      for (let i = 0; i < Math.min(5, streams.length) && m < MINUTES; i++) {
        const index = (m * 5 + i) % streams.length;
        streams[index].close();
        streams[index] = await openStream(liveUrl, coordinator);
      }
      rows.push({ p99, ...figures, errors: minute.errors, requests: minute.requests, cpuPerRequest, after });
      const kinds = [...minute.kinds]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, times]) => `${k}=${times.length}/${percentile(times, 99).toFixed(1)}ms`)
        .join(' ');
      const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
      log(
        `minute ${m}: requests=${minute.requests} errors=${minute.errors} p99_ms=${p99.toFixed(1)} p50_ms=${(percentile(minute.latencies, 50) ?? 0).toFixed(1)} rss_mb=${mb(figures.rss)} heap_mb=${seen.heapMb.toFixed(1)} after_gc: rss_mb=${mb(after.rss)} heap_mb=${mb(after.heapUsed)} external_mb=${mb(after.external)} needs_reported=${n} fds=${figures.fds} cpu_ms_per_req=${cpuPerRequest.toFixed(2)} load=${figures.load} live=${seen.live} gc_ms=${gcMs} gc_major_ms=${gcMajorMs} loop_stall_max_ms=${(seen.loopMax * 1000).toFixed(0)} in_flight=${inFlight} (count/p99: ${kinds})`,
      );
    }
    for (const [failure, count] of failures) log(`  failed ${count}×: ${failure}`);
    const first = rows[0];
    const last = rows[rows.length - 1];
    // Memory is compared with its floor: the lowest after-collection figure from the baseline
    // minute on (V8 hands freed pages back some time after a collection, so one minute's RSS
    // may still hold what a later one has returned); a leak makes the last minute the highest.
    const measured = rows.slice(Math.min(BASELINE_MINUTE, rows.length) - 1);
    const floor = (of: (m: Memory) => number) => Math.min(...measured.map((r) => of(r.after)));
    const rssFloor = floor((m) => m.rss);
    const heapFloor = floor((m) => m.heapUsed);
    const growth = (from: number, to: number) => ((to - from) / from) * 100;
    const received = streams.reduce((s, x) => s + x.events, 0);
    return summary('soak', first.p99 / last.p99, {
      dialect: database.dialect,
      minutes: MINUTES,
      rate_per_s: RATE,
      live_clients: LIVE_CLIENTS,
      requests: rows.reduce((s, r) => s + r.requests, 0),
      errors,
      p99_first_ms: first.p99,
      p99_last_ms: last.p99,
      baseline_minute: rows.length - measured.length + 1,
      p99_base_ms: measured[0].p99,
      rss_floor_mb: rssFloor / 2 ** 20,
      rss_last_mb: last.after.rss / 2 ** 20,
      rss_growth_pct: growth(rssFloor, last.after.rss),
      heap_floor_mb: heapFloor / 2 ** 20,
      heap_last_mb: last.after.heapUsed / 2 ** 20,
      heap_growth_pct: growth(heapFloor, last.after.heapUsed),
      cpu_ms_per_req_first: first.cpuPerRequest,
      cpu_ms_per_req_last: last.cpuPerRequest,
      fds_first: first.fds,
      fds_last: last.fds,
      live_events_received: received,
      target_ratio: 0.8,
    });
  } finally {
    for (const s of streams) s.close();
    server.child.kill('SIGTERM');
  }
}
