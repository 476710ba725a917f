/** `corespond`: serve, migrate, create-admin, import, export, backup, restore, passes rotate-key, keys rotate, audit verify, retention sweep, allocate. Commands call services, not HTTP. */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { loadAuditKey, loadConfig } from '../config';
import { migrateToLatest } from '../db/migrate';
import { buildApp, VERSION } from '../http/app';
import { loggerOptions } from '../http/log-privacy';
import { readTable } from '../interop/spreadsheet';
import { parseProblem, solveAllocation } from '../matching/allocate';
import { AppError } from '../model/errors';
import { openRuntime } from '../runtime';
import { sweepAlarms } from '../services/alarms/sweep-alarms';
import { capFeedPoller } from '../services/alerts/poll-feeds';
import { workerSnapshots } from '../services/analytics/figure-worker';
import { verifyAuditChain } from '../services/audit/verify-audit-chain';
import { BackupError } from '../services/backup/backup-errors';
import { restoreBackup } from '../services/backup/restore-backup';
import { startBackupSchedule } from '../services/backup/scheduled-backups';
import { backupLocationOf, takeBackup, UNENCRYPTED_WARNING } from '../services/backup/take-backup';
import type { Actor } from '../services/context';
import { DEMO_PASSWORD, loadDemoNetwork } from '../services/demo/demo-network';
import { exportOrganizations } from '../services/imports/export-organizations';
import { importOrganizations } from '../services/imports/import-organizations';
import { expireClaims } from '../services/needs/claims';
import { warmDuplicateChecks } from '../services/needs/duplicate-check';
import { warmRecommendations } from '../services/needs/recommend-organizations';
import { startNotificationWorker } from '../services/notifications/dispatch-notifications';
import { mailerFor } from '../services/notifications/send-mail';
import { warnExpiringClaims } from '../services/notifications/warn-expiring-claims';
import { rotateSigningKey, rotateSigningKeyWhenDue } from '../services/passes/signing-keys';
import { readRegisters, reapplyAfterRestore, registerFileOf } from '../services/retention/erasure-register';
import { sweepRetention } from '../services/retention/sweep-retention';
import { createFirstAdmin, setupNeeded } from '../services/users/set-up-platform';
import { startWebhookWorker } from '../services/webhooks/deliver-webhooks';

const CLI: Actor = { kind: 'system', label: 'cli' };

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const program = new Command('corespond').description('CoRespond 协应 — emergency cooperation network').version(VERSION);

