/**
 * Background checkpoints for a SQLite database in WAL mode. A commit appends to the
 * write-ahead log; now and then the log's pages must be copied into the database file and
 * that file synced — a checkpoint. SQLite does it inside the commit that crosses its
 * threshold, holding up the thread that answers requests; here a thread of its own does it
 * a few times a second instead, and the serving connection's own threshold is raised to a
 * backstop that is reached only if this thread falls behind.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** The serving connection checkpoints by itself only past this many log pages (about 80 MB). */
export const BACKSTOP_PAGES = 20_000;

export interface Checkpointer {
  /** Stops the thread after a last checkpoint. */
  stop(): Promise<void>;
}

export function startCheckpointer(sqlite: BetterSqlite3.Database, file: string, everyMs = 200): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const worker = new Worker(join(import.meta.dirname, 'checkpoint-worker.mjs'), { workerData: { file, everyMs } });
  worker.unref();
  let reported = false;
  worker.on('message', (message: { ok: boolean; message?: string }) => {
    // Said once: a checkpoint that fails (a long reader, a full disk) is retried on the next tick.
    if (!message.ok && !reported) {
      reported = true;
      console.error(`background checkpoint failed: ${message.message}`);
    }
  });
  worker.on('error', (error) => {
    console.error(`background checkpoints stopped: ${error.message}`);
    // Without the thread, the serving connection checkpoints for itself again.
    sqlite.pragma('wal_autocheckpoint = 1000');
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
