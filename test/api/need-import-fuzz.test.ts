/** Fuzzing the routes of needs from spreadsheets: whatever arrives, the answer is never a 5xx. */

import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';
import { waitFor } from '../support/wait';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '电话',
    '经纬度',
    '时间',
    '状态',
    '已获救',
    '+86 １３８ 0000 0000',
    '34.7,113.6',
    '7月20日下午3点',
    '=1+1',
    '',
    '"',
    '\n',
  ),
  fc.double().map(String),
);
const table = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 8 });

describeEachDatabase('needs from spreadsheets: fuzzing finds no 5xx', (t) => {
  let app: App;
  let network: Network;
  let incident: string;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
    const created = await call(app, 'POST', '/api/v1/incidents', {
      token: network.tokens.coordHenan,
      body: { name: '郑州暴雨', category: 'natural_disaster', type: '洪涝', level: 1, jurisdictions: ['410100'] },
    });
    incident = String(created.json.id);
  });

  const upload = (payload: Buffer, type: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident}/imports/needs${query}`,
      headers: { authorization: `Bearer ${network.tokens.coordHenan}`, 'content-type': type },
      payload,
    });

  it('random files, tables and queries on upload; jobs end done or failed, never stuck', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => ({
            bytes: Buffer.from(b),
            type: fc.sample(fc.constantFrom('text/csv', XLSX, 'application/octet-stream'), 1)[0],
          })),
          table.map((rows) => ({
            bytes: Buffer.from(rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')),
            type: 'text/csv',
          })),
        ),
        fc.constantFrom(
          '',
          '?mapping=auto',
          '?mapping=manual',
          '?defaultCategory=food&mapping=auto',
          '?defaultCategory=nope',
          '?fileName=' + 'x'.repeat(300),
        ),
        async ({ bytes, type }, query) => {
          const res = await upload(bytes, type, query);
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode === 202 && res.json().status === 'running') {
            const id = res.json().id;
            await waitFor(
              async () => {
                const job = (await call(app, 'GET', `/api/v1/imports/${id}`, { token: network.tokens.coordHenan })).json;
                return job.status === 'done' && job;
              },
              { what: `fuzzed import ${id} to finish` },
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('random workbooks with merged cells', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.nat(5), async (rows, merge) => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('s');
        for (const r of rows) sheet.addRow(r);
        if (rows.length > merge + 1) sheet.mergeCells(1, 1, merge + 2, 1);
        const res = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), XLSX, '?mapping=auto');
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 25 },
    );
  });

  it('random mapping bodies and queries', async () => {
    const started = await upload(Buffer.from('地点,电话,情况\r\n金水区,13800000000,被困\r\n'), 'text/csv');
    const id = started.json().id;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({
            columns: fc.array(fc.record({ index: fc.integer({ min: -5, max: 2000 }), field: fc.string({ maxLength: 15 }) }), {
              maxLength: 5,
            }),
          }),
          fc.record({
            columns: fc.array(
              fc.record({ index: fc.nat(4), field: fc.constantFrom('address', 'ignore', 'lat', 'number', 'note') }),
              { maxLength: 5 },
            ),
          }),
        ),
        fc.constantFrom('', '?defaultCategory=food', '?defaultCategory=%00', '?x=1'),
        async (body, query) => {
          const res = await call(app, 'POST', `/api/v1/imports/${id}/mapping${query}`, {
            token: network.tokens.coordHenan,
            body,
          });
          expect(res.status).toBeLessThan(500);
          if (res.status === 202) {
            await waitFor(
              async () => {
                const job = (await call(app, 'GET', `/api/v1/imports/${id}`, { token: network.tokens.coordHenan })).json;
                return job.status === 'done' && job;
              },
              { what: `import ${id} to finish` },
            );
          }
        },
      ),
      { numRuns: 60 },
    );
    for (const path of [`/api/v1/imports/${id}x/mapping`, '/api/v1/imports/%00/mapping']) {
      expect((await call(app, 'POST', path, { token: network.tokens.coordHenan, body: { columns: [] } })).status).toBeLessThan(
        500,
      );
    }
    const body = { lat: 'x', lon: 1e9 };
    expect((await call(app, 'POST', '/api/v1/needs/nope/location', { token: network.tokens.coordHenan, body })).status).toBe(400);
    expect(
      (await call(app, 'GET', `/api/v1/incidents/${incident}/needs?locationNeeded=maybe`, { token: network.tokens.coordHenan }))
        .status,
    ).toBe(400);
  });
});
