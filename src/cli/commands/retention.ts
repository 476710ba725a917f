/** `corespond retention sweep`: the hourly erasure of personal data, run by hand. */
import type { Command } from 'commander';
import { withRuntime } from '../with-runtime';

export function registerRetention(program: Command): void {
  const retention = program.command('retention').description('personal data kept no longer than CORESPOND_PERSONAL_DATA_DAYS');
  retention
    .command('sweep')
    .description(
      'erase the personal data of incidents closed longer than CORESPOND_PERSONAL_DATA_DAYS ago (as the server does hourly)',
    )
    .action(() =>
      withRuntime(async (runtime, config) => {
        const { sweepRetention } = await import('../../services/retention/sweep-retention');
        const report = await sweepRetention(runtime.deps, { days: config.personalDataDays });
        if (!report.ran) {
          console.error('another process is sweeping; try again in a few minutes');
          process.exitCode = 1;
          return;
        }
        console.log(
          `personal data erased for ${report.incidents.length} incidents closed more than ${config.personalDataDays} days ago: ` +
            `${report.counts.needs} needs, ${report.counts.offers} offers, ${report.counts.keys} audit keys destroyed; ${report.mails} e-mails emptied`,
        );
      }),
    );
}
