/** `corespond passes rotate-key` and its general name `corespond keys rotate`: a new signing key, the earlier ones still published. */
import type { Command } from 'commander';
import { withRuntime } from '../with-runtime';

/** Rotates the signing key and says so; `said` words the message for the command's name. */
function rotate(said: (kid: string) => string): Promise<void> {
  return withRuntime(async (runtime) => {
    const { rotateSigningKey } = await import('../../services/passes/signing-keys');
    const key = await rotateSigningKey(runtime.deps);
    console.log(said(key.kid));
  });
}

export function registerPasses(program: Command): void {
  const passes = program.command('passes').description('deployment passes (通行证)');
  passes
    .command('rotate-key')
    .description('start a new pass signing key; passes already issued keep verifying')
    .action(() => rotate((kid) => `new pass signing key ${kid}; checkpoints pick it up from /.well-known/jwks.json`));

  const keys = program.command('keys').description('the keys that sign passes and official statements');
  keys
    .command('rotate')
    .description(
      'start a new signing key; passes and statements already signed keep verifying (servers also rotate every 90 days)',
    )
    .action(() =>
      rotate((kid) => `new signing key ${kid}; verifiers pick it up from /.well-known/jwks.json (earlier keys stay listed)`),
    );
}
