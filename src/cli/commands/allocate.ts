/** `corespond allocate < problem.json > plan.json`: the allocation solver on its own, with no database. */
import type { Command } from 'commander';
import { AppError } from '../../model/errors';

export function registerAllocate(program: Command): void {
  program
    .command('allocate')
    .description('read an allocation problem (JSON) on stdin, write the plan of greatest score (JSON) on stdout; no database')
    .option('--report', 'also write the score, its certified upper bound and the gap to stderr')
    .option(
      '--gap <share>',
      'stop once the plan is certified within this share of the optimum (e.g. 0.01), for very large problems',
    )
    .action(async (opts: { report?: boolean; gap?: string }) => {
      const gap = opts.gap === undefined ? 0 : Number(opts.gap);
      if (!(gap >= 0 && gap < 1)) {
        console.error('error: --gap must be a number from 0 to below 1');
        process.exitCode = 2;
        return;
      }
      const { parseProblem, solveAllocation } = await import('../../matching/allocate');
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      let problem: ReturnType<typeof parseProblem>;
      try {
        problem = parseProblem(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        for (const line of (error.detail ?? error.message).split('\n')) console.error(`error: ${line}`);
        process.exitCode = 2;
        return;
      }
      const outcome = solveAllocation(problem, { gap });
      process.stdout.write(`${JSON.stringify(outcome.plan)}\n`);
      if (opts.report) {
        const { score } = outcome.plan;
        console.error(
          `score ${score}, upper bound ${outcome.upperBound} (gap ${outcome.upperBound - score}), ${outcome.optimal ? 'optimal' : 'not proven optimal'}`,
        );
      }
    });
}
