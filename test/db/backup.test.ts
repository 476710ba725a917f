/**
 * Online backup and restore on both databases: a backup taken while needs keep being reported
 * holds every need acknowledged before it began, once, with an audit chain that verifies; a
 * wrong key, a damaged frame and a non-empty target are refused without touching the target.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadAuditKey } from '../../src/config';
import { type DialectName, openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import { BackupError, type BackupFailure } from '../../src/services/backup/backup-errors';
import { readBackupFile } from '../../src/services/backup/backup-frames';
import { restoreBackup } from '../../src/services/backup/restore-backup';
import { pruneBackups, takeScheduledBackup } from '../../src/services/backup/scheduled-backups';
import { type BackupLocation, takeBackup, UNENCRYPTED_WARNING } from '../../src/services/backup/take-backup';
import type { Deps } from '../../src/services/context';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { addEvidence } from '../../src/services/needs/manage-needs';
import { reportPublicNeed } from '../../src/services/needs/report-need';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';
import { freshTarget, type RestoreTarget } from '../support/restore-target';

const KEY = 'backup passphrase for tests';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const sourceOf = (t: TestDatabase, dialect: DialectName): BackupLocation => ({
  dialect,
  dataDir: t.env.CORESPOND_DATA_DIR,
  databaseUrl: t.env.DATABASE_URL,
});

/** Opens a restored database, migrated as the server would on start. */
async function openRestored(location: BackupLocation) {
  const database = openDatabase({ url: location.databaseUrl, dataDir: location.dataDir });
  await migrateToLatest(database.db);
  return database;
}

async function failureOf(promise: Promise<unknown>): Promise<BackupFailure | 'none'> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    if (error instanceof BackupError) return error.failure;
    throw error;
  }
}

