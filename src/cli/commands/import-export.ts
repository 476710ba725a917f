/** `corespond import organizations` and `corespond export organizations`: the roster as a spreadsheet. */
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { Actor } from '../../services/context';
import { withRuntime } from '../with-runtime';

const CLI: Actor = { kind: 'system', label: 'cli' };

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export function registerImportExport(program: Command): void {
  program
    .command('import')
    .description('import data from a spreadsheet')
    .command('organizations')
    .argument('<file>', 'CSV or XLSX roster (download the template from the import page)')
    .description('import a roster of organizations; rows are imported or refused one by one')
    .action((file: string) =>
      withRuntime(async (runtime) => {
        const [{ readTable }, { importOrganizations }] = await Promise.all([
          import('../../interop/spreadsheet'),
          import('../../services/imports/import-organizations'),
        ]);
        const table = await readTable(await readFile(file));
        const report = await importOrganizations(runtime.deps, CLI, table, (done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\r${progressBar(done, total)}`);
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        const { created, updated, unchanged, refused } = report.counts;
        console.log(`${report.total} rows: ${created} created, ${updated} updated, ${unchanged} unchanged, ${refused} refused`);
        for (const row of report.rows.filter((r) => r.outcome === 'refused')) {
          for (const p of row.problems)
            console.log(`  row ${row.row}${row.name ? ` (${row.name})` : ''}: ${p.field}: ${p.message}`);
        }
        if (refused > 0) process.exitCode = 3;
      }),
    );

  program
    .command('export')
    .description('export data to a spreadsheet')
    .command('organizations')
    .argument('<file>', 'output file, .xlsx or .csv')
    .description('export the organization directory for reporting upward')
    .action((file: string) =>
      withRuntime(async (runtime) => {
        const { exportOrganizations } = await import('../../services/imports/export-organizations');
        const format = extname(file).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
        await writeFile(file, await exportOrganizations(runtime.deps, CLI, {}, format));
        console.log(`wrote ${file}`);
      }),
    );
}
