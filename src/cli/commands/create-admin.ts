/** `corespond create-admin`: the first platform admin, as the setup page makes it. */
import type { Command } from 'commander';
import { withRuntime } from '../with-runtime';

export function registerCreateAdmin(program: Command): void {
  program
    .command('create-admin')
    .description('create the first platform admin (as the setup page does)')
    .requiredOption('--email <email>', 'e-mail address to sign in with')
    .requiredOption('--password <password>', 'at least 10 characters of more than one kind')
    .option('--name <name>', 'display name')
    .action((opts: { email: string; password: string; name?: string }) =>
      withRuntime(async (runtime) => {
        const { createFirstAdmin } = await import('../../services/users/set-up-platform');
        const user = await createFirstAdmin(
          runtime.deps,
          { email: opts.email, password: opts.password, displayName: opts.name },
          'cli',
        );
        console.log(`created platform admin ${user.email} (${user.id})`);
      }),
    );
}
