/**
 * The metrics of one app (tests build many apps in one process, so each has a registry of its
 * own). Labels carry only route patterns, methods, statuses, figure names and job kinds: never
 * a raw URL, an id or anything a person typed.
 */
import { type Channel, subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type FigureJobEvent, figureJobs } from '../../services/analytics/figure-worker';
import type { Deps } from '../../services/context';
import { type Backlogs, databaseConnections, type GroupCommitted, groupCommitEvents, readBacklogs } from '../../services/health';

const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The route a request matched, as registered (`/api/v1/needs/:id`); one label for everything unmatched. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(unmatched)';
}

export interface AppMetrics {
  registry: Registry;
  /** Counts a finished request (an onResponse hook). */
  observeRequest(request: FastifyRequest, reply: FastifyReply): void;
  /** The text exposition; the process's default metrics start with the first scrape. */
  render(): Promise<string>;
  close(): void;
}

export function createMetrics(deps: Deps, live: { size(): number }): AppMetrics {
  const registry = new Registry();
  const requests = new Histogram({
    name: 'corespond_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, with their latency (a live stream counts its whole life)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const groupSizes = new Histogram({
    name: 'corespond_group_commit_size',
    help: 'Writes committed together in one transaction, by kind of write',
    labelNames: ['name'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [registry],
  });
  const groupWaits = new Histogram({
    name: 'corespond_group_commit_wait_seconds',
    help: "How long a group's oldest write waited in the queue before its group began",
    labelNames: ['name'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const groupCommitTimes = new Histogram({
    name: 'corespond_group_commit_duration_seconds',
    help: "A group's work and transaction up to its commit",
    labelNames: ['name'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const figureDurations = new Histogram({
    name: 'corespond_figure_job_duration_seconds',
    help: 'Analytics figures computed on the worker thread, by figure and outcome',
    labelNames: ['figure', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [registry],
  });
  let figuresRunning = 0;
  new Gauge({
    name: 'corespond_figure_jobs_running',
    help: 'Analytics figures being computed now',
    registers: [registry],
    collect() {
      this.set(figuresRunning);
    },
  });
  new Gauge({
    name: 'corespond_live_clients',
    help: 'Live-stream (server-sent events) clients connected to this process',
    registers: [registry],
    collect() {
      this.set(live.size());
    },
  });
  const pool = new Gauge({
    name: 'corespond_db_pool_connections',
    help: 'Database connections: total open, idle, and queries waiting for one (SQLite: its one connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = databaseConnections(deps);
      if (!stats) return;
      pool.set({ state: 'total' }, stats.total);
      pool.set({ state: 'idle' }, stats.idle);
      pool.set({ state: 'waiting' }, stats.waiting);
    },
  });
  // The queues kept in the database are read once per scrape, for both gauges.
  // A database that does not answer leaves them out of this scrape (/api/ready says why).
  let backlogs: Promise<Backlogs | null> | null = null;
  const readOnce = () => {
    backlogs ??= readBacklogs(deps)
      .catch(() => null)
      .finally(() => {
        backlogs = null;
      });
    return backlogs;
  };
  const importJobs = new Gauge({
    name: 'corespond_import_jobs',
    help: 'Import jobs not finished yet (awaiting a column mapping or running), by kind and status',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      const read = await readOnce();
      importJobs.reset();
      for (const j of read?.importJobs ?? []) importJobs.set({ kind: j.kind, status: j.status }, j.count);
    },
  });
  new Gauge({
    name: 'corespond_webhook_backlog',
    help: 'Webhook deliveries waiting to be posted (due now or at a later retry)',
    registers: [registry],
    async collect() {
      const read = await readOnce();
      if (read) this.set(read.webhookDeliveries);
    },
  });
  new Gauge({
    name: 'corespond_process_memory_bytes',
    help: 'Memory of this process by kind (rss, heapUsed, heapTotal, external, arrayBuffers)',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      for (const [kind, bytes] of Object.entries(process.memoryUsage())) this.set({ kind }, bytes);
    },
  });

  const onGroup = (message: unknown) => {
    const g = message as GroupCommitted;
    groupSizes.observe({ name: g.name }, g.size);
    groupWaits.observe({ name: g.name }, g.waitSeconds);
    groupCommitTimes.observe({ name: g.name }, g.commitSeconds);
  };
  const onFigure = (message: unknown) => {
    const f = message as FigureJobEvent;
    if (f.phase === 'start') figuresRunning += 1;
    else {
      figuresRunning = Math.max(0, figuresRunning - 1);
      figureDurations.observe({ figure: f.figure, outcome: f.ok ? 'ok' : 'error' }, f.seconds ?? 0);
    }
  };
  const subscriptions: [Channel, (message: unknown) => void][] = [
    [groupCommitEvents, onGroup],
    [figureJobs, onFigure],
  ];
  for (const [c, fn] of subscriptions) subscribe(c.name as string, fn);

  let defaults = false;
  return {
    registry,
    observeRequest(request, reply) {
      requests.observe(
        { method: request.method, route: routeOf(request), status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    },
    async render() {
      // Started on demand: an app never scraped (a test's) keeps no event-loop monitor running.
      if (!defaults) {
        collectDefaultMetrics({ register: registry });
        defaults = true;
      }
      return registry.metrics();
    },
    close() {
      for (const [c, fn] of subscriptions) unsubscribe(c.name as string, fn);
      registry.clear();
    },
  };
}
