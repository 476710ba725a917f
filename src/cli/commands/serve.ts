/** `corespond serve` (the default command): the API, the web UI and the background work of one node. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export function registerServe(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('run the platform (API and web UI); migrates the database first')
    .action(serve);
}

async function serve(): Promise<void> {
  const config = loadConfig();
  // Everything a node runs, loaded only for this command (the others start in a fraction of the time).
  const [
    { openRuntime },
    { buildApp },
    { loggerOptions },
    { sweepAlarms },
    { capFeedPoller },
    { workerSnapshots },
    { startBackupSchedule },
    { backupLocationOf, UNENCRYPTED_WARNING },
    { expireClaims },
    { warmDuplicateChecks },
    { warmRecommendations },
    { startNotificationWorker },
    { mailerFor },
    { warnExpiringClaims },
    { rotateSigningKeyWhenDue },
    { sweepRetention },
    { startWebhookWorker },
  ] = await Promise.all([
    import('../../runtime'),
    import('../../http/app'),
    import('../../http/log-privacy'),
    import('../../services/alarms/sweep-alarms'),
    import('../../services/alerts/poll-feeds'),
    import('../../services/analytics/figure-worker'),
    import('../../services/backup/scheduled-backups'),
    import('../../services/backup/take-backup'),
    import('../../services/needs/claims'),
    import('../../services/needs/duplicate-check'),
    import('../../services/needs/recommend-organizations'),
    import('../../services/notifications/dispatch-notifications'),
    import('../../services/notifications/send-mail'),
    import('../../services/notifications/warn-expiring-claims'),
    import('../../services/passes/signing-keys'),
    import('../../services/retention/sweep-retention'),
    import('../../services/webhooks/deliver-webhooks'),
  ]);
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
}
