import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser outcomes on a shared two-core machine can take seconds: polls wait up to 15 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
