/** `corespond backup` and `corespond restore` as an operator runs them: messages, exit codes, and `audit verify` after. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadAuditKey } from '../../src/config';
import { corespond } from '../support/cli';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork } from '../support/fixtures';
import { freshTarget, type RestoreTarget } from '../support/restore-target';

const KEY = 'a passphrase for the cli test';

describeEachDatabase('corespond backup and restore', (t) => {
  let work: string;
  let target: RestoreTarget;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'corespond-cli-backup-'));
    await buildNetwork(t().deps);
    // The audit key file a server makes on its first start.
    loadAuditKey(t().env.CORESPOND_DATA_DIR, {});
    target = await freshTarget(t().deps.dialect);
  });
  afterAll(async () => {
    await target?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up with a warning when no key is set, restores into an empty target, and audit verify passes there', async () => {
    const file = join(work, 'plain.backup');
    const backup = await corespond(['backup', '--out', file], { ...t().env, CORESPOND_BACKUP_KEY: '' });
    expect(backup.stderr).toMatch(/CORESPOND_BACKUP_KEY is not set, so this backup is NOT encrypted/);
    expect(backup.stdout).toMatch(/wrote .*plain\.backup: \d+ bytes .* NOT encrypted/);
    expect(backup.code).toBe(0);
    const restore = await corespond(['restore', file], { ...target.env, CORESPOND_BACKUP_KEY: '' });
    expect(restore.stdout).toMatch(/restored the backup of/);
    expect(restore.code).toBe(0);
    const verify = await corespond(['audit', 'verify'], target.env);
    expect(verify.stdout).toMatch(/audit chain intact: [1-9]\d* records/);
    expect(verify.code).toBe(0);
    // The restored server's audit key is the source's: the same key file.
    expect(readFileSync(join(target.env.CORESPOND_DATA_DIR, 'secret.key'))).toEqual(
      readFileSync(join(t().env.CORESPOND_DATA_DIR, 'secret.key')),
    );
  });

  it('refuses a non-empty target with exit 2, a wrong key with 3, a damaged file with 4; --force replaces', async () => {
    const file = join(work, 'keyed.backup');
    const backup = await corespond(['backup', '--out', file], { ...t().env, CORESPOND_BACKUP_KEY: KEY });
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/, encrypted,/);
    expect(backup.code).toBe(0);
    const refused = await corespond(['restore', file], { ...target.env, CORESPOND_BACKUP_KEY: KEY });
    expect(refused.stderr).toMatch(/the target is not empty.*--force/);
    expect(refused.code).toBe(2);
    const wrongKey = await corespond(['restore', '--force', file], { ...target.env, CORESPOND_BACKUP_KEY: 'another passphrase' });
    expect(wrongKey.stderr).toMatch(/CORESPOND_BACKUP_KEY is not the key this backup was made with/);
    expect(wrongKey.code).toBe(3);
    const damaged = Buffer.from(readFileSync(file));
    damaged[damaged.length - 40] ^= 0x80;
    writeFileSync(join(work, 'damaged.backup'), damaged);
    const broken = await corespond(['restore', '--force', join(work, 'damaged.backup')], {
      ...target.env,
      CORESPOND_BACKUP_KEY: KEY,
    });
    expect(broken.stderr).toMatch(/the backup file is damaged: frame \d+ does not authenticate/);
    expect(broken.code).toBe(4);
    const forced = await corespond(['restore', '--force', file], { ...target.env, CORESPOND_BACKUP_KEY: KEY });
    expect(forced.code).toBe(0);
    const verify = await corespond(['audit', 'verify'], target.env);
    expect(verify.code).toBe(0);
  });
});
