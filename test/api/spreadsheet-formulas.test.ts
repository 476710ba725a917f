import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';
import { waitFor } from '../support/wait';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NAME = '=HYPERLINK("http://example.invalid","x")';
const AGENCY = '@SUM(1+1)';

describeEachDatabase('spreadsheet exports that open as text', (t) => {
  let app: App;
  let network: Network;
  let orgId: string;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
    const created = await call(app, 'POST', '/api/v1/organizations', {
      token: network.tokens.coordHenan,
      body: {
        kind: 'rescue_team',
        name: NAME,
        nameEn: '-12.5',
        supervisingAgency: AGENCY,
        jurisdictions: ['410300'],
        base: { lat: 34.62, lon: -12.5 },
      },
    });
    expect(created.status).toBe(201);
    orgId = String(created.json.id);
  });

  async function exported(format: 'csv' | 'xlsx') {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/organizations/export?format=${format}&jurisdiction=410300`,
      headers: { authorization: `Bearer ${network.tokens.coordHenan}` },
    });
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  }

  async function reimport(file: Buffer, contentType: string) {
    const token = network.tokens.coordHenan;
    const started = await call(app, 'POST', '/api/v1/imports/organizations', {
      token,
      body: file,
      headers: { 'content-type': contentType },
    });
    expect(started.status).toBe(202);
    let job: Record<string, unknown> | undefined;
    return waitFor(
      async () => {
        job = (await call(app, 'GET', `/api/v1/imports/${started.json.id}`, { token })).json;
        return job.status !== 'running' && job;
      },
      { what: `import ${started.json.id} to finish`, lastSeen: () => job },
    );
  }

  it('writes a formula-like name into CSV as text, numbers as numbers, and re-imports it unchanged', async () => {
    const file = await exported('csv');
    const rows = Papa.parse<string[]>(file.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const row = rows.find((r) => r[0].endsWith(NAME)) ?? [];
    expect(row.slice(0, 8)).toEqual([`'${NAME}`, '-12.5', '救援队', '', `'${AGENCY}`, '410300', '34.62', '-12.5']);
    const job = await reimport(file, 'text/csv');
    expect(job).toMatchObject({ status: 'done', report: { counts: { created: 0, updated: 0, refused: 0 } } });
    expect(job.report).toMatchObject({ counts: { unchanged: job.total } });
    const org = await call(app, 'GET', `/api/v1/organizations/${orgId}`, { token: network.tokens.coordHenan });
    expect(org.json).toMatchObject({ name: NAME, nameEn: '-12.5', supervisingAgency: AGENCY });
  });

  it('writes a formula-like name into XLSX as a text cell, not a formula, and re-imports it unchanged', async () => {
    const file = await exported('xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const at = sheet.getColumn(1).values.findIndex((v) => String(v).endsWith(NAME));
    const row = sheet.getRow(at);
    const name = row.getCell(1);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(name.value).toBe(`'${NAME}`);
    expect(row.getCell(5).value).toBe(`'${AGENCY}`);
    // Numbers stay numbers, a negative one too; a text that is a number is not marked.
    expect(row.getCell(2).value).toBe('-12.5');
    expect(row.getCell(8).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(8).value).toBe(-12.5);
    const job = await reimport(file, XLSX);
    expect(job).toMatchObject({ status: 'done', report: { counts: { created: 0, updated: 0, refused: 0 } } });
    expect(job.report).toMatchObject({ counts: { unchanged: job.total } });
    const org = await call(app, 'GET', `/api/v1/organizations/${orgId}`, { token: network.tokens.coordHenan });
    expect(org.json).toMatchObject({ name: NAME, nameEn: '-12.5', supervisingAgency: AGENCY, base: { lat: 34.62, lon: -12.5 } });
  });
});
