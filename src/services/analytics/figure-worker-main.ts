/** Inside the analytics worker thread: opens the database and computes the figures asked for. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/database';
import { AppError } from '../../model/errors';
import type { Deps } from '../context';
import { computeFigure } from './compute-figure';
import type { WorkerDatabase } from './figure-worker';
import type { FigureName, FigureScope } from './figures';

const location = workerData as WorkerDatabase;
const database = openDatabase({ url: location.url, dataDir: location.dataDir, poolSize: 2 });
const deps: Deps = {
  db: database.db,
  dialect: database.dialect,
  now: () => new Date(),
  auditKey: Buffer.from(location.auditKey),
  dataDir: location.dataDir,
};

/** One figure at a time, in the order asked: the first asked is ready first. */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (message: { id: number; name: FigureName; scope: FigureScope }) => {
  queue = queue.then(() => answer(message));
});

async function answer(message: { id: number; name: FigureName; scope: FigureScope }): Promise<void> {
  try {
    const value = await computeFigure(deps, message.name, message.scope);
    parentPort?.postMessage({ id: message.id, value });
  } catch (error) {
    const known = error instanceof AppError ? { code: error.code, field: error.field, detail: error.detail } : {};
    parentPort?.postMessage({ id: message.id, error: { ...known, message: String(error) } });
  }
}
