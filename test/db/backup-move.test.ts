/**
 * An office that started on the embedded database moves to PostgreSQL by restoring a SQLite
 * backup into it: every row of every table arrives, the audit chain verifies, the files come
 * along; a PostgreSQL backup is not restored into SQLite, and says so.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadAuditKey } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import type { Tables } from '../../src/db/schema';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import { inDependencyOrder } from '../../src/services/backup/move-to-postgres';
import { restoreBackup } from '../../src/services/backup/restore-backup';
import { takeBackup } from '../../src/services/backup/take-backup';
import { createBulletin, publishBulletin } from '../../src/services/bulletins/bulletins';
import { loadDemoNetwork } from '../../src/services/demo/demo-network';
import { addEvidence } from '../../src/services/needs/manage-needs';
import { createTestDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';
import { freshTarget, type RestoreTarget } from '../support/restore-target';

const KEY = 'backup passphrase for tests';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('the order tables are moved in', () => {
  it('puts each table after those its foreign keys name, and names the tables of a circle', () => {
    const order = inDependencyOrder([
      { name: 'claims', needs: ['needs', 'organizations'] },
      { name: 'needs', needs: ['incidents'] },
      { name: 'organizations', needs: [] },
      { name: 'incidents', needs: ['outside_the_move'] },
    ]).map((t) => t.name);
    expect(order.indexOf('incidents')).toBeLessThan(order.indexOf('needs'));
    expect(order.indexOf('needs')).toBeLessThan(order.indexOf('claims'));
    expect(order.indexOf('organizations')).toBeLessThan(order.indexOf('claims'));
    expect(() =>
      inDependencyOrder([
        { name: 'a', needs: ['b'] },
        { name: 'b', needs: ['a'] },
        { name: 'c', needs: [] },
      ]),
    ).toThrow(/the tables a, b name each other in a circle/);
  });
});

async function tableNames(db: Kysely<Tables>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}

async function countOf(db: Kysely<Tables>, table: string): Promise<number> {
  const rows = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows.rows[0].n);
}

describe.skipIf(!inject('postgresUrl'))('a SQLite backup restored into PostgreSQL', () => {
  let source: Awaited<ReturnType<typeof createTestDatabase>>;
  let work: string;
  const targets: RestoreTarget[] = [];
  let file: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'corespond-move-'));
    source = await createTestDatabase('sqlite');
    const { deps } = source;
    loadAuditKey(deps.dataDir, {});
    await loadDemoNetwork(deps);
    const need = await deps.db.selectFrom('needs').select('id').limit(1).executeTakeFirstOrThrow();
    await addEvidence(deps, SYSTEM, need.id, { content: PNG, contentType: 'image/png' });
    // A bulletin superseding another: a row naming a row of its own table.
    const author = (await deps.db.selectFrom('organizations').select('id').limit(1).executeTakeFirstOrThrow()).id;
    const bulletin = {
      jurisdiction: '410100',
      title: '汛情通报',
      body: '第一期',
      authorOrganizationId: author,
      audience: 'public' as const,
    };
    const first = await createBulletin(deps, SYSTEM, bulletin);
    await publishBulletin(deps, SYSTEM, first.id);
    await createBulletin(deps, SYSTEM, { ...bulletin, body: '第二期', supersedesId: first.id, relation: 'supersedes' });
    file = join(work, 'sqlite.backup');
    await takeBackup({ dialect: 'sqlite', dataDir: deps.dataDir }, file, { passphrase: KEY });
  }, 120_000);

  afterAll(async () => {
    for (const made of targets) await made.drop();
    await source?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('moves every row of every table and the files, and the audit chain verifies', async () => {
    const into = await freshTarget('postgres');
    targets.push(into);
    const progress: { rows: number; total: number }[] = [];
    const report = await restoreBackup(into.location, file, {
      passphrase: KEY,
      onMove: ({ rows, total }) => progress.push({ rows, total }),
    });
    const tables = await tableNames(source.database.db);
    const counts = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await countOf(source.database.db, t)])));
    expect(report.moved?.tables).toBe(tables.length);
    expect(report.moved?.rows).toBe(Object.values(counts).reduce((a: number, b) => a + (b as number), 0));
    expect(report.files).toBe(2);
    // Progress as it went: rising, ending at every row.
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((p, i) => i === 0 || p.rows > progress[i - 1].rows)).toBe(true);
    expect(progress.at(-1)).toEqual({ rows: report.moved?.rows, total: report.moved?.rows });
    expect(readdirSync(into.location.dataDir).sort()).toEqual(['evidence', 'secret.key']);

    const moved = openDatabase({ url: into.location.databaseUrl });
    try {
      for (const table of tables) expect(await countOf(moved.db, table), table).toBe(counts[table]);
      // Rows arrive as they were: the needs (text, integers, coordinates) and the organizations.
      const superseding = await moved.db.selectFrom('bulletins').select('id').where('supersedes_id', 'is not', null).execute();
      expect(superseding.length).toBeGreaterThan(0);
      for (const table of ['needs', 'organizations', 'need_claims', 'bulletins']) {
        const rows = async (db: Kysely<Tables>) => (await sql`select * from ${sql.table(table)} order by id`.execute(db)).rows;
        expect(await rows(moved.db), table).toEqual(await rows(source.database.db));
      }
      const chain = await verifyAuditChain(moved.db);
      expect(chain.ok, JSON.stringify(chain.firstBad)).toBe(true);
      expect(chain.checked).toBe((await verifyAuditChain(source.database.db)).checked);
    } finally {
      await moved.close();
    }
  });

  it('does not restore a PostgreSQL backup into SQLite, and leaves the target untouched', async () => {
    const from = await freshTarget('postgres');
    targets.push(from);
    await restoreBackup(from.location, file, { passphrase: KEY });
    const pgFile = join(work, 'postgres.backup');
    await takeBackup(from.location, pgFile, { passphrase: KEY });
    const into = await freshTarget('sqlite');
    targets.push(into);
    await expect(restoreBackup(into.location, pgFile, { passphrase: KEY })).rejects.toThrow(
      /holds a PostgreSQL database, which restores into PostgreSQL only/,
    );
    expect(readdirSync(into.location.dataDir)).toEqual([]);
  });
});
