/** `corespond audit verify`: the audit log's hash chain walked from the start. */
import type { Command } from 'commander';
import { withRuntime } from '../with-runtime';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('walk the hash chain; exits 1 naming the first bad record')
    .action(() =>
      withRuntime(async (runtime) => {
        const { verifyAuditChain } = await import('../../services/audit/verify-audit-chain');
        const report = await verifyAuditChain(runtime.deps.db);
        if (report.ok) {
          console.log(`audit chain intact: ${report.checked} records`);
        } else {
          console.error(
            `audit chain broken at record ${report.firstBad?.seq}: ${report.firstBad?.reason} (${report.checked} records checked before it)`,
          );
          process.exitCode = 1;
        }
      }),
    );
}