program
  .command('serve', { isDefault: true })
  .description('run the platform (API and web UI); migrates the database first')
  .action(async () => {
    const config = loadConfig();
    const runtime = await openRuntime(config);
    // The analytics' figures are computed on a worker thread and kept as snapshots (at most a minute behind).
    const analytics = workerSnapshots(runtime.deps.db, {
      url: config.databaseUrl,
      dataDir: config.dataDir,
      auditKey: runtime.deps.auditKey,
    });
    const app = await buildApp({
      deps: { ...runtime.deps, publicUrl: config.publicUrl, figures: analytics.figures },
      config,
      webDist: join(ROOT, 'web', 'dist'),
      logger: loggerOptions(config.logLevel),
      webhooks: { allowPrivate: config.webhooksAllowPrivate },
    });
    // Claims without progress expire, missed check-ins and stale needs raise alarms: sweep once a
    // minute (every node may; each lapse is recorded once).
    const sweeper = setInterval(() => {
      expireClaims(runtime.deps).catch((error: unknown) => app.log.error({ err: error }, 'claim expiry sweep failed'));
      sweepAlarms(runtime.deps, { staleNeedHours: config.staleNeedHours }).catch((error: unknown) =>
        app.log.error({ err: error }, 'alarm sweep failed'),
      );
      warnExpiringClaims(runtime.deps).catch((error: unknown) => app.log.error({ err: error }, 'claim expiry warning failed'));
    }, 60_000);
    // CAP feeds of other senders (CORESPOND_CAP_FEEDS) are polled for alerts to ingest.
    const pollFeeds = capFeedPoller(
      runtime.deps,
      { sender: config.capSender, allowedSenders: config.capAllowedSenders },
      config.capFeeds,
    );
    const runFeedPoll = () =>
      pollFeeds().then(
        (result) => {
          if (result.ingested > 0) app.log.info(`${result.ingested} CAP alerts ingested from feeds`);
          for (const failure of result.failures) app.log.warn(failure, 'CAP feed entry not ingested');
        },
        (error: unknown) => app.log.error({ err: error }, 'CAP feed poll failed'),
      );
    const feedPoller = config.capFeeds.length > 0 ? setInterval(runFeedPoll, config.capFeedPollSeconds * 1000) : undefined;
    if (feedPoller) setTimeout(runFeedPoll, 5_000).unref();
    // Signing keys rotate on their own once the newest is 90 days old: checked at start and daily.
    const rotateWhenDue = () =>
      rotateSigningKeyWhenDue(runtime.deps).then(
        (key) => key && app.log.info(`signing key rotated on schedule: ${key.kid}`),
        (error: unknown) => app.log.error({ err: error }, 'signing key rotation check failed'),
      );
    await rotateWhenDue();
    const keyRotation = setInterval(rotateWhenDue, 86_400_000);
    // Personal data of incidents closed longer than CORESPOND_PERSONAL_DATA_DAYS ago is erased:
    // swept hourly (one node at a time, by lease), first a minute after start.
    const sweepPersonalData = () =>
      sweepRetention(runtime.deps, { days: config.personalDataDays }).then(
        (report) =>
          report.incidents.length > 0 &&
          app.log.info(
            `personal data erased: ${report.incidents.length} incidents, ${report.counts.needs} needs, ${report.counts.offers} offers`,
          ),
        (error: unknown) => app.log.error({ err: error }, 'retention sweep failed'),
      );
    const retention = setInterval(sweepPersonalData, 3_600_000);
    const firstRetention = setTimeout(sweepPersonalData, 60_000);
    firstRetention.unref();
    // Webhooks: fan out new platform events and post due deliveries (every node may; each
    // event is fanned out once and each delivery leased to one node).
    const webhooks = startWebhookWorker(runtime.deps, {
      allowPrivate: config.webhooksAllowPrivate,
      onError: (error: unknown) => app.log.error({ err: error }, 'webhook delivery failed'),
    });
    // Notifications follow the event log (one node at a time, by lease); the mail outbox is sent
    // and retried on the same beat.
    const notifier = startNotificationWorker(runtime.deps, {
      publicUrl: config.publicUrl,
      mailer: mailerFor(config.smtpUrl, config.mailFrom),
      onError: (error: unknown) => app.log.error({ err: error }, 'notification dispatch failed'),
    });
    // Scheduled backups (CORESPOND_BACKUP_DIR): one server of those sharing the database takes each.
    if (config.backupDir && !config.backupKey) app.log.warn(UNENCRYPTED_WARNING);
    const backups = config.backupDir
      ? startBackupSchedule(
          runtime.deps,
          backupLocationOf(config),
          {
            dir: config.backupDir,
            intervalHours: config.backupIntervalHours,
            keep: config.backupKeep,
            passphrase: config.backupKey ?? undefined,
          },
          {
            onBackup: (r) =>
              app.log.info(`scheduled backup written: ${r.file} (${r.bytes} bytes, ${r.ms} ms; ${r.deleted.length} old deleted)`),
            onError: (error: unknown) => app.log.error({ err: error }, 'scheduled backup failed; tried again within the hour'),
          },
        )
      : undefined;
    const stop = async () => {
      clearInterval(sweeper);
      await backups?.stop();
      clearInterval(feedPoller);
      clearInterval(keyRotation);
      clearInterval(retention);
      clearTimeout(firstRetention);
      await notifier.stop();
      await webhooks.stop();
      await app.close();
      await analytics.close();
      await runtime.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await app.listen({ port: config.port, host: config.host });
    const where = runtime.database.dialect === 'sqlite' ? join(config.dataDir, 'corespond.db') : 'PostgreSQL';
    app.log.info(`CoRespond is running on http://localhost:${config.port} (database: ${where})`);
    // The recommendation candidates load in the background, so the first coordinator asking does not wait.
    warmRecommendations(runtime.deps).then(
      (n) => app.log.info(`${n} organizations ready for recommendations`),
      (error: unknown) => app.log.warn({ err: error }, 'recommendation candidates will load on first use'),
    );
    // Likewise the recent needs of open incidents, which every new report is checked against.
    warmDuplicateChecks(runtime.deps).then(
      (n) => app.log.info(`${n} recent needs ready for the duplicate check`),
      (error: unknown) => app.log.warn({ err: error }, 'recent needs will load with the first reports'),
    );
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const runtime = await openRuntime(loadConfig(), { migrate: false });
    const ran = await migrateToLatest(runtime.database.db);
    console.log(ran.length ? `applied: ${ran.join(', ')}` : 'the database is up to date');
    await runtime.close();
  });

program
  .command('create-admin')
  .description('create the first platform admin (as the setup page does)')
  .requiredOption('--email <email>', 'e-mail address to sign in with')
  .requiredOption('--password <password>', 'at least 10 characters of more than one kind')
  .option('--name <name>', 'display name')
  .action(async (opts: { email: string; password: string; name?: string }) => {
    const runtime = await openRuntime(loadConfig());
    try {
      const user = await createFirstAdmin(
        runtime.deps,
        { email: opts.email, password: opts.password, displayName: opts.name },
        'cli',
      );
      console.log(`created platform admin ${user.email} (${user.id})`);
    } finally {
      await runtime.close();
    }
  });

program
  .command('import')
  .description('import data from a spreadsheet')
  .command('organizations')
  .argument('<file>', 'CSV or XLSX roster (download the template from the import page)')
  .description('import a roster of organizations; rows are imported or refused one by one')
  .action(async (file: string) => {
    const runtime = await openRuntime(loadConfig());
    try {
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
    } finally {
      await runtime.close();
    }
  });

program
  .command('export')
  .description('export data to a spreadsheet')
  .command('organizations')
  .argument('<file>', 'output file, .xlsx or .csv')
  .description('export the organization directory for reporting upward')
  .action(async (file: string) => {
    const runtime = await openRuntime(loadConfig());
    try {
      const format = extname(file).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
      await writeFile(file, await exportOrganizations(runtime.deps, CLI, {}, format));
      console.log(`wrote ${file}`);
    } finally {
      await runtime.close();
    }
  });

program
  .command('demo')
  .description('load a realistic demo network into an empty platform, with one account per role')
  .option('--admin-email <email>', 'e-mail of the demo platform admin', 'admin@demo.corespond.cn')
  .action(async (opts: { adminEmail: string }) => {
    const runtime = await openRuntime(loadConfig());
    try {
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
    } finally {
      await runtime.close();
    }
  });

program
  .command('backup')
  .description('write a consistent backup of the database, the audit key and the uploads to one file while the server runs')
  .requiredOption('--out <file>', 'the backup file to write (encrypted with CORESPOND_BACKUP_KEY when set)')
  .action(async (opts: { out: string }) => {
    const config = loadConfig();
    const report = await takeBackup(backupLocationOf(config), opts.out, { passphrase: config.backupKey ?? undefined });
    console.log(
      `wrote ${report.file}: ${report.bytes} bytes (database ${report.databaseBytes} bytes, ${report.files} file${report.files === 1 ? '' : 's'}), ` +
        `${report.encrypted ? 'encrypted' : 'NOT encrypted'}, in ${(report.ms / 1000).toFixed(1)} s`,
    );
  });

program
  .command('restore')
  .description(
    'restore a backup into an empty data directory and database; exit codes: 2 target not empty, 3 key missing or wrong, 4 file damaged, 5 pg_restore missing, 6 pg_restore failed',
  )
  .argument('<file>', 'a file written by `corespond backup` (or a scheduled backup)')
  .option('--force', 'replace the database and the data directory’s files the target already holds')
  .option(
    '--erasures <file>',
    'a register of erasures (erasures.jsonl) to apply after the restore, besides the target’s own and the one in CORESPOND_BACKUP_DIR',
  )
  .action(async (file: string, opts: { force?: boolean; erasures?: string }) => {
    const config = loadConfig();
    // Read before the restore replaces the target's files: erasures made after the backup was taken.
    const kept = await readRegisters(
      [registerFileOf(config), config.backupDir && join(config.backupDir, 'erasures.jsonl'), opts.erasures].filter(
        (f): f is string => Boolean(f),
      ),
    );
    let erasures = { reapplied: 0, present: 0 };
    const report = await restoreBackup(backupLocationOf(config), file, {
      passphrase: config.backupKey ?? undefined,
      force: opts.force,
      auditKey: () => loadAuditKey(config.dataDir),
      afterRestore: async (deps) => {
        erasures = await reapplyAfterRestore(kept)(deps);
      },
    });
    console.log(
      `restored the backup of ${report.createdAt}: database ${report.databaseBytes} bytes, ${report.files} file${report.files === 1 ? '' : 's'}; ` +
        `${erasures.reapplied} erasure${erasures.reapplied === 1 ? '' : 's'} made after the backup applied again ` +
        `(${erasures.present} already in it)`,
    );
  });

const passes = program.command('passes').description('deployment passes (通行证)');
passes
  .command('rotate-key')
  .description('start a new pass signing key; passes already issued keep verifying')
  .action(async () => {
    const runtime = await openRuntime(loadConfig());
    try {
      const key = await rotateSigningKey(runtime.deps);
      console.log(`new pass signing key ${key.kid}; checkpoints pick it up from /.well-known/jwks.json`);
    } finally {
      await runtime.close();
    }
  });

const keys = program.command('keys').description('the keys that sign passes and official statements');
keys
  .command('rotate')
  .description('start a new signing key; passes and statements already signed keep verifying (servers also rotate every 90 days)')
  .action(async () => {
    const runtime = await openRuntime(loadConfig());
    try {
      const key = await rotateSigningKey(runtime.deps);
      console.log(`new signing key ${key.kid}; verifiers pick it up from /.well-known/jwks.json (earlier keys stay listed)`);
    } finally {
      await runtime.close();
    }
  });

const retention = program.command('retention').description('personal data kept no longer than CORESPOND_PERSONAL_DATA_DAYS');
retention
  .command('sweep')
  .description(
    'erase the personal data of incidents closed longer than CORESPOND_PERSONAL_DATA_DAYS ago (as the server does hourly)',
  )
  .action(async () => {
    const config = loadConfig();
    const runtime = await openRuntime(config);
    try {
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
    } finally {
      await runtime.close();
    }
  });

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description('walk the hash chain; exits 1 naming the first bad record')
  .action(async () => {
    const runtime = await openRuntime(loadConfig());
    try {
      const report = await verifyAuditChain(runtime.deps.db);
      if (report.ok) {
        console.log(`audit chain intact: ${report.checked} records`);
      } else {
        console.error(
          `audit chain broken at record ${report.firstBad?.seq}: ${report.firstBad?.reason} (${report.checked} records checked before it)`,
        );
        process.exitCode = 1;
      }
    } finally {
      await runtime.close();
    }
  });

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

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof BackupError) {
    console.error(`error: ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof AppError) {
    console.error(`error: ${error.detail ?? error.message}${error.field ? ` (${error.field})` : ''} [${error.code}]`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
