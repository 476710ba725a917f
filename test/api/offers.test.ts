/**
 * Offers to an incident: what is needed now, public offers refused when not needed, the
 * organizations' offers with a reason, the not-needed list, and who sees a donor — for every
 * role, asserted on the bodies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];

/** Recording an offer for the Zhengzhou team. */
const RECORD: Record<Who, { status: number; code?: string }> = {
  anonymous: { status: 401, code: 'not_authenticated' },
  admin: { status: 201 },
  coordHenan: { status: 201 },
  coordGuangdong: { status: 403, code: 'out_of_scope' },
  agencyStaff: { status: 403, code: 'out_of_scope' },
  orgAdmin: { status: 201 },
  orgMember: { status: 201 },
  observer: { status: 403, code: 'forbidden' },
};

/** Reading the offers: who sees a public donor's name and phone, and who the team's own. */
const READ: Record<Who, { status: number; code?: string; publicDonor?: boolean; teamDonor?: boolean }> = {
  anonymous: { status: 401, code: 'not_authenticated' },
  admin: { status: 200, publicDonor: true, teamDonor: true },
  coordHenan: { status: 200, publicDonor: true, teamDonor: true },
  coordGuangdong: { status: 200, publicDonor: false, teamDonor: false },
  agencyStaff: { status: 200, publicDonor: false, teamDonor: false },
  orgAdmin: { status: 200, publicDonor: false, teamDonor: true },
  orgMember: { status: 200, publicDonor: false, teamDonor: true },
  observer: { status: 200, publicDonor: false, teamDonor: false },
};

/** Marking an item not needed. */
const MARK: Record<Who, { status: number; code?: string }> = {
  anonymous: { status: 401, code: 'not_authenticated' },
  admin: { status: 200 },
  coordHenan: { status: 200 },
  coordGuangdong: { status: 403, code: 'out_of_scope' },
  agencyStaff: { status: 403, code: 'forbidden' },
  orgAdmin: { status: 403, code: 'forbidden' },
  orgMember: { status: 403, code: 'forbidden' },
  observer: { status: 403, code: 'forbidden' },
};

const WATER = 'L1-0001';
const TENT = 'L1-0008';
const QUILT = 'L1-0011';
const RICE = 'L1-0005';

