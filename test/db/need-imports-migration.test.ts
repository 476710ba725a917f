/**
 * Migration 0015 on SQLite rebuilds the needs table to make its coordinates nullable: needs
 * recorded before it, and the history and duplicate flags that reference them, come through
 * unchanged, with their indexes, and foreign keys are on again afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type Migration, Migrator, SqliteDialect, sql } from 'kysely';
import { expect, it } from 'vitest';
import * as m1 from '../../src/db/migrations/0001-foundation';
import * as m2 from '../../src/db/migrations/0002-membership';
import * as m3 from '../../src/db/migrations/0003-embedding';
import * as m4 from '../../src/db/migrations/0004-capacity';
import * as m5 from '../../src/db/migrations/0005-imports';
import * as m6 from '../../src/db/migrations/0006-incidents';
import * as m7 from '../../src/db/migrations/0007-needs';
import * as m8 from '../../src/db/migrations/0008-live-events';
import * as m9 from '../../src/db/migrations/0009-need-lookups';
import * as m10 from '../../src/db/migrations/0010-need-points';
import * as m15 from '../../src/db/migrations/0015-need-imports';

const BEFORE: Record<string, Migration> = {
  '0001': m1,
  '0002': m2,
  '0003': m3,
  '0004': m4,
  '0005': m5,
  '0006': m6,
  '0007': m7,
  '0008': m8,
  '0009': m9,
  '0010': m10,
};

it('keeps the needs recorded before it, their references and indexes (SQLite)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corespond-0015-'));
  const sqlite = new BetterSqlite3(join(dir, 'db.sqlite'));
  sqlite.pragma('foreign_keys = ON');
  // biome-ignore lint/suspicious/noExplicitAny: a schema from before the current types
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const migrate = (migrations: Record<string, Migration>) =>
      new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    expect((await migrate(BEFORE)).error).toBeUndefined();
    const at = '2021-07-20T10:00:00.000Z';
    await db
      .insertInto('incidents')
      .values({
        id: 'i1',
        name: '暴雨',
        category: 'natural_disaster',
        type: '洪涝',
        level: 1,
        jurisdictions: '["410100"]',
        stage: 'response',
        policy: '{}',
        declared_by: 'u',
        created_at: at,
        updated_at: at,
      })
      .execute();
    const need = (id: string, phone: string | null) => ({
      id,
      incident_id: 'i1',
      title: '被困',
      kind: 'agent_generated',
      category: 'search_rescue',
      quantity: 1,
      unit: '项',
      jurisdiction: '410105',
      lat: 34.75,
      lon: 113.62,
      cell: '347:1136',
      urgency: 'high',
      vulnerable_groups: '[]',
      contact_phone: phone,
      source: 'coordinator',
      verification_level: 'verified',
      status: 'open',
      claimed_quantity: 0,
      fulfilled_quantity: 0,
      created_by: 'u',
      created_at: at,
      updated_at: at,
    });
    await db
      .insertInto('needs')
      .values([need('n1', '13800000000'), need('n2', null)])
      .execute();
    await db
      .insertInto('need_events')
      .values({ need_id: 'n1', seq: 1, kind: 'reported', detail: '{}', actor_id: 'u', at })
      .execute();
    await db
      .insertInto('need_duplicates')
      .values({ need_id: 'n2', candidate_id: 'n1', score: 0.7, reasons: '[]', status: 'open', created_at: at })
      .execute();

    expect((await migrate({ ...BEFORE, '0015': m15 })).error).toBeUndefined();

    const rows = await db.selectFrom('needs').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.lat, r.lon, r.cell, r.contact_phone, r.location_needed])).toEqual([
      ['n1', 34.75, 113.62, '347:1136', '13800000000', 0],
      ['n2', 34.75, 113.62, '347:1136', null, 0],
    ]);
    // A need known only by its address can now be recorded.
    await db
      .insertInto('needs')
      .values({ ...need('n3', null), lat: null, lon: null, cell: null, location_needed: 1 })
      .execute();
    const indexes = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'index' and tbl_name = 'needs' and sql is not null order by name`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual([
      'needs_incident_id',
      'needs_incident_status',
      'needs_location_needed',
      'needs_phone',
      'needs_place',
      'needs_receipt',
    ]);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // The references still hold: history of an unknown need is refused.
    await expect(
      db.insertInto('need_events').values({ need_id: 'nope', seq: 1, kind: 'x', detail: '{}', actor_id: 'u', at }).execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(await db.selectFrom('need_duplicates').select('need_id').execute()).toEqual([{ need_id: 'n2' }]);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
