/**
 * Computes figures on a worker thread with its own database connection, so a province's
 * analytics (seconds of queries and graph measures) never hold up the requests of the
 * server's main thread.
 */
import { channel } from 'node:diagnostics_channel';
import { Worker } from 'node:worker_threads';
import type { Executor } from '../../db/schema';
import { AppError, type ErrorCode } from '../../model/errors';
import type { FigureName, FigureScope } from './figures';
import { FigureSnapshots, type SnapshotOptions } from './snapshots';

/** How the worker reaches the server's database. */
export interface WorkerDatabase {
  url?: string;
  dataDir: string;
  auditKey: Buffer;
}

/** What each figure job tells observers (metrics): which figure, how long, how it ended; never its scope. */
export interface FigureJobEvent {
  figure: FigureName;
  phase: 'start' | 'end';
  /** For `end`: seconds from the request to the answer, and whether it was a figure or an error. */
  seconds?: number;
  ok?: boolean;
}

/** Figure jobs are published here (node:diagnostics_channel) for the metrics. */
export const figureJobs = channel('corespond:figure-job');

function observe(job: Promise<unknown>, figure: FigureName): void {
  if (!figureJobs.hasSubscribers) return;
  const started = performance.now();
  figureJobs.publish({ figure, phase: 'start' } satisfies FigureJobEvent);
  const end = (ok: boolean) =>
    figureJobs.publish({ figure, phase: 'end', ok, seconds: (performance.now() - started) / 1000 } satisfies FigureJobEvent);
  job.then(
    () => end(true),
    () => end(false),
  );
}

type Reply =
  | { id: number; value: unknown }
  | { id: number; error: { code?: ErrorCode; field?: string; detail?: string; message: string } };

export class FigureWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(private readonly database: WorkerDatabase) {}

  compute(name: FigureName, scope: FigureScope): Promise<unknown> {
    const worker = this.started();
    const id = ++this.nextId;
    const job = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, name, scope });
    });
    observe(job, name);
    return job;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./figure-worker-entry.mjs', import.meta.url), { workerData: this.database });
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if ('value' in reply) waiting.resolve(reply.value);
      else if (reply.error.code) {
        waiting.reject(new AppError(reply.error.code, { field: reply.error.field, detail: reply.error.detail }));
      } else waiting.reject(new Error(`analytics worker: ${reply.error.message}`));
    });
    // A worker that dies fails what it was computing; the next figure starts a new one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`analytics worker stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

/** Snapshots whose figures a worker thread computes; close() stops both. */
export function workerSnapshots(
  db: Executor,
  database: WorkerDatabase,
  options?: SnapshotOptions,
): { figures: FigureSnapshots; close(): Promise<void> } {
  const worker = new FigureWorker(database);
  const figures = new FigureSnapshots(db, (name, scope) => worker.compute(name, scope), options);
  return {
    figures,
    async close() {
      figures.close();
      await worker.close();
    },
  };
}
