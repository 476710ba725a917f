/** Configuration from the environment, with the defaults of a one-machine install. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { capSafe } from './model/alert';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  /** Sign-in attempts per client address and minute. */
  authRateLimit: number;
  /** Public applications to join per client address and minute. */
  applicationRateLimit: number;
  /** Public need reports and receipt look-ups per client address and minute. */
  publicRateLimit: number;
  /** Annual reports printed to PDF per client address and minute (each starts a Chromium). */
  reportRateLimit: number;
  /** Hours without any update after which an open need raises a stale-need alarm. */
  staleNeedHours: number;
  logLevel: string;
  secureCookies: boolean;
  /**
   * The MapLibre style of the board's map (an OpenStreetMap-style or Tianditu server); when
   * unset, or where the browser has no WebGL, the board draws its own simple map.
   */
  mapStyleUrl: string | null;
  /** The URL the public reaches the platform at (CORESPOND_PUBLIC_URL): the issuer named in signed statements. */
  publicUrl: string;
  /** Whether webhooks may reach loopback, link-local and private addresses (server-side request forgery otherwise refused). */
  webhooksAllowPrivate: boolean;
  /** Where e-mail notifications are sent through (`smtp://user:password@host:587`, `smtps://…`); none: no e-mail. */
  smtpUrl: string | null;
  /** The sender of e-mail notifications. */
  mailFrom: string;
  /** The CAP sender of the warnings published here (CORESPOND_CAP_SENDER; default: the host name). */
  capSender: string;
  /** CAP senders whose alerts may be ingested (CORESPOND_CAP_ALLOWED_SENDERS); null: any sender. */
  capAllowedSenders: string[] | null;
  /** Atom feeds of CAP alerts polled for ingest (CORESPOND_CAP_FEEDS, comma-separated). */
  capFeeds: string[];
  /** Seconds between two polls of the CAP feeds. */
  capFeedPollSeconds: number;
  /** Bearer token that opens /metrics to other hosts (CORESPOND_METRICS_TOKEN); null: loopback only. */
  metricsToken: string | null;
  /** The passphrase backups are encrypted with (CORESPOND_BACKUP_KEY); null: backups are written unencrypted, with a warning. */
  backupKey: string | null;
  /** Where the server writes scheduled backups (CORESPOND_BACKUP_DIR); null: no scheduled backups. */
  backupDir: string | null;
  /** Hours between two scheduled backups. */
  backupIntervalHours: number;
  /** How many scheduled backups are kept; older ones are deleted. */
  backupKeep: number;
  /** Days after its incident closes that personal data is kept (CORESPOND_PERSONAL_DATA_DAYS), then erased. */
  personalDataDays: number;
}

function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not "${value}"`);
  return n;
}

/** A positive number of hours; fractions allowed (0.25 = every quarter of an hour). */
function hoursFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 366)
    throw new Error(`${name} must be a positive number of hours, not "${value}"`);
  return n;
}

function backupKeyFrom(value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < 12)
    throw new Error('CORESPOND_BACKUP_KEY must be at least 12 characters long (a passphrase of several words is best)');
  return value;
}

function urlFrom(value: string | undefined, name: string): string | null {
  if (!value) return null;
  if (value.startsWith('/')) return value;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {}
  throw new Error(`${name} must be an http(s) URL or a path on this server, not "${value}"`);
}

function publicUrlFrom(value: string | undefined, port: number): string {
  if (!value) return `http://localhost:${port}`;
  const url = urlFrom(value, 'CORESPOND_PUBLIC_URL');
  if (!url || url.startsWith('/')) throw new Error(`CORESPOND_PUBLIC_URL must be an http(s) URL, not "${value}"`);
  return url.replace(/\/+$/, '');
}

function smtpFrom(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'smtp:' || url.protocol === 'smtps:') return value;
  } catch {}
  throw new Error('CORESPOND_SMTP_URL must be an smtp:// or smtps:// URL');
}

