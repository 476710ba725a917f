/** `corespond` run as an operator runs it: a process of its own, with the test database's environment. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'corespond.mjs');

export interface CliResult {
  /** The exit code. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `corespond …args` with `env` over the test's own environment, `input` on its stdin. */
export function corespond(args: string[], env: Record<string, string | undefined>, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    // Decoded as a stream, so a character split between two chunks stays whole.
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
