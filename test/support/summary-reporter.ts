/**
 * Ends the run with one plain line for CI logs, "tests: N passed, N failed, N skipped", and how
 * many of the skipped are PostgreSQL's (declared skipped by describeEachDatabase when the run
 * has no cluster), so a run that tested one database only says so in its last line.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** The suffix describeEachDatabase gives a PostgreSQL suite's title. */
const POSTGRES_SUITE = '[postgres]';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let skippedOnPostgres = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          if (test.fullName.includes(POSTGRES_SUITE)) skippedOnPostgres++;
        }
      }
      if (module.state() === 'failed' && module.children.size === 0) failed++;
    }
    const onPostgres = skippedOnPostgres > 0 ? ` (${skippedOnPostgres} of them on PostgreSQL)` : '';
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${onPostgres}\n`);
  }
}
