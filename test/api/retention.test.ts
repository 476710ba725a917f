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
import { readRegister, registerFileOf } from '../../src/services/retention/erasure-register';
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
