/** `corespond demo`: a realistic network to try the platform on, with one account per role. */
import type { Command } from 'commander';
import { withRuntime } from '../with-runtime';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load a realistic demo network into an empty platform, with one account per role')
    .option('--admin-email <email>', 'e-mail of the demo platform admin', 'admin@demo.corespond.cn')
    .action((opts: { adminEmail: string }) =>
      withRuntime(async (runtime) => {
        const [{ DEMO_PASSWORD, loadDemoNetwork }, { createFirstAdmin, setupNeeded }] = await Promise.all([
          import('../../services/demo/demo-network'),
          import('../../services/users/set-up-platform'),
        ]);
        const started = Date.now();
        if (await setupNeeded(runtime.deps)) {
          await createFirstAdmin(runtime.deps, { email: opts.adminEmail, password: DEMO_PASSWORD, displayName: 'admin' }, 'demo');
        }
        const report = await loadDemoNetwork(runtime.deps, (m) => console.log(m));
        console.log(
          `demo network loaded: ${report.organizations} organizations in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        console.log('demo accounts (password for all: %s):', DEMO_PASSWORD);
        console.log(`  platform_admin  ${opts.adminEmail}`);
        for (const a of report.accounts)
          console.log(
            `  ${a.role.padEnd(15)} ${a.email}${a.organization ? `  (${a.organization})` : ''}${a.jurisdiction ? `  (${a.jurisdiction})` : ''}`,
          );
      }),
    );
}