describeEachDatabase('backup and restore', (t, dialect) => {
  let incidentId: string;
  let work: string;
  const targets: RestoreTarget[] = [];
  const target = async () => {
    const made = await freshTarget(dialect);
    targets.push(made);
    return made.location;
  };
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'corespond-backups-'));
    const { deps } = t();
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: '郑州暴雨',
        category: 'natural_disaster',
        type: '洪涝',
        level: 1,
        jurisdictions: ['410100'],
      })
    ).id;
    // The data directory's own files: the audit key file and an evidence photo.
    loadAuditKey(deps.dataDir, {});
    const first = await reportPublicNeed(deps, incidentId, need('first'));
    if (first.replayed) throw new Error('a first report is not a replay');
    await addEvidence(deps, SYSTEM, first.reported.need.id, { content: PNG, contentType: 'image/png' });
  });
  afterAll(async () => {
    for (const made of targets) await made.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const need = (title: string) => ({
    title,
    category: 'water_sanitation' as const,
    quantity: 10,
    unit: '箱',
    jurisdiction: '410105',
    lat: 34.7725,
    lon: 113.6868,
    urgency: 'high' as const,
    contactName: '李阿姨',
    contactPhone: '13912345678',
  });

  it('holds every need acknowledged before it began, once, while reports keep coming', async () => {
    const { deps } = t();
    const acknowledged: Array<{ title: string; at: number }> = [];
    let writing = true;
    let serial = 0;
    const writer = async () => {
      while (writing) {
        const title = `load ${serial++}`;
        await reportPublicNeed(deps, incidentId, need(title));
        acknowledged.push({ title, at: performance.now() });
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
    const began = performance.now();
    const before = acknowledged.filter((a) => a.at <= began).map((a) => a.title);
    const file = join(work, 'under-load.backup');
    await takeBackup(sourceOf(t(), dialect), file, { passphrase: KEY });
    const ended = performance.now();
    // Writes went on after the backup began and after it ended: the server was not held up.
    while (!acknowledged.some((a) => a.at > ended)) await new Promise((r) => setTimeout(r, 5));
    writing = false;
    await Promise.all(writers);
    expect(acknowledged.filter((a) => a.at > began).length).toBeGreaterThan(0);

    const into = await target();
    const report = await restoreBackup(into, file, { passphrase: KEY });
    expect(report.files).toBe(2);
    const restored = await openRestored(into);
    try {
      const rows = await restored.db.selectFrom('needs').select('title').where('title', 'like', 'load %').execute();
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(r.title, (counts.get(r.title) ?? 0) + 1);
      const missing = before.filter((title) => counts.get(title) !== 1);
      expect(missing, 'acknowledged before the backup began, present exactly once').toEqual([]);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      // Nothing in the backup that was never written.
      expect(rows.length).toBeLessThanOrEqual(acknowledged.length);
      const chain = await verifyAuditChain(restored.db);
      expect(chain.ok, JSON.stringify(chain.firstBad)).toBe(true);
      expect(chain.checked).toBeGreaterThan(before.length);
    } finally {
      await restored.close();
    }
    // The audit key and the evidence photo came back byte for byte.
    expect(readFileSync(join(into.dataDir, 'secret.key'))).toEqual(readFileSync(join(deps.dataDir, 'secret.key')));
    const photos = await readdir(join(into.dataDir, 'evidence'), { recursive: true });
    expect(photos.filter((p) => p.endsWith('.png'))).toHaveLength(1);
  });

  it('is encrypted with CORESPOND_BACKUP_KEY, and refuses a missing or wrong key without touching the target', async () => {
    const file = join(work, 'keyed.backup');
    const warnings: string[] = [];
    await takeBackup(sourceOf(t(), dialect), file, { passphrase: KEY, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    const { header } = await readBackupFile(Readable.from([readFileSync(file)]), KEY);
    expect(header.encryption?.cipher).toBe('aes-256-gcm');
    // No personal data in the clear: a contact phone of every need is in the database.
    expect(readFileSync(file).includes(Buffer.from('13912345678'))).toBe(false);
    const into = await target();
    expect(await failureOf(restoreBackup(into, file, { passphrase: 'not the right passphrase' }))).toBe('wrong_key');
    expect(await failureOf(restoreBackup(into, file, {}))).toBe('wrong_key');
    expect(await readdir(into.dataDir)).toEqual([]);
  });

  it('warns when written unencrypted', async () => {
    const file = join(work, 'plain.backup');
    const warnings: string[] = [];
    await takeBackup(sourceOf(t(), dialect), file, { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([UNENCRYPTED_WARNING]);
    expect((await readBackupFile(Readable.from([readFileSync(file)]), undefined)).header.encryption).toBeNull();
    // SQLite's pages are copied as they are (pg_dump -Fc compresses its tables).
    if (dialect === 'sqlite') expect(readFileSync(file).includes(Buffer.from('13912345678'))).toBe(true);
  });

  it('refuses a damaged frame, a cut file and a swapped frame, restoring nothing', async () => {
    const file = join(work, 'to-damage.backup');
    await takeBackup(sourceOf(t(), dialect), file, { passphrase: KEY });
    const good = readFileSync(file);
    const into = await target();
    const flipped = Buffer.from(good);
    flipped[Math.floor(good.length * 0.6)] ^= 0x01;
    writeFileSync(join(work, 'flipped.backup'), flipped);
    expect(await failureOf(restoreBackup(into, join(work, 'flipped.backup'), { passphrase: KEY }))).toBe('damaged');
    writeFileSync(join(work, 'cut.backup'), good.subarray(0, good.length - 100));
    expect(await failureOf(restoreBackup(into, join(work, 'cut.backup'), { passphrase: KEY }))).toBe('damaged');
    writeFileSync(join(work, 'not-a-backup.backup'), 'hello');
    expect(await failureOf(restoreBackup(into, join(work, 'not-a-backup.backup'), { passphrase: KEY }))).toBe('damaged');
    expect(await readdir(into.dataDir)).toEqual([]);
    // The same file unencrypted: its checksums find the damage too.
    await takeBackup(sourceOf(t(), dialect), file, { warn: () => undefined });
    const plain = Buffer.from(readFileSync(file));
    plain[Math.floor(plain.length * 0.6)] ^= 0x01;
    writeFileSync(join(work, 'flipped-plain.backup'), plain);
    expect(await failureOf(restoreBackup(into, join(work, 'flipped-plain.backup'), {}))).toBe('damaged');
  });

  it('refuses a target that holds data unless forced, then replaces it and runs the after-restore hook', async () => {
    const file = join(work, 'forced.backup');
    await takeBackup(sourceOf(t(), dialect), file, { passphrase: KEY });
    const into = await target();
    await restoreBackup(into, file, { passphrase: KEY });
    writeFileSync(join(into.dataDir, 'stray.txt'), 'not from the backup');
    expect(await failureOf(restoreBackup(into, file, { passphrase: KEY }))).toBe('target_not_empty');
    expect(existsSync(join(into.dataDir, 'stray.txt'))).toBe(true);
    let seen: number | undefined;
    await restoreBackup(into, file, {
      passphrase: KEY,
      force: true,
      auditKey: () => loadAuditKey(into.dataDir, {}),
      afterRestore: async (deps: Deps) => {
        seen = (await verifyAuditChain(deps.db)).checked;
      },
    });
    expect(existsSync(join(into.dataDir, 'stray.txt'))).toBe(false);
    expect(seen).toBeGreaterThan(0);
    // A database that merely exists with tables is not empty either.
    const emptyDir = await target();
    const existing = sourceOf(t(), dialect);
    expect(await failureOf(restoreBackup({ ...existing, dataDir: emptyDir.dataDir }, file, { passphrase: KEY }))).toBe(
      dialect === 'sqlite' ? 'none' : 'target_not_empty',
    );
  });

  it('takes scheduled backups one server at a time and keeps the newest KEEP', async () => {
    const { deps, clock } = t();
    const dir = join(work, 'scheduled');
    const schedule = { dir, intervalHours: 24, keep: 2, passphrase: KEY };
    const source = sourceOf(t(), dialect);
    // Two servers on the same database ask at once: one takes it.
    const [a, b] = await Promise.all([
      takeScheduledBackup(deps, source, schedule, 'server-a'),
      takeScheduledBackup(deps, source, schedule, 'server-b'),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    // Not due again within the interval, for either.
    clock.advance(23 * 3_600_000);
    expect(await takeScheduledBackup(deps, source, schedule, 'server-a')).toBeNull();
    expect(await takeScheduledBackup(deps, source, schedule, 'server-b')).toBeNull();
    const names: string[] = [];
    for (let day = 0; day < 3; day++) {
      clock.advance(24 * 3_600_000);
      const report = await takeScheduledBackup(deps, source, schedule, day % 2 ? 'server-a' : 'server-b');
      expect(report).not.toBeNull();
      names.push((report?.file ?? '').split('/').pop() as string);
    }
    expect((await readdir(dir)).sort()).toEqual(names.slice(-2));
    expect(await pruneBackups(dir, 2)).toEqual([]);
    // The newest restores.
    const into = await target();
    await restoreBackup(into, join(dir, names[2]), { passphrase: KEY });
    const restored = await openRestored(into);
    try {
      expect((await verifyAuditChain(restored.db)).ok).toBe(true);
    } finally {
      await restored.close();
    }
  });
});
