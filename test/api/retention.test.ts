/**
 * Personal-data retention: once CORESPOND_PERSONAL_DATA_DAYS have passed since its incident
 * closed (on the test clock), the personal data of affected people, reporters and donors
 * reads as erased everywhere — API answers, the database's tables, evidence files, the audit
 * log — while the audit chain verifies and the analytics' figures stay as they were.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { listAuditRecords } from '../../src/services/audit/list-audit-records';
import { openSealed } from '../../src/services/audit/open-sealed';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import { readRegister, reapplyErasures, registerFileOf } from '../../src/services/retention/erasure-register';
import { sweepRetention } from '../../src/services/retention/sweep-retention';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

const CANARIES = [
  'RETENTION-CANARY-DESCRIPTION',
  'RETENTION-CANARY-CONTACT',
  '13955550001',
  'RETENTION-CANARY-ADDRESS',
  'RETENTION-CANARY-CLAIM-NOTE',
  'RETENTION-CANARY-CLOSE-NOTE',
  'RETENTION-CANARY-PUBLIC-CONTACT',
  '13955550002',
  'RETENTION-CANARY-DONOR',
  '13955550003',
  'RETENTION-CANARY-DONOR-NOTE',
];
const EXACT = ['34.7654321', '113.6123456', '34.7345678', '113.6345678', '34.7111111', '113.6222222'];
const DAY = 86_400_000;
const FIGURES = ['special-needs', 'lifecycle', 'function-coverage', 'who-what-where'];

/** Every row of every table, as text (the audit log's sealed values are ciphertext, checked apart). */
async function databaseText(t: () => { deps: { db: import('kysely').Kysely<import('../../src/db/schema').Tables> } }) {
  const { db } = t().deps;
  const tables = await db.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    if (table.name.startsWith('kysely_')) continue;
    const rows = await sql`select * from ${sql.table(table.name)}`.execute(db);
    parts.push(`${table.name} ${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}

/** A figure without the map points of the 3W's places (kept coarse, not exact). */
function withoutPlacePoints(figure: unknown): unknown {
  return JSON.parse(JSON.stringify(figure), (key, value) => (key === 'lat' || key === 'lon' ? undefined : value));
}

describeEachDatabase('personal-data retention', (t) => {
  let app: App;
  let n: Network;
  let incident = '';
  let needId = '';
  let publicNeedId = '';
  let offerId = '';
  let receipt = '';
  let reference = '';
  let evidence = '';
  const figuresBefore = new Map<string, unknown>();
  const as = (who: keyof Network['tokens']) => ({ token: n.tokens[who] });
  const ok = async (answer: Promise<{ status: number; json: Record<string, unknown> }>) => {
    const { status, json } = await answer;
    expect(status, JSON.stringify(json)).toBeLessThan(300);
    return json;
  };
  let year = 0;
  const figure = async (name: string) => {
    return ok(
      call(
        app,
        'GET',
        `/api/v1/analytics/${name}?jurisdiction=410100&from=${year - 1}-01-01&to=${year + 1}-12-31`,
        as('coordHenan'),
      ),
    );
  };

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    year = t().clock.now.getUTCFullYear();
    incident = (
      await ok(
        call(app, 'POST', '/api/v1/incidents', {
          ...as('coordHenan'),
          body: { name: '保留期演练', category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410100'] },
        }),
      )
    ).id as string;
    const reported = await ok(
      call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
        ...as('coordHenan'),
        body: {
          title: '保留期求助',
          category: 'shelter',
          item: 'L1-0001',
          quantity: 4,
          jurisdiction: '410105',
          lat: 34.7654321,
          lon: 113.6123456,
          description: 'RETENTION-CANARY-DESCRIPTION',
          contactName: 'RETENTION-CANARY-CONTACT',
          contactPhone: '13955550001',
          address: 'RETENTION-CANARY-ADDRESS',
          vulnerableGroups: ['pregnant', 'elderly'],
        },
      }),
    );
    needId = (reported.need as { id: string }).id;
    const donated = await ok(
      call(app, 'POST', `/api/v1/public/incidents/${incident}/offers`, {
        body: {
          kind: 'goods',
          item: 'L1-0001',
          quantity: 30,
          jurisdiction: '410105',
          lat: 34.7111111,
          lon: 113.6222222,
          donorName: 'RETENTION-CANARY-DONOR',
          donorPhone: '13955550003',
          note: 'RETENTION-CANARY-DONOR-NOTE',
        },
      }),
    );
    offerId = (donated.offer as { id: string }).id;
    reference = donated.referenceCode as string;
    const claim = await ok(
      call(app, 'POST', `/api/v1/needs/${needId}/claims`, {
        ...as('orgAdmin'),
        body: { organizationId: n.orgs.zhengzhouTeam, quantity: 4 },
      }),
    );
    await ok(
      call(app, 'POST', `/api/v1/claims/${(claim.claim as { id: string }).id}/progress`, {
        ...as('orgAdmin'),
        body: { note: 'RETENTION-CANARY-CLAIM-NOTE' },
      }),
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    const attached = await app.inject({
      method: 'POST',
      url: `/api/v1/needs/${needId}/evidence`,
      headers: { authorization: `Bearer ${n.tokens.coordHenan}`, 'content-type': 'image/png' },
      payload: png,
    });
    expect(attached.statusCode).toBe(201);
    evidence = (attached.json() as { file: string }).file;
    const fromPublic = await ok(
      call(app, 'POST', '/api/v1/public/needs', {
        body: {
          incidentId: incident,
          title: '群众保留期求助',
          category: 'shelter',
          jurisdiction: '410105',
          lat: 34.7345678,
          lon: 113.6345678,
          contactName: 'RETENTION-CANARY-PUBLIC-CONTACT',
          contactPhone: '13955550002',
          vulnerableGroups: ['children'],
        },
      }),
    );
    receipt = fromPublic.receiptCode as string;
    publicNeedId = (fromPublic.need as { id: string }).id;
    await ok(
      call(app, 'POST', `/api/v1/needs/${publicNeedId}/close`, {
        ...as('coordHenan'),
        body: { reason: 'done_by_others', note: 'RETENTION-CANARY-CLOSE-NOTE' },
      }),
    );
    await ok(
      call(app, 'POST', `/api/v1/incidents/${incident}/stage`, { ...as('coordHenan'), body: { to: 'closed', reason: '结束' } }),
    );
    for (const name of FIGURES) figuresBefore.set(name, await figure(name));
  });

  it('keeps the data until the retention time has passed', async () => {
    const { deps, clock } = t();
    clock.advance(179 * DAY);
    expect(await sweepRetention(deps, { days: 180 })).toMatchObject({ ran: true, incidents: [] });
    const need = await ok(call(app, 'GET', `/api/v1/needs/${needId}`, as('coordHenan')));
    expect(need).toMatchObject({ contactPhone: '13955550001', address: 'RETENTION-CANARY-ADDRESS' });
    expect(await databaseText(t)).toContain('RETENTION-CANARY-DONOR');
  });

  it('erases it everywhere after the retention time, keeping what the analytics count', async () => {
    const { deps, clock, env } = t();
    clock.advance(2 * DAY);
    const report = await sweepRetention(deps, { days: 180 });
    expect(report).toMatchObject({ ran: true, incidents: [incident], counts: { needs: 2, offers: 1 } });
    expect(report.counts.keys).toBeGreaterThanOrEqual(3);

    // The API answers.
    const need = await ok(call(app, 'GET', `/api/v1/needs/${needId}`, as('coordHenan')));
    expect(need).toMatchObject({ title: '保留期求助', category: 'shelter', quantity: 4, jurisdiction: '410105' });
    expect(need.contactPhone ?? null).toBeNull();
    expect(need.contactName ?? null).toBeNull();
    expect(need.address ?? null).toBeNull();
    expect(need.description ?? null).toBeNull();
    // The exact point became its cell's centre on the public grid.
    expect(need).toMatchObject({ lat: 34.765, lon: 113.615 });
    const offer = await ok(call(app, 'GET', `/api/v1/offers/${offerId}`, as('coordHenan')));
    expect(offer).toMatchObject({ quantity: 30, donorName: null, donorPhone: null, note: null });
    const receiptAnswer = await call(app, 'GET', `/api/v1/public/receipts/${receipt}`);
    expect(receiptAnswer.status).toBe(404);
    const answers = JSON.stringify([need, offer]);
    expect(CANARIES.filter((c) => answers.includes(c))).toEqual([]);

    // Every table of the database, and the evidence photo.
    const text = await databaseText(t);
    expect(CANARIES.filter((c) => text.includes(c))).toEqual([]);
    expect(EXACT.filter((c) => text.includes(c))).toEqual([]);
    expect(text).not.toContain(receipt);
    expect(existsSync(join(env.CORESPOND_DATA_DIR, 'evidence', needId, evidence))).toBe(false);

    // The audit log: its records are all there and chain, their personal values can no longer be opened.
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true });
    const records = await listAuditRecords(deps, { kind: 'system', label: 'test' }, { entityId: needId, limit: 50 });
    const sealed = records.items.flatMap((r) => [r.before, r.after]).filter((v) => v && typeof v === 'object' && 'sealed' in v);
    expect(sealed.length).toBeGreaterThan(0);
    for (const value of sealed) {
      expect((value as { sealed: object }).sealed).toMatchObject({ erased: true });
      expect((value as { sealed: object }).sealed).not.toHaveProperty('enc');
      expect(await openSealed(deps.db, deps, value)).toHaveProperty('erased');
    }
    const audit = await ok(call(app, 'GET', `/api/v1/audit?entityId=${needId}`, as('admin')));
    expect(JSON.stringify(audit)).toContain('"erased":true');
    const erasure = (await ok(call(app, 'GET', '/api/v1/audit?entityType=erasure', as('admin')))).items as {
      action: string;
      after: Record<string, unknown>;
    }[];
    expect(erasure.map((r) => r.action)).toEqual(['personal_data.erase']);
    expect(erasure[0].after).toMatchObject({ scope: 'incident', subjectId: incident, reason: 'retention' });

    // The analytics' figures are what they were; the 3W map's place points, averages of the
    // needs' points, may move within the public grid (README, Personal-data retention).
    for (const name of FIGURES) {
      expect({ name, figure: withoutPlacePoints(await figure(name)) }).toEqual({
        name,
        figure: withoutPlacePoints(figuresBefore.get(name)),
      });
    }
    const places = (f: unknown) => (f as { byPlace: { lat: number; lon: number }[] }).byPlace;
    const [before, after] = [places(figuresBefore.get('who-what-where')), places(await figure('who-what-where'))];
    after.forEach((p, i) => {
      expect(Math.abs(p.lat - before[i].lat)).toBeLessThanOrEqual(0.01 + 1e-9);
      expect(Math.abs(p.lon - before[i].lon)).toBeLessThanOrEqual(0.01 + 1e-9);
    });

    // The register names what was erased, outside the database too.
    expect(await readRegister(registerFileOf(deps))).toMatchObject([
      { scope: 'incident', subjectId: incident, reason: 'retention' },
    ]);
    expect(reference).toBeTruthy();
  });

  it('does the same incident once', async () => {
    const { deps } = t();
    expect(await sweepRetention(deps, { days: 180 })).toMatchObject({ ran: true, incidents: [] });
    expect(await readRegister(registerFileOf(deps))).toHaveLength(1);
  });
});

describeEachDatabase('personal data on request', (t) => {
  let app: App;
  let n: Network;
  let incident = '';
  let publicNeed = '';
  let receipt = '';
  let otherNeed = '';
  const as = (who: keyof Network['tokens']) => ({ token: n.tokens[who] });
  const report = async (body: Record<string, unknown>) => {
    const answer = await call(app, 'POST', '/api/v1/public/needs', {
      body: { incidentId: incident, category: 'shelter', jurisdiction: '410105', lat: 34.7345678, lon: 113.6345678, ...body },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    return answer.json as { receiptCode: string; need: { id: string } };
  };

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    const made = await call(app, 'POST', '/api/v1/incidents', {
      ...as('coordHenan'),
      body: { name: '删除请求演练', category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410100'] },
    });
    incident = made.json.id as string;
    const reported = await report({ title: '请求删除的求助', contactName: 'REQUEST-CANARY-NAME', contactPhone: '13966660001' });
    publicNeed = reported.need.id;
    receipt = reported.receiptCode;
    otherNeed = (await report({ title: '另一求助', contactName: 'REQUEST-CANARY-OTHER', contactPhone: '13966660002' })).need.id;
  });

  it('refuses roles that do not handle requests, and names bad input', async () => {
    for (const who of ['orgAdmin', 'orgMember', 'observer', 'agencyStaff'] as const) {
      const exported = await call(app, 'GET', `/api/v1/personal-data?receipt=${receipt}`, as(who));
      expect({ who, status: exported.status, code: exported.json.code }).toEqual({ who, status: 403, code: 'forbidden' });
      const erased = await call(app, 'POST', '/api/v1/personal-data/erasures', { ...as(who), body: { receipt } });
      expect({ who, status: erased.status }).toEqual({ who, status: 403 });
    }
    expect((await call(app, 'GET', `/api/v1/personal-data?receipt=${receipt}`)).status).toBe(401);
    // A coordinator of another province does not reach this incident's people.
    expect((await call(app, 'GET', `/api/v1/personal-data?receipt=${receipt}`, as('coordGuangdong'))).status).toBe(404);
    const none = await call(app, 'GET', '/api/v1/personal-data', as('coordHenan'));
    expect(none.json).toMatchObject({ status: 400, code: 'invalid_input', field: 'receipt' });
    expect(String(none.json.detail)).toContain('exactly one of receipt, donation or phone');
    const two = await call(app, 'POST', '/api/v1/personal-data/erasures', {
      ...as('coordHenan'),
      body: { receipt, phone: '13966660001' },
    });
    expect(two.json).toMatchObject({ status: 400, code: 'invalid_input' });
    const phone = await call(app, 'GET', '/api/v1/personal-data?phone=call-me', as('coordHenan'));
    expect(phone.json).toMatchObject({ status: 400, code: 'invalid_input', field: 'phone', detail: 'not a phone number' });
    const unknown = await call(app, 'GET', '/api/v1/personal-data?receipt=NOSUCHCO', as('coordHenan'));
    expect(unknown.json).toMatchObject({ status: 404, field: 'receipt' });
  });

  it('exports one person’s data by receipt code, and records the export without it', async () => {
    const exported = await call(app, 'GET', `/api/v1/personal-data?receipt=${receipt.toLowerCase()}`, as('coordHenan'));
    expect(exported.status).toBe(200);
    const subjects = exported.json.subjects as { scope: string; id: string; record: unknown; auditRecords: unknown[] }[];
    expect(subjects.map((s) => [s.scope, s.id])).toEqual([['need', publicNeed]]);
    expect(subjects[0].record).toMatchObject({ contactName: 'REQUEST-CANARY-NAME', contactPhone: '13966660001' });
    expect(JSON.stringify(subjects[0].auditRecords)).toContain('REQUEST-CANARY-NAME');
    expect(JSON.stringify(exported.json)).not.toContain('REQUEST-CANARY-OTHER');
    const audit = await call(app, 'GET', '/api/v1/audit?entityType=personalDataRequest', as('admin'));
    const records = audit.json.items as { action: string; after: unknown }[];
    expect(records.map((r) => r.action)).toEqual(['personal_data.export']);
    expect(records[0].after).toEqual({ by: 'receipt', subjects: [{ scope: 'need', id: publicNeed }] });
    expect(JSON.stringify(records)).not.toContain(receipt);
  });

  it('erases one person at once by phone, leaving the others and the chain whole', async () => {
    const { deps } = t();
    const before = await databaseText(t);
    const erased = await call(app, 'POST', '/api/v1/personal-data/erasures', {
      ...as('admin'),
      body: { phone: '139 6666 0001' },
    });
    expect(erased.status, JSON.stringify(erased.json)).toBe(201);
    expect(erased.json).toMatchObject({
      subjects: [{ scope: 'need', id: publicNeed }],
      counts: { needs: 1, offers: 0, keys: 1 },
    });
    const text = await databaseText(t);
    expect(before).toContain('REQUEST-CANARY-NAME');
    expect(text).not.toContain('REQUEST-CANARY-NAME');
    expect(text).not.toContain('13966660001');
    expect(text).toContain('REQUEST-CANARY-OTHER');
    const need = await call(app, 'GET', `/api/v1/needs/${publicNeed}`, as('coordHenan'));
    expect(need.json).toMatchObject({ title: '请求删除的求助', contactName: null, contactPhone: null });
    expect(need.json).toMatchObject({ lat: 34.735, lon: 113.635 });
    const audit = (await call(app, 'GET', `/api/v1/audit?entityId=${publicNeed}`, as('admin'))).json.items as {
      after: unknown;
    }[];
    expect(JSON.stringify(audit)).toContain('"erased":true');
    const other = (await call(app, 'GET', `/api/v1/audit?entityId=${otherNeed}`, as('admin'))).json.items as { after: unknown }[];
    expect(JSON.stringify(other)).not.toContain('"erased"');
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true });
    // Erased: the receipt no longer finds anything.
    expect((await call(app, 'GET', `/api/v1/personal-data?receipt=${receipt}`, as('coordHenan'))).status).toBe(404);
  });

  it('applies the register again to a database restored from before the erasure', async () => {
    const { deps } = t();
    // What a backup from before the erasure holds of the need and its key, put back as a restore would.
    const kept = await t().deps.db.selectFrom('needs').selectAll().where('id', '=', otherNeed).executeTakeFirstOrThrow();
    const keyRow = await t()
      .deps.db.selectFrom('personal_data_keys')
      .selectAll()
      .where('owner_id', '=', otherNeed)
      .executeTakeFirstOrThrow();
    const erased = await call(app, 'POST', '/api/v1/personal-data/erasures', {
      ...as('coordHenan'),
      body: { phone: '13966660002' },
    });
    expect(erased.status).toBe(201);
    const restore = async () => {
      await deps.db.updateTable('needs').set(kept).where('id', '=', otherNeed).execute();
      await deps.db.updateTable('personal_data_keys').set(keyRow).where('kid', '=', keyRow.kid).execute();
      await deps.db.deleteFrom('erasures').execute();
    };
    await restore();
    expect(await databaseText(t)).toContain('REQUEST-CANARY-OTHER');
    expect(await reapplyErasures(deps)).toEqual({ reapplied: 2, present: 0 });
    let text = await databaseText(t);
    expect(text).not.toContain('REQUEST-CANARY-OTHER');
    expect(text).not.toContain('13966660002');
    expect(text).not.toContain(keyRow.wrapped as string);
    // Idempotent: again changes nothing more.
    expect(await reapplyErasures(deps)).toEqual({ reapplied: 0, present: 2 });
    text = await databaseText(t);
    expect(text).not.toContain('REQUEST-CANARY-OTHER');
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true });
  });
});
