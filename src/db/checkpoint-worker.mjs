// The SQLite checkpointer thread (src/db/checkpointer.ts): its own connection to the database
// file copies what the write-ahead log holds into the database, so the thread that answers
// requests never does. Plain JavaScript: it needs nothing but better-sqlite3.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const sqlite = new BetterSqlite3(workerData.file);
sqlite.pragma('busy_timeout = 1000');
sqlite.pragma('synchronous = FULL');

function checkpoint() {
  try {
    // PASSIVE: copies what it can without waiting for or blocking writers and readers.
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error?.message ?? error) });
  }
}

const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  sqlite.close();
  parentPort.close();
});
