/** Shared pieces of the benchmarks: timing and the summary line. */
import type { Database } from '../src/db/database';

export interface BenchContext {
  database: Database;
  /** How another connection (a worker thread) reaches the same database. */
  location?: { url?: string; dataDir?: string };
  log(message: string): void;
}

/** Times each call of `fn` over the inputs, after a warm-up; returns milliseconds per call. */
export async function timeEach<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>, warmup = 20): Promise<number[]> {
  for (const input of inputs.slice(0, warmup)) await fn(input);
  const times: number[] = [];
  for (const input of inputs) {
    const start = process.hrtime.bigint();
    await fn(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The benchmark's last line: name, ratio, then the absolute figures. */
export function summary(name: string, ratio: number, figures: Record<string, string | number>): string {
  const rest = Object.entries(figures)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`)
    .join(' ');
  return `${name}: ratio=${ratio.toPrecision(3)} ${rest}`;
}
