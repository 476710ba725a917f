// Takes a consistent copy of a SQLite database with the online backup API
// (src/services/backup/database-dump.ts), on a thread of its own so the server keeps answering.
// Plain JavaScript: it needs nothing but better-sqlite3.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const source = new BetterSqlite3(workerData.file, { fileMustExist: true });
try {
  source.pragma('busy_timeout = 10000');
  // All pages in one step: the step reads one snapshot (writers go on in the write-ahead log),
  // where small steps would start over each time another connection commits, and might never end.
  const progress = await source.backup(workerData.into, { progress: () => 0x7fffffff });
  parentPort.postMessage({ ok: true, pages: progress.totalPages });
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error?.message ?? error) });
} finally {
  source.close();
}
