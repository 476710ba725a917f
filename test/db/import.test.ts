import { expect, it } from 'vitest';
import { countAuditRows } from '../../src/db/repositories/audit';
import { organizationToRosterRow, ROSTER_HEADERS } from '../../src/interop/roster';
import { readTable, writeTable } from '../../src/interop/spreadsheet';
import type { Actor } from '../../src/services/context';
import { exportOrganizations } from '../../src/services/imports/export-organizations';
import { importOrganizations } from '../../src/services/imports/import-organizations';
import { listOrganizations } from '../../src/services/organizations/read-organizations';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const HENAN: Actor = { kind: 'user', userId: 'coord-henan', role: 'coordinator', organizationId: null, jurisdiction: '410000' };

const ROWS = [
  [
    '郑州蓝天救援队',
    'Zhengzhou Blue Sky',
    '救援队',
    '91350100M000100Y43',
    '郑州市民政局',
    '410102;410100',
    '34.75',
    '113.62',
    '行动介入·危机管理',
    '搜索救援;供水与卫生',
  ],
  ['坏信用代码队', '', '救援队', '91350100M000100Y44', '', '410105', '', '', '', ''],
  ['洛阳社区互助会', '', 'community_group', '', '', '410300', '', '', 'ideas:risk', 'advocacy'],
  ['', '', '救援队', '', '', '410105', '', '', '', ''],
  ['广州越界队', '', '救援队', '', '', '440100', '', '', '', ''],
  ['新乡志愿者协会', '', '志愿者协会', '', '', '410700', '91', '', '魔法介入·危机管理', ''],
];

async function file(format: 'csv' | 'xlsx') {
  return writeTable(format, '组织名录', ROSTER_HEADERS, ROWS);
}

// A database per test: each imports the roster into an empty directory of its own.
describeEachDatabase('roster import and export', { databasePer: 'test' }, (t) => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`imports a ${format.toUpperCase()} roster row by row, refusing only the bad rows, and a second import changes nothing`, async () => {
      const { deps } = t();
      const progress: number[] = [];
      const table = await readTable(await file(format));
      const first = await importOrganizations(deps, HENAN, table, (done) => {
        progress.push(done);
      });
      expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
      const refusedFields = Object.fromEntries(
        first.rows.filter((r) => r.outcome === 'refused').map((r) => [r.row, r.problems.map((p) => p.field)]),
      );
      expect(refusedFields).toEqual({
        3: ['creditCode'],
        5: ['name'],
        6: ['jurisdictions'],
        7: ['cells', 'base/lat'],
      });
      expect(first.rows.find((r) => r.row === 6)?.problems[0].message).toMatch(/jurisdiction|area|440100/i);
      expect(first.counts).toEqual({ created: 2, updated: 0, unchanged: 0, refused: 4 });
      const audited = await countAuditRows(deps.db, {});
      const second = await importOrganizations(deps, HENAN, await readTable(await file(format)));
      expect(second.counts).toEqual({ created: 0, updated: 0, unchanged: 2, refused: 4 });
      expect(await countAuditRows(deps.db, {})).toBe(audited);
      const listed = await listOrganizations(deps, SYSTEM, { q: '蓝天' }, { limit: 10 });
      expect(listed.items).toHaveLength(1);
      expect(listed.items[0]).toMatchObject({
        creditCode: '91350100M000100Y43',
        jurisdictions: ['410102', '410100'],
        base: { lat: 34.75, lon: 113.62 },
        capabilities: {
          cells: [{ strategy: 'action', phase: 'crisis' }],
          serviceCategories: ['search_rescue', 'water_sanitation'],
        },
      });
    });
  }

  it('updates a matched organization when the roster changes it (by credit code, else by name and home)', async () => {
    const { deps } = t();
    await importOrganizations(deps, HENAN, await readTable(await file('csv')));
    const changed = ROWS.map((r) => [...r]);
    changed[0][4] = '郑州市应急管理局';
    changed[2][8] = 'ideas:risk;action:risk';
    const report = await importOrganizations(deps, HENAN, await readTable(await writeTable('csv', 's', ROSTER_HEADERS, changed)));
    expect(report.counts).toEqual({ created: 0, updated: 2, unchanged: 0, refused: 4 });
    const [org] = (await listOrganizations(deps, SYSTEM, { q: '蓝天' }, { limit: 1 })).items;
    expect(org.supervisingAgency).toBe('郑州市应急管理局');
  });

  it('refuses the whole import to roles that may not register organizations', async () => {
    const { deps } = t();
    const observer: Actor = { kind: 'user', userId: 'o', role: 'observer', organizationId: null, jurisdiction: null };
    await expect(importOrganizations(deps, observer, await readTable(await file('csv')))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('exports the directory in the roster’s columns, which imports back unchanged', async () => {
    const { deps } = t();
    await importOrganizations(deps, HENAN, await readTable(await file('csv')));
    const exported = await readTable(await exportOrganizations(deps, SYSTEM, {}, 'xlsx'));
    expect(exported.headers).toEqual(ROSTER_HEADERS);
    const [org] = (await listOrganizations(deps, SYSTEM, { q: '蓝天' }, { limit: 1 })).items;
    expect(exported.rows.map((r) => Object.values(r.values))).toContainEqual(
      organizationToRosterRow(org).map((v) => (v === null ? '' : String(v))),
    );
    const again = await importOrganizations(deps, SYSTEM, exported);
    expect(again.counts.refused).toBe(0);
    expect(again.counts.created + again.counts.updated).toBe(0);
  });
});
