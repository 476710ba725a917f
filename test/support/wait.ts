/**
 * The one way tests wait for something to happen: poll until it holds, with a generous limit,
 * and fail naming what was awaited (and what was last seen), so a slow machine gives a clear
 * failure instead of a confusing assertion further on or a fixed sleep that is sometimes short.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface WaitOptions {
  /** What is awaited, for the failure: "the server on :8080 to answer /api/health". */
  what: string;
  /** Milliseconds before giving up (30 s by default: far past any healthy machine). */
  timeout?: number;
  /** Milliseconds between tries. */
  interval?: number;
  /** What the failure shows as last seen, such as the events received so far. */
  lastSeen?: () => unknown;
}

/**
 * Calls `condition` until it returns something other than false, null or undefined, and
 * returns that. A condition that throws is tried again (a server not up yet); the last error
 * is named if time runs out.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { what, timeout = 30_000, interval = 50, lastSeen }: WaitOptions,
): Promise<Exclude<T, false | null | undefined>> {
  const started = Date.now();
  for (;;) {
    let lastError: unknown;
    try {
      const value = await condition();
      if (value !== false && value !== null && value !== undefined) return value as Exclude<T, false | null | undefined>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started >= timeout) {
      const seen = lastSeen ? `; last seen: ${inspect(lastSeen(), { depth: 4, breakLength: Number.POSITIVE_INFINITY })}` : '';
      const failed = lastError ? `; last try failed: ${lastError instanceof Error ? lastError.message : String(lastError)}` : '';
      throw new Error(`gave up after ${timeout / 1000} s waiting for ${what}${seen}${failed}`);
    }
    await sleep(interval);
  }
}
