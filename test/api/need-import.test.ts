/**
 * Needs from spreadsheets over HTTP: a messy "救命文档" of a few hundred rows (test/support/
 * need-sheet.ts) through the proposed mapping, duplicates against existing needs and within
 * the sheet, needs waiting to be located, rows marked done, and re-importing by row identity.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';
import { messySheet, phoneOf, toGbk } from '../support/need-sheet';
import { waitFor } from '../support/wait';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface RowReport {
  row: number;
  outcome: string;
  needId: string | null;
  problems: { field: string; message: string }[];
}
type Job = Record<string, unknown> & { report: { counts: Record<string, number>; rows: RowReport[] } | null };

describeEachDatabase('needs from spreadsheets over HTTP', (t) => {
  let app: App;
  let network: Network;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
  });

  async function newIncident(): Promise<string> {
    const created = await call(app, 'POST', '/api/v1/incidents', {
      token: network.tokens.coordHenan,
      body: { name: '郑州“7·20”特大暴雨', category: 'natural_disaster', type: '洪涝', level: 1, jurisdictions: ['410100'] },
    });
    expect(created.status).toBe(201);
    return String(created.json.id);
  }

  async function upload(incident: string, file: Buffer, query = '', type = XLSX, token = network.tokens.coordHenan) {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident}/imports/needs${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      payload: file,
    });
    return { status: response.statusCode, json: response.json() as Job };
  }

  async function finished(id: string, token = network.tokens.coordHenan): Promise<Job> {
    let job: Job | undefined;
    return waitFor(
      async () => {
        job = (await call(app, 'GET', `/api/v1/imports/${id}`, { token })).json as Job;
        return job.status !== 'running' && job.status !== 'awaiting_mapping' && job;
      },
      { what: `import ${id} to finish`, lastSeen: () => job },
    );
  }

  async function needCount(incident: string, query = '') {
    return Number(
      (await call(app, 'GET', `/api/v1/incidents/${incident}/needs?limit=1${query}`, { token: network.tokens.coordHenan })).json
        .total,
    );
  }

  it('imports the messy sheet: proposed mapping, duplicates, rows to locate, rows done, refusals; re-imports by row identity', async () => {
    const incident = await newIncident();
    // A need already on the board from the caller of row 2.
    const existing = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
      token: network.tokens.coordHenan,
      body: {
        title: '孕妇需转移',
        category: 'search_rescue',
        jurisdiction: '410105',
        lat: 34.8,
        lon: 113.7,
        contactPhone: phoneOf(2).digits,
      },
    });
    expect(existing.status).toBe(201);

    const v1 = await messySheet(1);
    const started = await upload(incident, v1.file, '?fileName=%E6%95%91%E5%91%BD%E6%96%87%E6%A1%A3.xlsx');
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({
      kind: 'needs',
      incidentId: incident,
      status: 'awaiting_mapping',
      fileName: '救命文档.xlsx',
      total: v1.rows.length,
      defaultCategory: 'search_rescue',
    });
    const columns = (started.json.mapping as { columns: { index: number; header: string; field: string; sample: string[] }[] })
      .columns;
    expect(columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', 'number'],
      ['时间', 'reportedAt'],
      ['区县', 'jurisdiction'],
      ['地点', 'address'],
      ['求助人', 'contactName'],
      ['电话', 'contactPhone'],
      ['需求/情况', 'description'],
      ['人数', 'peopleAffected'],
      ['状态', 'status'],
      ['备注', 'note'],
      ['经纬度', 'coordinates'],
    ]);
    // A district merged over several rows gives every row its value.
    expect(columns[2].sample).toEqual(['金水区', '金水区', '金水区']);
    // Nothing is imported before the mapping is confirmed.
    expect(await needCount(incident)).toBe(1);
    expect((await call(app, 'GET', `/api/v1/imports/${started.json.id}`, { token: network.tokens.coordHenan })).json.status).toBe(
      'awaiting_mapping',
    );

    const confirmed = await call(app, 'POST', `/api/v1/imports/${started.json.id}/mapping?defaultCategory=shelter`, {
      token: network.tokens.coordHenan,
      body: { columns: columns.map(({ index, field }) => ({ index, field })) },
    });
    expect(confirmed.status).toBe(202);
    expect(confirmed.json).toMatchObject({ status: 'running', defaultCategory: 'shelter' });
    const again = await call(app, 'POST', `/api/v1/imports/${started.json.id}/mapping`, {
      token: network.tokens.coordHenan,
      body: { columns: [] },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('import_not_awaiting_mapping');

    const job = await finished(String(started.json.id));
    expect(job.status).toBe('done');
    const report = job.report as NonNullable<Job['report']>;
    const expected = (rows: typeof v1.rows) =>
      Object.fromEntries(
        ['created', 'duplicate', 'closed', 'needs_location', 'unchanged', 'refused'].map((o) => [
          o,
          rows.filter((r) => r.expected === o).length,
        ]),
      );
    expect(report.counts).toEqual(expected(v1.rows));
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual(v1.rows.map((r) => [r.sheetRow, r.expected]));
    // Every row but a refused one names its need; a refused one names the field and the reason.
    for (const row of report.rows) {
      if (row.outcome === 'refused') {
        expect(row.needId).toBeNull();
        expect(['contactPhone', 'coordinates']).toContain(row.problems[0].field);
        expect(row.problems[0].message).toMatch(/无法识别/);
      } else expect(row.needId).toEqual(expect.any(String));
    }
    // A row pasted twice is one need.
    const copy = v1.rows.findIndex((r) => r.copyOf !== undefined);
    expect(report.rows[copy].needId).toBe(report.rows[copy - 1].needId);

    const made = new Set(report.rows.flatMap((r) => (r.needId ? [r.needId] : []))).size;
    expect(await needCount(incident)).toBe(1 + made);
    // The board's list to locate: open needs without coordinates (those flagged as duplicates among them).
    const toLocate = v1.rows.filter(
      (r) => r.copyOf === undefined && (r.expected === 'needs_location' || (r.expected === 'duplicate' && !r.cells[10])),
    ).length;
    expect(await needCount(incident, '&locationNeeded=true&status=open')).toBe(toLocate);

    const need = async (row: number) => {
      const id = report.rows.find(
        (r) => r.row === v1.rows[row - 1 + v1.rows.slice(0, row).filter((r) => r.copyOf).length].sheetRow,
      )?.needId;
      return (await call(app, 'GET', `/api/v1/needs/${id}`, { token: network.tokens.coordHenan })).json;
    };
    // Row 4: no coordinates; the district column gives the area; phone typed as +86 … normalized; free text kept.
    const fourth = await need(4);
    expect(fourth).toMatchObject({
      lat: null,
      lon: null,
      locationNeeded: true,
      jurisdiction: '410105',
      contactPhone: phoneOf(4).digits,
      contactName: '求助人4',
      address: '郑州市金水区紫荆山路4号',
      category: 'search_rescue',
      peopleAffected: 5,
      status: 'open',
    });
    expect(fourth.description).toMatch(/一家人困在车库出口/);
    // The public title tells the category and the area, never the row's words.
    expect(fourth.title).toBe('搜索救援求助 · 金水区');
    // Row 5 names no category and has no keyword: the import's default.
    expect((await need(5)).category).toBe('shelter');
    // Row 6: coordinates written longitude first; full-width digits normalized (row 4 of the phones' cycle).
    expect(await need(6)).toMatchObject({ lat: 34.58, lon: 113.45, locationNeeded: false });
    expect((await need(9)).contactPhone).toBe(phoneOf(9).digits);
    // Row 3: marked 已获救, imported closed.
    expect(await need(3)).toMatchObject({ status: 'closed', closeReason: 'resolved_before_import', closeNote: '已获救' });
    // Row 2 repeats the need already reported by phone: created and flagged.
    const second = await need(2);
    expect((second.duplicates as { candidateId: string }[]).map((d) => d.candidateId)).toContain(
      (existing.json.need as { id: string }).id,
    );
    // A need waiting to be located is off the map until placed.
    const map = await call(app, 'GET', `/api/v1/incidents/${incident}/need-map`, { token: network.tokens.coordHenan });
    const onMap = new Set((map.json.items as { id: string }[]).map((p) => p.id));
    expect(onMap.has(String(fourth.id))).toBe(false);
    expect(onMap.has(String((await need(6)).id))).toBe(true);
    const recommended = await call(app, 'GET', `/api/v1/needs/${fourth.id}/recommendations`, {
      token: network.tokens.coordHenan,
    });
    expect(recommended.status).toBe(200);
    for (const r of recommended.json.items as { distanceKm: number | null }[]) expect(r.distanceKm).toBeNull();
    const located = await call(app, 'POST', `/api/v1/needs/${fourth.id}/location`, {
      token: network.tokens.coordHenan,
      body: { lat: 34.77, lon: 113.68 },
    });
    expect(located.json).toMatchObject({ lat: 34.77, lon: 113.68, locationNeeded: false });
    const mapAfter = await call(app, 'GET', `/api/v1/incidents/${incident}/need-map`, { token: network.tokens.coordHenan });
    expect((mapAfter.json.items as { id: string }[]).some((p) => p.id === fourth.id)).toBe(true);

    // A newer version: 20 new rows, some rows newly marked done; only those change.
    const before = await needCount(incident);
    const v2 = await messySheet(2);
    const second2 = await upload(incident, v2.file, '?mapping=auto');
    expect(second2.status).toBe(202);
    expect(second2.json.status).toBe('running');
    const job2 = await finished(String(second2.json.id));
    expect((job2.report as NonNullable<Job['report']>).counts).toEqual(expected(v2.rows));
    expect((job2.report as NonNullable<Job['report']>).rows.map((r) => [r.row, r.outcome])).toEqual(
      v2.rows.map((r) => [r.sheetRow, r.expected]),
    );
    const added = v2.rows.filter((r) => Number(r.cells[0]) > 300 && r.expected !== 'refused' && r.copyOf === undefined).length;
    expect(await needCount(incident)).toBe(before + added);
    expect(await need(5)).toMatchObject({ status: 'closed', closeReason: 'resolved_before_import' });

    // The same sheet again changes nothing.
    const third = await upload(incident, v2.file, '?mapping=auto');
    const job3 = await finished(String(third.json.id));
    const counts3 = (job3.report as NonNullable<Job['report']>).counts;
    expect(counts3).toMatchObject({ created: 0, duplicate: 0, closed: 0, needs_location: 0 });
    expect(counts3.unchanged + counts3.refused).toBe(v2.rows.length);
    expect(await needCount(incident)).toBe(before + added);
  });

  it('reads a CSV saved by Excel in GBK, and one in UTF-8 with a byte-order mark, with a mapping corrected by hand', async () => {
    const incident = await newIncident();
    const text =
      '受灾点,联系电话,求助内容,状态\r\n郑州市二七区大学路80号,０３７１－６５４３２１００,三楼被困两人,\r\n郑州市中原区建设路9号,139 3712 3456,需要饮用水,已解决\r\n';
    for (const file of [toGbk(text), Buffer.from(`\uFEFF${text}`, 'utf8')]) {
      const started = await upload(incident, file, '', 'text/csv');
      expect(started.status).toBe(202);
      const columns = (started.json.mapping as { columns: { header: string; field: string }[] }).columns;
      // 受灾点 is no header the proposal knows: the coordinator maps it to the address.
      expect(columns.map((c) => c.field)).toEqual(['ignore', 'contactPhone', 'description', 'status']);
      const confirmed = await call(app, 'POST', `/api/v1/imports/${started.json.id}/mapping`, {
        token: network.tokens.coordHenan,
        body: {
          columns: [
            { index: 0, field: 'address' },
            { index: 1, field: 'contactPhone' },
            { index: 2, field: 'description' },
            { index: 3, field: 'status' },
          ],
        },
      });
      expect(confirmed.status).toBe(202);
      const job = await finished(String(confirmed.json.id));
      const rows = (job.report as NonNullable<Job['report']>).rows;
      if (file[0] !== 0xef) expect(rows.map((r) => r.outcome)).toEqual(['needs_location', 'closed']);
      else expect(rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
      const first = (await call(app, 'GET', `/api/v1/needs/${rows[0].needId}`, { token: network.tokens.coordHenan })).json;
      expect(first).toMatchObject({
        address: '郑州市二七区大学路80号',
        contactPhone: '037165432100',
        jurisdiction: '410103',
        locationNeeded: true,
      });
    }
  });

  it('refuses bad mappings and bad files with a clear 4xx; others cannot start or read an import', async () => {
    const incident = await newIncident();
    const csv = Buffer.from('地点,电话,情况\r\n郑州市金水区1号,13800000000,被困\r\n', 'utf8');
    const started = await upload(incident, csv, '', 'text/csv');
    const id = String(started.json.id);
    for (const columns of [
      [{ index: 7, field: 'address' }],
      [
        { index: 0, field: 'address' },
        { index: 0, field: 'description' },
      ],
      [
        { index: 0, field: 'address' },
        { index: 1, field: 'address' },
      ],
      [{ index: 1, field: 'number' }],
    ]) {
      const refused = await call(app, 'POST', `/api/v1/imports/${id}/mapping`, {
        token: network.tokens.coordHenan,
        body: { columns },
      });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({ code: 'invalid_input', field: 'columns' });
    }
    expect((await upload(incident, Buffer.from('only one line\r\n'), '', 'text/csv')).status).toBe(400);
    expect((await upload(incident, Buffer.from('PK\u0003\u0004broken'), '', XLSX)).status).toBe(400);
    expect((await upload(incident, csv, '', 'text/csv', network.tokens.coordGuangdong)).status).toBe(403);
    expect((await upload(incident, csv, '', 'text/csv', network.tokens.orgAdmin)).status).toBe(403);
    expect((await call(app, 'GET', `/api/v1/imports/${id}`, { token: network.tokens.coordGuangdong })).status).toBe(403);
    expect((await call(app, 'GET', `/api/v1/imports/${id}`, { token: network.tokens.admin })).status).toBe(200);
  });
});
