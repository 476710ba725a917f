/**
 * A restore does not bring erased data back: a backup taken before an erasure is restored,
 * and the register of erasures kept outside it (the target's own, a copy beside the backups)
 * is applied again, on both databases; the audit chain still verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadAuditKey } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import { restoreBackup } from '../../src/services/backup/restore-backup';
import { takeBackup } from '../../src/services/backup/take-backup';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportPublicNeed } from '../../src/services/needs/report-need';
import { erasePersonalData } from '../../src/services/retention/erase-personal-data';
import { readRegisters, reapplyAfterRestore, registerFileOf } from '../../src/services/retention/erasure-register';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';
import { freshTarget, type RestoreTarget } from '../support/restore-target';

const CANARY_PHONE = '13955554444';
const CANARY_TEXT = 'ERASED-BEFORE-RESTORE-CANARY';

describeEachDatabase('a restore re-applies the register of erasures', (t, dialect) => {
  let work: string;
  let target: RestoreTarget;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'corespond-backup-erasures-'));
    target = await freshTarget(dialect);
  });
  afterAll(async () => {
    await target?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('erases again what was erased after the backup was taken', async () => {
    const { deps } = t();
    loadAuditKey(deps.dataDir, {});
    const incident = await declareIncident(deps, SYSTEM, {
      name: '郑州暴雨',
      category: 'natural_disaster',
      type: '洪涝',
      level: 1,
      jurisdictions: ['410100'],
    });
    const report = async (description: string, phone: string) => {
      const done = await reportPublicNeed(deps, incident.id, {
        title: '饮用水',
        description,
        category: 'water_sanitation',
        quantity: 10,
        unit: '箱',
        jurisdiction: '410105',
        lat: 34.7725,
        lon: 113.6868,
        urgency: 'high',
        contactName: '王先生',
        contactPhone: phone,
      });
      if (done.replayed) throw new Error('a first report is not a replay');
      return done.reported.need.id;
    };
    const erasedNeed = await report(CANARY_TEXT, CANARY_PHONE);
    const keptNeed = await report('饮用水 保留', '13900001111');
    const file = join(work, 'before-erasure.backup');
    await takeBackup({ dialect, dataDir: deps.dataDir, databaseUrl: t().env.DATABASE_URL }, file, {
      passphrase: 'a passphrase for this test',
    });
    // After the backup: one person asks for their data to be erased.
    await erasePersonalData(deps, SYSTEM, [{ scope: 'need', subjectId: erasedNeed }], 'request');
    const kept = await readRegisters([registerFileOf(deps)]);
    expect(kept).toHaveLength(1);

    let result = { reapplied: 0, present: 0 };
    await restoreBackup(target.location, file, {
      passphrase: 'a passphrase for this test',
      auditKey: () => loadAuditKey(target.location.dataDir, {}),
      afterRestore: async (restored) => {
        result = await reapplyAfterRestore(kept)(restored);
      },
    });
    expect(result).toEqual({ reapplied: 1, present: 0 });

    const database = openDatabase({ url: target.location.databaseUrl, dataDir: target.location.dataDir });
    try {
      const needs = await database.db
        .selectFrom('needs')
        .select(['id', 'title', 'description', 'contact_name', 'contact_phone'])
        .execute();
      const text = JSON.stringify(needs);
      expect(text).not.toContain(CANARY_PHONE);
      expect(text).not.toContain(CANARY_TEXT);
      // The other person's report is untouched, and both needs are still counted.
      expect(text).toContain('13900001111');
      expect(needs.map((n) => n.id).sort()).toEqual([erasedNeed, keptNeed].sort());
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
      // The restored register now holds the erasure, so the next restore knows it too.
      expect((await readRegisters([join(target.location.dataDir, 'erasures.jsonl')])).map((e) => e.id)).toEqual(
        kept.map((e) => e.id),
      );
    } finally {
      await database.close();
    }
  });
});