function metricsTokenFrom(value: string | undefined): string | null {
  if (!value) return null;
  // Long enough not to be guessed; printable, as it travels in a header.
  if (value.length < 16 || !/^[\x21-\x7e]+$/.test(value)) {
    throw new Error('CORESPOND_METRICS_TOKEN must be at least 16 printable characters without spaces');
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 8080, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.CORESPOND_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    bodyLimit: intFrom(env.CORESPOND_BODY_LIMIT, 1024 * 1024, 'CORESPOND_BODY_LIMIT'),
    authRateLimit: intFrom(env.CORESPOND_AUTH_RATE_LIMIT, 30, 'CORESPOND_AUTH_RATE_LIMIT'),
    applicationRateLimit: intFrom(env.CORESPOND_APPLICATION_RATE_LIMIT, 20, 'CORESPOND_APPLICATION_RATE_LIMIT'),
    publicRateLimit: intFrom(env.CORESPOND_PUBLIC_RATE_LIMIT, 120, 'CORESPOND_PUBLIC_RATE_LIMIT'),
    reportRateLimit: intFrom(env.CORESPOND_REPORT_RATE_LIMIT, 10, 'CORESPOND_REPORT_RATE_LIMIT'),
    staleNeedHours: intFrom(env.CORESPOND_STALE_NEED_HOURS, 12, 'CORESPOND_STALE_NEED_HOURS'),
    logLevel: env.CORESPOND_LOG_LEVEL ?? 'info',
    secureCookies: env.CORESPOND_SECURE_COOKIES === 'true',
    mapStyleUrl: urlFrom(env.CORESPOND_MAP_STYLE_URL, 'CORESPOND_MAP_STYLE_URL'),
    publicUrl: publicUrlFrom(env.CORESPOND_PUBLIC_URL, intFrom(env.PORT, 8080, 'PORT')),
    capSender: capSafe(env.CORESPOND_CAP_SENDER || hostname()),
    capAllowedSenders: env.CORESPOND_CAP_ALLOWED_SENDERS ? listFrom(env.CORESPOND_CAP_ALLOWED_SENDERS) : null,
    capFeeds: listFrom(env.CORESPOND_CAP_FEEDS).map((url) => {
      if (!/^https?:\/\//.test(url)) throw new Error(`CORESPOND_CAP_FEEDS must list http(s) URLs, not "${url}"`);
      return url;
    }),
    capFeedPollSeconds: intFrom(env.CORESPOND_CAP_FEED_POLL_SECONDS, 300, 'CORESPOND_CAP_FEED_POLL_SECONDS'),
    webhooksAllowPrivate: env.CORESPOND_WEBHOOKS_ALLOW_PRIVATE === 'true',
    smtpUrl: smtpFrom(env.CORESPOND_SMTP_URL),
    mailFrom: env.CORESPOND_MAIL_FROM || 'CoRespond 协应 <noreply@localhost>',
    metricsToken: metricsTokenFrom(env.CORESPOND_METRICS_TOKEN),
    backupKey: backupKeyFrom(env.CORESPOND_BACKUP_KEY),
    backupDir: env.CORESPOND_BACKUP_DIR ? resolve(env.CORESPOND_BACKUP_DIR) : null,
    backupIntervalHours: hoursFrom(env.CORESPOND_BACKUP_INTERVAL_HOURS, 24, 'CORESPOND_BACKUP_INTERVAL_HOURS'),
    backupKeep: intFrom(env.CORESPOND_BACKUP_KEEP, 7, 'CORESPOND_BACKUP_KEEP'),
    personalDataDays: intFrom(env.CORESPOND_PERSONAL_DATA_DAYS, 180, 'CORESPOND_PERSONAL_DATA_DAYS'),
  };
}

/**
 * The key that encrypts personal data in audit records: from CORESPOND_SECRET when set
 * (several API nodes must share it), else a key file made once in the data directory.
 */
export function loadAuditKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const secret = env.CORESPOND_SECRET;
  if (secret) return createHash('sha256').update(secret).digest();
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return createHash('sha256').update(readFileSync(file, 'utf8').trim()).digest();
}
