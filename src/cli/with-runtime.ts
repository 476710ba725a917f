/**
 * What most commands do around their work: read the configuration, open the database as the
 * server does (migrated first), and close it again even when the work fails. The database
 * modules are loaded here, when a command runs, not when `corespond` starts.
 */
import { type Config, loadConfig } from '../config';
import type { Runtime } from '../runtime';

export async function withRuntime<T>(work: (runtime: Runtime, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openRuntime } = await import('../runtime');
  const runtime = await openRuntime(config);
  try {
    return await work(runtime, config);
  } finally {
    await runtime.close();
  }
}