describeEachDatabase('offers and the needed-now list', (t) => {
  let app: App;
  let n: Network;
  let incident: string;
  const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : n.tokens[who]);
  let serial = 0;
  const key = () => `0d6c3b0e-5a7e-4c1f-9d2a-${String(++serial).padStart(12, '0')}`;
  const publicOffer = (body: Record<string, unknown>, idempotencyKey = key()) =>
    call(app, 'POST', `/api/v1/public/incidents/${incident}/offers`, { body, headers: { 'idempotency-key': idempotencyKey } });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '物资演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    const need = (item: string, quantity: number) =>
      call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
        token: n.tokens.coordHenan,
        body: {
          title: `安置点需要 ${item}`,
          category: 'shelter',
          item,
          quantity,
          jurisdiction: '410105',
          lat: 34.76,
          lon: 113.65,
        },
      });
    expect((await need(WATER, 300)).status).toBe(201);
    const tents = await need(TENT, 20);
    expect(tents.status).toBe(201);
    // The item's unit is the need's unit.
    expect(tents.json.need).toMatchObject({ item: TENT, unit: '顶', quantity: 20 });
    const claim = await call(app, 'POST', `/api/v1/needs/${(tents.json.need as { id: string }).id}/claims`, {
      token: n.tokens.orgAdmin,
      body: { organizationId: n.orgs.zhengzhouTeam, quantity: 5 },
    });
    expect(claim.status).toBe(201);
  });

  it('publishes the open quantity per item and the not-needed list, with no one in them', async () => {
    const answer = await call(app, 'GET', `/api/v1/public/incidents/${incident}/needed`);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      needed: [
        { item: WATER, quantity: 300, pledged: 0 },
        { item: TENT, quantity: 15, pledged: 0 },
      ],
      notNeeded: [],
    });
    const catalogue = await call(app, 'GET', '/api/v1/items');
    expect(catalogue.status).toBe(200);
    const items = catalogue.json.items as { code: string; codeKind: string; itemClass: string; unitZh: string }[];
    expect(items.find((i) => i.code === TENT)).toMatchObject({ codeKind: 'local', itemClass: '1', unitZh: '顶' });
    expect(items.every((i) => /^L[123]-\d{4}$/.test(i.code) && i.itemClass === i.code[1])).toBe(true);
  });

  it('takes a public offer of needed goods once per Idempotency-Key and refuses goods nobody asks for', async () => {
    const body = {
      kind: 'goods',
      item: WATER,
      quantity: 40,
      jurisdiction: '410105',
      donorName: '王女士',
      donorPhone: '138 0013 8000',
    };
    const idempotencyKey = key();
    const first = await publicOffer(body, idempotencyKey);
    expect(first.status).toBe(201);
    expect(first.json.referenceCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(first.json.offer).toMatchObject({ kind: 'goods', item: WATER, quantity: 40, status: 'pledged' });
    expect(JSON.stringify(first.json)).not.toMatch(/王女士|13800138000/);
    const retry = await publicOffer(body, idempotencyKey);
    expect(retry.status).toBe(201);
    expect(retry.json.referenceCode).toBe(first.json.referenceCode);
    const needed = await call(app, 'GET', `/api/v1/public/incidents/${incident}/needed`);
    expect((needed.json.needed as { item: string; pledged: number }[]).find((i) => i.item === WATER)?.pledged).toBe(40);

    const quilts = await publicOffer({ kind: 'goods', item: QUILT, quantity: 10, jurisdiction: '410105' });
    expect(quilts.status).toBe(422);
    expect(quilts.json).toMatchObject({ code: 'not_needed', reason: 'no_open_need', field: 'item' });
    expect(quilts.json.needed).toEqual([
      { item: WATER, quantity: 300 },
      { item: TENT, quantity: 15 },
    ]);

    const money = await publicOffer({ kind: 'money', amountFen: 50_000, jurisdiction: '110105' });
    expect(money.status).toBe(201);
    expect(money.json.offer).toMatchObject({ kind: 'money', amountFen: 50_000, item: null });
  });

  it('lets only the coordinators mark an item not needed, and refuses public offers of it with their reason', async () => {
    for (const who of WHO) {
      const answer = await call(app, 'PUT', `/api/v1/incidents/${incident}/not-needed/${RICE}`, {
        token: tokenOf(who),
        body: { reason: `${who}: 粮食已由政府储备保障` },
      });
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({ who, ...MARK[who] });
    }
    const list = await call(app, 'GET', `/api/v1/public/incidents/${incident}/needed`);
    expect(list.json.notNeeded).toEqual([{ item: RICE, reason: 'coordHenan: 粮食已由政府储备保障' }]);
    const rice = await publicOffer({ kind: 'goods', item: RICE, quantity: 25.5, jurisdiction: '410105' });
    expect(rice.status).toBe(422);
    expect(rice.json).toMatchObject({ code: 'not_needed', reason: 'marked_not_needed' });
    expect(rice.json.detail).toContain('粮食已由政府储备保障');
    const off = await call(app, 'DELETE', `/api/v1/incidents/${incident}/not-needed/${RICE}`, { token: n.tokens.coordHenan });
    expect(off.status).toBe(200);
    expect(off.json.notNeeded).toEqual([]);
    const again = await call(app, 'DELETE', `/api/v1/incidents/${incident}/not-needed/${RICE}`, { token: n.tokens.coordHenan });
    expect(again.status).toBe(404);
  });

  it('records organizations’ offers by role, and goods not needed only with a reason', async () => {
    for (const who of WHO) {
      const answer = await call(app, 'POST', `/api/v1/incidents/${incident}/offers`, {
        token: tokenOf(who),
        body: {
          kind: 'goods',
          item: TENT,
          quantity: 2,
          jurisdiction: '410102',
          organizationId: n.orgs.zhengzhouTeam,
          donorName: '队长李明',
        },
      });
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({ who, ...RECORD[who] });
      if (answer.status === 201)
        expect(answer.json).toMatchObject({
          organizationId: n.orgs.zhengzhouTeam,
          donorName: '队长李明',
          source: 'organization',
        });
    }
    const token = n.tokens.orgAdmin;
    const body = { kind: 'goods', item: QUILT, quantity: 30, jurisdiction: '410102', organizationId: n.orgs.zhengzhouTeam };
    const refused = await call(app, 'POST', `/api/v1/incidents/${incident}/offers`, { token, body });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('not_needed');
    const kept = await call(app, 'POST', `/api/v1/incidents/${incident}/offers`, {
      token,
      body: { ...body, reason: '入冬前储备' },
    });
    expect(kept.status).toBe(201);
    expect(kept.json).toMatchObject({ item: QUILT, unwantedReason: '入冬前储备', status: 'pledged' });
    const other = await call(app, 'POST', `/api/v1/incidents/${incident}/offers`, {
      token,
      body: { ...body, reason: 'x', organizationId: n.orgs.guangzhouTeam },
    });
    expect(other.json.code).toBe('out_of_scope');
  });

  it('shows donors only to the coordinators and the offering organization', async () => {
    for (const who of WHO) {
      const answer = await call(app, 'GET', `/api/v1/incidents/${incident}/offers?limit=200`, { token: tokenOf(who) });
      const expected = READ[who];
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({
        who,
        status: expected.status,
        code: expected.code,
      });
      if (answer.status !== 200) continue;
      const items = answer.json.items as {
        kind: string;
        source: string | null;
        organizationId: string | null;
        donorName: string | null;
        donorPhone: string | null;
      }[];
      const publicOne = items.find((o) => o.organizationId === null && o.kind === 'goods');
      expect(publicOne).toBeDefined();
      expect({ who, name: publicOne?.donorName ?? null, phone: publicOne?.donorPhone ?? null }).toEqual(
        expected.publicDonor ? { who, name: '王女士', phone: '13800138000' } : { who, name: null, phone: null },
      );
      const teamOnes = items.filter((o) => o.organizationId === n.orgs.zhengzhouTeam && o.donorName !== null);
      expect({ who, shown: teamOnes.length > 0 }).toEqual({ who, shown: expected.teamDonor });
      if (!expected.publicDonor) expect(JSON.stringify(answer.json)).not.toMatch(/王女士|13800138000/);
    }
  });

  it('lets the offering organization or a coordinator withdraw what was not received', async () => {
    const made = await call(app, 'POST', `/api/v1/incidents/${incident}/offers`, {
      token: n.tokens.orgMember,
      body: { kind: 'vehicle', note: '厢式货车一辆，载重 5 吨', jurisdiction: '410102', organizationId: n.orgs.zhengzhouTeam },
    });
    expect(made.status).toBe(201);
    const id = made.json.id as string;
    const observer = await call(app, 'POST', `/api/v1/offers/${id}/withdraw`, {
      token: n.tokens.observer,
      body: { reason: '不需要' },
    });
    expect(observer.json.code).toBe('forbidden');
    const gd = await call(app, 'POST', `/api/v1/offers/${id}/withdraw`, {
      token: n.tokens.coordGuangdong,
      body: { reason: '不需要' },
    });
    expect(gd.json.code).toBe('out_of_scope');
    const done = await call(app, 'POST', `/api/v1/offers/${id}/withdraw`, {
      token: n.tokens.orgAdmin,
      body: { reason: '车辆另有任务' },
    });
    expect(done.status).toBe(200);
    expect(done.json.status).toBe('withdrawn');
    const twice = await call(app, 'POST', `/api/v1/offers/${id}/withdraw`, {
      token: n.tokens.orgAdmin,
      body: { reason: '再次' },
    });
    expect(twice.json.code).toBe('invalid_transition');
  });

  describe('bad input', () => {
    it('answers every malformed offer with a 4xx naming the problem', async () => {
      const base = { kind: 'goods', item: WATER, quantity: 1, jurisdiction: '410105' };
      const cases: [Record<string, unknown>, number, string, string?][] = [
        [{ ...base, item: 'L9-9999' }, 400, 'unknown_item', 'item'],
        [{ ...base, item: undefined }, 400, 'invalid_input', 'item'],
        [{ ...base, quantity: 1.5 }, 400, 'invalid_input', 'quantity'],
        [{ ...base, quantity: -3 }, 400, 'invalid_input'],
        [{ ...base, amountFen: 100 }, 400, 'invalid_input', 'amountFen'],
        [{ kind: 'money', jurisdiction: '410105' }, 400, 'invalid_input', 'amountFen'],
        [{ kind: 'money', amountFen: 10.5, jurisdiction: '410105' }, 400, 'invalid_input'],
        [{ kind: 'money', amountFen: 100, item: WATER, jurisdiction: '410105' }, 400, 'invalid_input', 'item'],
        [{ kind: 'service', jurisdiction: '410105' }, 400, 'invalid_input', 'note'],
        [{ ...base, jurisdiction: '999999' }, 400, 'unknown_jurisdiction', 'jurisdiction'],
        [{ ...base, lat: 34.7 }, 400, 'invalid_input', 'lat'],
        [{ ...base, donorPhone: 'call me' }, 400, 'invalid_input', 'donorPhone'],
        [
          { ...base, availableFrom: '2026-12-05T10:00:00Z', availableUntil: '2026-12-04T10:00:00Z' },
          400,
          'invalid_input',
          'availableUntil',
        ],
        [{ ...base, organizationId: n.orgs.zhengzhouTeam }, 400, 'unknown_field'],
        [{ ...base, kind: 'blood' }, 400, 'invalid_input'],
      ];
      for (const [body, status, code, field] of cases) {
        const answer = await publicOffer(body);
        expect({ body, status: answer.status, code: answer.json?.code }).toEqual({ body, status, code });
        if (field) expect(answer.json.field).toBe(field);
      }
      const unknownIncident = await call(app, 'POST', '/api/v1/public/incidents/no-such/offers', {
        body: base,
        headers: { 'idempotency-key': key() },
      });
      expect(unknownIncident.status).toBe(404);
      const shortKey = await publicOffer(base, 'abc');
      expect(shortKey.status).toBe(400);
      expect((await call(app, 'GET', '/api/v1/public/incidents/no-such/needed')).status).toBe(404);
      const badItem = await call(app, 'PUT', `/api/v1/incidents/${incident}/not-needed/L9-0000`, {
        token: n.tokens.coordHenan,
        body: { reason: '不需要' },
      });
      expect(badItem.json.code).toBe('unknown_item');
    });

    it('fulfils a need for goods only by delivery, never by a done report', async () => {
      const need = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
        token: n.tokens.coordHenan,
        body: {
          title: '需要发电机',
          category: 'shelter',
          item: 'L2-0008',
          quantity: 1,
          jurisdiction: '410105',
          lat: 34.7,
          lon: 113.6,
        },
      });
      const claim = await call(app, 'POST', `/api/v1/needs/${(need.json.need as { id: string }).id}/claims`, {
        token: n.tokens.orgAdmin,
        body: { organizationId: n.orgs.zhengzhouTeam, quantity: 1 },
      });
      const done = await call(app, 'POST', `/api/v1/claims/${(claim.json.claim as { id: string }).id}/progress`, {
        token: n.tokens.orgAdmin,
        body: { done: true },
      });
      expect(done.status).toBe(409);
      expect(done.json.code).toBe('delivered_only');
      const unknown = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
        token: n.tokens.coordHenan,
        body: { title: '未知物资', category: 'shelter', item: 'L1-9999', jurisdiction: '410105', lat: 34.7, lon: 113.6 },
      });
      expect(unknown.json).toMatchObject({ code: 'unknown_item', field: 'item' });
    });
  });
});
