/**
 * A team's field submissions (check-ins, progress reports, evidence photos) are sent again by
 * the phone's outbox until an answer arrives: the same Idempotency-Key makes one record, however
 * often it comes.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('field submissions under an Idempotency-Key', (t) => {
  let app: App;
  let network: Network;
  let deployment: string;
  let need: string;
  let claim: string;
  const member = () => ({ token: network.tokens.orgMember });

  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
    const coord = { token: network.tokens.coordHenan };
    const incident = await call(app, 'POST', '/api/v1/incidents', {
      ...coord,
      body: { name: '新乡内涝', category: 'natural_disaster', type: '内涝', level: 2, jurisdictions: ['410100'] },
    });
    const reported = await call(app, 'POST', `/api/v1/incidents/${incident.json.id}/needs`, {
      ...coord,
      body: { title: '村里有人被困', category: 'search_rescue', quantity: 1, jurisdiction: '410182', lat: 34.78, lon: 113.35 },
    });
    need = (reported.json.need as { id: string }).id;
    const claimed = await call(app, 'POST', `/api/v1/needs/${need}/claims`, {
      token: network.tokens.orgAdmin,
      body: { organizationId: network.orgs.zhengzhouTeam },
    });
    expect(claimed.status).toBe(201);
    claim = (claimed.json.claim as { id: string }).id;
    const filed = await call(app, 'POST', `/api/v1/incidents/${incident.json.id}/deployments`, {
      token: network.tokens.orgAdmin,
      body: {
        organizationId: network.orgs.zhengzhouTeam,
        teamName: '蓝天二队',
        leaderName: '李队长',
        leaderPhone: '13900002222',
        headcount: 4,
        origin: '410102',
      },
    });
    expect(filed.status).toBe(201);
    deployment = String(filed.json.id);
    const approved = await call(app, 'POST', `/api/v1/deployments/${deployment}/transitions`, {
      ...coord,
      body: { to: 'approved' },
    });
    expect(approved.status).toBe(200);
  });

  const checkIns = async () =>
    t()
      .deps.db.selectFrom('deployment_events')
      .select(['note', 'lat', 'lon'])
      .where('deployment_id', '=', deployment)
      .where('kind', '=', 'check_in')
      .execute();
  const needEvents = async (kind: string) =>
    t().deps.db.selectFrom('need_events').select('detail').where('need_id', '=', need).where('kind', '=', kind).execute();

  it('makes one check-in however often the same key comes', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const body = { note: '已到达集结点', lat: 34.8, lon: 113.6 };
    const first = await call(app, 'POST', `/api/v1/deployments/${deployment}/check-ins`, { ...member(), body, headers });
    const again = await call(app, 'POST', `/api/v1/deployments/${deployment}/check-ins`, { ...member(), body, headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(first.json).toMatchObject({ id: deployment, status: 'approved', lastCheckInAt: expect.any(String) });
    expect(again.json).toEqual(first.json);
    expect(await checkIns()).toEqual([{ note: '已到达集结点', lat: 34.8, lon: 113.6 }]);

    // Another body under the same key is not taken for the same check-in.
    const changed = await call(app, 'POST', `/api/v1/deployments/${deployment}/check-ins`, {
      ...member(),
      body: { note: '另一次报到' },
      headers,
    });
    expect(changed.json).toMatchObject({ status: 422, code: 'idempotency_mismatch', field: 'Idempotency-Key' });
    // A fresh key is a fresh check-in; no key at all still works as before.
    const fresh = { 'idempotency-key': randomUUID() };
    expect(
      (await call(app, 'POST', `/api/v1/deployments/${deployment}/check-ins`, { ...member(), body, headers: fresh })).status,
    ).toBe(200);
    expect((await call(app, 'POST', `/api/v1/deployments/${deployment}/check-ins`, { ...member(), body: {} })).status).toBe(200);
    expect(await checkIns()).toHaveLength(3);
  });

  it('refuses an empty or blank key with a 400 and records nothing', async () => {
    for (const key of ['', '   ']) {
      const res = await call(app, 'POST', `/api/v1/deployments/${deployment}/check-ins`, {
        ...member(),
        body: { note: '空键' },
        headers: { 'idempotency-key': key },
      });
      expect(res.json).toMatchObject({ status: 400, code: 'invalid_input', field: 'Idempotency-Key' });
      const progress = await call(app, 'POST', `/api/v1/claims/${claim}/progress`, {
        ...member(),
        body: { note: '空键' },
        headers: { 'idempotency-key': key },
      });
      expect(progress.json).toMatchObject({ status: 400, code: 'invalid_input', field: 'Idempotency-Key' });
    }
    expect((await checkIns()).filter((c) => c.note === '空键')).toEqual([]);
    expect((await needEvents('progress')).filter((e) => e.detail.includes('空键'))).toEqual([]);
  });

  it('makes one progress report, and a replay after the claim ended still answers with the need', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const first = await call(app, 'POST', `/api/v1/claims/${claim}/progress`, {
      ...member(),
      body: { note: '已派人前往' },
      headers,
    });
    const again = await call(app, 'POST', `/api/v1/claims/${claim}/progress`, {
      ...member(),
      body: { note: '已派人前往' },
      headers,
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ id: need, status: 'in_progress' });
    expect(again.json).toEqual(first.json);
    expect(await needEvents('progress')).toHaveLength(1);

    const doneKey = { 'idempotency-key': randomUUID() };
    const done = await call(app, 'POST', `/api/v1/claims/${claim}/progress`, {
      ...member(),
      body: { done: true },
      headers: doneKey,
    });
    expect(done.json).toMatchObject({ id: need, fulfilledQuantity: 1 });
    // The claim is fulfilled now: without the key a second "done" is refused, with it the first answer comes back.
    const replayed = await call(app, 'POST', `/api/v1/claims/${claim}/progress`, {
      ...member(),
      body: { done: true },
      headers: doneKey,
    });
    expect(replayed.status).toBe(200);
    expect(replayed.json).toMatchObject({ id: need, fulfilledQuantity: 1 });
    const unkeyed = await call(app, 'POST', `/api/v1/claims/${claim}/progress`, { ...member(), body: { done: true } });
    expect(unkeyed.json).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect(await needEvents('fulfilled')).toHaveLength(1);

    // The same key on another claim is a different submission, not a replay of this one.
    const other = await call(app, 'POST', `/api/v1/claims/${randomUUID()}/progress`, {
      ...member(),
      body: { note: '已派人前往' },
      headers,
    });
    expect(other.json).toMatchObject({ status: 422, code: 'idempotency_mismatch' });
  });

  it('stores one evidence photo for a retried upload', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    const key = randomUUID();
    const upload = (content: Buffer) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/needs/${need}/evidence`,
        headers: { authorization: `Bearer ${network.tokens.coordHenan}`, 'content-type': 'image/png', 'idempotency-key': key },
        payload: content,
      });
    const first = await upload(png);
    const again = await upload(png);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect((first.json() as { file: string }).file).toMatch(/\.png$/);
    expect(await needEvents('evidence')).toHaveLength(1);
    expect(readdirSync(join(t().deps.dataDir, 'evidence', need))).toEqual([(first.json() as { file: string }).file]);
    const otherPhoto = await upload(Buffer.concat([png, Buffer.from([1])]));
    expect(otherPhoto.statusCode).toBe(422);
    expect(otherPhoto.json()).toMatchObject({ code: 'idempotency_mismatch' });
  });

  it('documents the header on the field routes in the OpenAPI description', async () => {
    const spec = (await call(app, 'GET', '/api/openapi.json')).json as {
      paths: Record<string, { post: { parameters?: { in: string; name: string }[] } }>;
    };
    for (const path of [
      '/api/v1/deployments/{id}/check-ins',
      '/api/v1/claims/{id}/progress',
      '/api/v1/needs/{id}/evidence',
      '/api/v1/incidents/{id}/needs',
    ]) {
      expect(spec.paths[path].post.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
    }
  });
});
