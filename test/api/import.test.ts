import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { ROSTER_HEADERS } from '../../src/interop/roster';
import { readTable, writeTable } from '../../src/interop/spreadsheet';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';
import { waitFor } from '../support/wait';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describeEachDatabase('roster import over HTTP', (t) => {
  let app: App;
  let network: Network;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
  });

  /** The import's job once it has finished. */
  async function waitForJob(id: string, token: string) {
    let job: Record<string, unknown> | undefined;
    return waitFor(
      async () => {
        job = (await call(app, 'GET', `/api/v1/imports/${id}`, { token })).json;
        return job.status !== 'running' && job;
      },
      { what: `import ${id} to finish`, lastSeen: () => job },
    );
  }

  it('serves a template with Chinese headers in both formats', async () => {
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/v1/imports/organizations/template',
      headers: { authorization: `Bearer ${network.tokens.coordHenan}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(String(xlsx.headers['content-disposition'])).toMatch(/attachment/);
    expect((await readTable(xlsx.rawPayload)).headers).toEqual(ROSTER_HEADERS);
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/imports/organizations/template?format=csv',
      headers: { authorization: `Bearer ${network.tokens.coordHenan}` },
    });
    expect(csv.body.startsWith('\uFEFF组织名称')).toBe(true);
  });

  it('imports an uploaded XLSX as a job with progress and a per-row report', async () => {
    const token = network.tokens.coordHenan;
    const rows = [
      ['开封救援队', '', '救援队', '', '', '410200', '', '', '', '搜索救援'],
      ['深圳越界队', '', '救援队', '', '', '440300', '', '', '', ''],
      ['无类型队', '', '', '', '', '410200', '', '', '', ''],
    ];
    const file = await writeTable('xlsx', 's', ROSTER_HEADERS, rows);
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/organizations?fileName=roster.xlsx',
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
      payload: file,
    });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', total: 3, fileName: 'roster.xlsx' });
    const job = await waitForJob(started.json().id, token);
    expect(job).toMatchObject({
      status: 'done',
      processed: 3,
      report: { counts: { created: 1, updated: 0, unchanged: 0, refused: 2 } },
    });
    const refused = (job.report as { rows: { row: number; outcome: string; problems: { field: string }[] }[] }).rows
      .filter((r) => r.outcome === 'refused')
      .map((r) => [r.row, r.problems[0].field]);
    expect(refused).toEqual([
      [3, 'jurisdictions'],
      [4, 'kind'],
    ]);
    // Someone else cannot read another coordinator's import.
    expect(
      (await call(app, 'GET', `/api/v1/imports/${started.json().id}`, { token: network.tokens.coordGuangdong })).status,
    ).toBe(403);
  });

  it('refuses files that are not rosters', async () => {
    const token = network.tokens.admin;
    const empty = await call(app, 'POST', '/api/v1/imports/organizations', {
      token,
      body: '组织名称,组织类型\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(empty.json).toMatchObject({ status: 400, field: 'file' });
    const broken = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/organizations',
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX },
      payload: Buffer.from('PK\u0003\u0004 not really a zip'),
    });
    expect(broken.json()).toMatchObject({ status: 400, field: 'file' });
    const json = await call(app, 'POST', '/api/v1/imports/organizations', { token, body: { rows: [] } });
    expect(json.json).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('exports the directory with its filters', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/organizations/export?format=xlsx&jurisdiction=410200',
      headers: { authorization: `Bearer ${network.tokens.observer}` },
    });
    expect(res.statusCode).toBe(200);
    const table = await readTable(res.rawPayload);
    // The Kaifeng team, and the provincial agency that serves Kaifeng too; nothing from elsewhere.
    expect(table.rows.map((r) => r.values.组织名称)).toEqual(['开封救援队', expect.stringMatching(/河南省应急管理厅$/)]);
  });
});
