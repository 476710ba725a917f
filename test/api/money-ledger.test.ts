/**
 * Money in the ledger: an organization records money received (against a money pledge, not
 * beyond what is still pledged, or directly), disbursed (not beyond what it holds, also when
 * many disbursements race) and given back; the ledger balances and its totals show each stage;
 * the donor's path and the transparency page show the money without naming the donor; money
 * raised publicly without the qualification is flagged to the coordinators. Every role, and
 * bad input, asserted on the bodies.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];

/** Recording the Zhengzhou team's money: its people and a platform admin; an organization elsewhere is out of scope; nobody else. */
const RECORD: Record<Who, { status: number; code?: string }> = {
  anonymous: { status: 401, code: 'not_authenticated' },
  admin: { status: 201 },
  coordHenan: { status: 403, code: 'forbidden' },
  coordGuangdong: { status: 403, code: 'forbidden' },
  agencyStaff: { status: 403, code: 'out_of_scope' },
  orgAdmin: { status: 201 },
  orgMember: { status: 201 },
  observer: { status: 403, code: 'forbidden' },
};

const MOVEMENT_FIELDS = [
  'actorId',
  'amountFen',
  'at',
  'heldFen',
  'id',
  'incidentId',
  'kind',
  'needId',
  'offerId',
  'organizationId',
  'purpose',
  'raisedPublicly',
  'transactionId',
];

const DONOR = '王秀英';
const PHONE = '13912345678';

describeEachDatabase('money in the ledger', (t) => {
  let app: App;
  let n: Network;
  let incident: string;
  let team: string;
  let offerId: string;
  let referenceCode: string;
  let serial = 0;
  const key = () => `5e1f0c2a-7b3d-4e8f-9a6b-${String(++serial).padStart(12, '0')}`;
  const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : n.tokens[who]);
  const post = (path: string, body: unknown, who: Who = 'orgAdmin', headers: Record<string, string> = {}) =>
    call(app, 'POST', `/api/v1/incidents/${incident}/${path}`, { token: tokenOf(who), body, headers });
  const ledger = async () => {
    const answer = await call(app, 'GET', `/api/v1/incidents/${incident}/ledger?limit=200`, { token: n.tokens.coordHenan });
    expect(answer.status).toBe(200);
    return answer.json as {
      stages: Record<string, number | string>[];
      flows: { kind: string; asset: string; amount: number }[];
      reconciled: { ok: boolean; balancesSumToZero: boolean };
      unqualifiedFundraising: { organizationId: string; amountFen: number; subjectKind: string; organizationName: string }[];
    };
  };
  const money = async () => (await ledger()).stages.find((s) => s.asset === 'money');

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    team = n.orgs.zhengzhouTeam;
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '资金演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    const offer = await call(app, 'POST', `/api/v1/public/incidents/${incident}/offers`, {
      body: { kind: 'money', amountFen: 100_000, jurisdiction: '410105', donorName: DONOR, donorPhone: PHONE },
      headers: { 'idempotency-key': key() },
    });
    expect(offer.status).toBe(201);
    referenceCode = String(offer.json.referenceCode);
    offerId = String((offer.json.offer as { id: string }).id);
  });

  it('receives money against a pledge, never beyond what is still pledged, and once per Idempotency-Key', async () => {
    const idem = { 'idempotency-key': key() };
    const first = await post('money-receipts', { organizationId: team, amountFen: 60_000, referenceCode }, 'orgAdmin', idem);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ kind: 'receipt', amountFen: 60_000, offerId, organizationId: team, heldFen: 60_000 });
    const again = await post('money-receipts', { organizationId: team, amountFen: 60_000, referenceCode }, 'orgAdmin', idem);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    const over = await post('money-receipts', { organizationId: team, amountFen: 50_000, offerId });
    expect(over.status).toBe(409);
    expect(over.json).toMatchObject({ code: 'exceeds_pledge', field: 'amountFen', remaining: 40_000 });
    const rest = await post('money-receipts', { organizationId: team, amountFen: 40_000, offerId });
    expect(rest.status).toBe(201);
    expect(rest.json.heldFen).toBe(100_000);
    const none = await post('money-receipts', { organizationId: team, amountFen: 1, offerId });
    expect(none.json).toMatchObject({ status: 409, code: 'exceeds_pledge', remaining: 0 });
    const offers = await call(app, 'GET', `/api/v1/incidents/${incident}/offers`, { token: n.tokens.coordHenan });
    expect(
      (offers.json.items as { id: string; status: string; receivedQuantity: number }[]).find((o) => o.id === offerId),
    ).toMatchObject({ status: 'received', receivedQuantity: 100_000 });
    expect(await money()).toMatchObject({ pledged: 0, received: 1000, held: 1000, disbursed: 0 });
  });

  it('disburses and gives back only what the organization holds, and the ledger balances', async () => {
    expect((await post('money-receipts', { organizationId: team, amountFen: 20_000, note: '队员自筹' })).json).toMatchObject({
      offerId: null,
      heldFen: 120_000,
    });
    const spent = await post('disbursements', { organizationId: team, amountFen: 30_000, purpose: '购买帐篷' });
    expect(spent.status).toBe(201);
    expect(spent.json).toMatchObject({ kind: 'disbursement', purpose: '购买帐篷', heldFen: 90_000 });
    const overdraw = await post('disbursements', { organizationId: team, amountFen: 90_001, purpose: '购买冲锋舟' });
    expect(overdraw.status).toBe(409);
    expect(overdraw.json).toMatchObject({ code: 'insufficient_funds', field: 'amountFen', available: 90_000 });
    const back = await post('money-returns', {
      organizationId: team,
      amountFen: 10_000,
      referenceCode,
      reason: '捐赠人要求退回',
    });
    expect(back.status).toBe(201);
    expect(back.json).toMatchObject({ kind: 'return', offerId, purpose: '捐赠人要求退回', heldFen: 80_000 });
    const tooMuch = await post('money-returns', { organizationId: team, amountFen: 95_000, offerId, reason: '退回' });
    expect(tooMuch.json).toMatchObject({ status: 409, code: 'exceeds_pledge', remaining: 90_000 });
    const l = await ledger();
    expect(l.stages.find((s) => s.asset === 'money')).toMatchObject({
      pledged: 0,
      received: 1200,
      held: 800,
      disbursed: 300,
      returned: 100,
    });
    expect(l.flows).toEqual(
      expect.arrayContaining([
        { kind: 'disburse', asset: 'money', amount: 300 },
        { kind: 'receive', asset: 'money', amount: 1200 },
      ]),
    );
    expect(l.reconciled).toMatchObject({ ok: true, balancesSumToZero: true });
  });

  it('lets exactly the affordable ones of many concurrent disbursements through', async () => {
    const spare = n.orgs.zhengzhouSpare;
    expect((await post('money-receipts', { organizationId: spare, amountFen: 10_000 }, 'admin')).status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post('disbursements', { organizationId: spare, amountFen: 3_000, purpose: `饮用水第${i + 1}批` }, 'admin'),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.json).toMatchObject({ code: 'insufficient_funds' });
      expect(a.json.available).toBeLessThan(3_000);
    }
    const last = await post('disbursements', { organizationId: spare, amountFen: 1_001, purpose: '余款' }, 'admin');
    expect(last.json).toMatchObject({ code: 'insufficient_funds', available: 1_000 });
    const l = await ledger();
    expect(l.reconciled).toMatchObject({ ok: true, balancesSumToZero: true });
    expect(l.stages.find((s) => s.asset === 'money')).toMatchObject({ received: 1300, held: 810, disbursed: 390 });
  });

  it('shows the donor the money’s path, and the public the money by organization, without a name or phone', async () => {
    const path = await call(app, 'GET', `/api/v1/public/donations/${referenceCode}`);
    expect(path.status).toBe(200);
    const steps = path.json.steps as { stage: string; quantity: number; place: string | null; traced: boolean }[];
    expect(steps.filter((s) => s.stage === 'received').map((s) => s.quantity)).toEqual([600, 400]);
    expect(steps.find((s) => s.stage === 'received')?.place).toMatch(/郑州蓝天救援队/);
    expect(steps).toContainEqual(expect.objectContaining({ stage: 'delivered', quantity: 300, traced: true }));
    expect(steps).toContainEqual(expect.objectContaining({ stage: 'returned', quantity: 100 }));
    const page = await call(app, 'GET', `/api/v1/public/incidents/${incident}/transparency`);
    expect(page.status).toBe(200);
    expect(page.json.money).toMatchObject({ pledged: 1000, received: 1300, delivered: 390, returned: 100 });
    const orgs = page.json.organizations as { organizationId: string | null; money: Record<string, number> }[];
    expect(orgs.find((o) => o.organizationId === team)?.money).toMatchObject({ received: 1200, delivered: 300, returned: 100 });
    for (const text of [JSON.stringify(path.json), JSON.stringify(page.json)]) {
      expect(text).not.toContain(DONOR);
      expect(text).not.toContain(PHONE);
    }
  });

  it('traces money given back from the donor’s own receipts, so a later disbursement is not theirs', async () => {
    const canton = n.orgs.guangzhouTeam;
    const offer = await call(app, 'POST', `/api/v1/public/incidents/${incident}/offers`, {
      body: { kind: 'money', amountFen: 5_000, jurisdiction: '410105' },
      headers: { 'idempotency-key': key() },
    });
    const code = String(offer.json.referenceCode);
    expect((await post('money-receipts', { organizationId: canton, amountFen: 3_000 }, 'admin')).status).toBe(201);
    expect(
      (await post('money-receipts', { organizationId: canton, amountFen: 5_000, referenceCode: code }, 'admin')).status,
    ).toBe(201);
    const back = await post(
      'money-returns',
      { organizationId: canton, amountFen: 5_000, referenceCode: code, reason: '捐赠人撤回' },
      'admin',
    );
    expect(back.json).toMatchObject({ heldFen: 3_000 });
    expect(
      (await post('disbursements', { organizationId: canton, amountFen: 3_000, purpose: '租用冲锋舟' }, 'admin')).status,
    ).toBe(201);
    const path = await call(app, 'GET', `/api/v1/public/donations/${code}`);
    const stages = (path.json.steps as { stage: string; quantity: number }[]).map((s) => [s.stage, s.quantity]);
    expect(stages).toEqual([
      ['pledged', 50],
      ['received', 50],
      ['returned', 50],
    ]);
  });

  it('gives back no more of a pledge than was received of it, also when several returns race', async () => {
    const offer = await call(app, 'POST', `/api/v1/public/incidents/${incident}/offers`, {
      body: { kind: 'money', amountFen: 10_000, jurisdiction: '410105' },
      headers: { 'idempotency-key': key() },
    });
    const pledge = String((offer.json.offer as { id: string }).id);
    expect((await post('money-receipts', { organizationId: team, amountFen: 10_000, offerId: pledge }, 'admin')).status).toBe(
      201,
    );
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        post('money-returns', { organizationId: team, amountFen: 3_000, offerId: pledge, reason: '重复捐赠' }, 'admin'),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 409, 409]);
    expect(answers.find((a) => a.status === 409)?.json).toMatchObject({ code: 'exceeds_pledge', remaining: 1_000 });
    expect((await ledger()).reconciled.ok).toBe(true);
  });

  describe('who may record money', () => {
    for (const who of WHO) {
      it(`${who}: ${RECORD[who].status}`, async () => {
        const expected = RECORD[who];
        const answers = [
          await post('money-receipts', { organizationId: team, amountFen: 500 }, who),
          await post('disbursements', { organizationId: team, amountFen: 100, purpose: '矿泉水' }, who),
          await post('money-returns', { organizationId: team, amountFen: 100, reason: '多收退回' }, who),
        ];
        for (const answer of answers) {
          expect(answer.status).toBe(expected.status);
          if (expected.code) {
            expect(answer.json).toMatchObject({ status: expected.status, code: expected.code });
            expect(answer.json).not.toHaveProperty('amountFen');
          } else {
            expect(Object.keys(answer.json).sort()).toEqual(MOVEMENT_FIELDS);
            expect(answer.json).toMatchObject({ organizationId: team, incidentId: incident });
          }
        }
        expect(answers.map((a) => a.json.kind ?? null)).toEqual(
          expected.code ? [null, null, null] : ['receipt', 'disbursement', 'return'],
        );
      });
    }

    it('refuses an organization that may not act, and a closed incident', async () => {
      const unknown = await post('money-receipts', { organizationId: 'no-such-org', amountFen: 100 }, 'admin');
      expect(unknown.json).toMatchObject({ status: 404, code: 'not_found' });
      const closed = (
        await declareIncident(t().deps, SYSTEM, {
          name: '已结束的演练',
          category: 'natural_disaster',
          type: '洪涝',
          level: 4,
          jurisdictions: ['410100'],
        })
      ).id;
      for (const to of ['recovery', 'closed']) {
        const moved = await call(app, 'POST', `/api/v1/incidents/${closed}/stage`, {
          token: n.tokens.coordHenan,
          body: { to, reason: `转入${to}` },
        });
        expect(moved.status).toBe(200);
      }
      const late = await call(app, 'POST', `/api/v1/incidents/${closed}/money-receipts`, {
        token: n.tokens.orgAdmin,
        body: { organizationId: team, amountFen: 100 },
      });
      expect(late.json).toMatchObject({ status: 409, code: 'archived' });
    });
  });

  describe('bad input', () => {
    it('names the field: amounts that are not a positive whole number of fen, unknown ids and fields', async () => {
      for (const amountFen of [0, -100, 1.5, 10_000_000_001, 1e300, 'ten', null]) {
        for (const [path, extra] of [
          ['money-receipts', {}],
          ['disbursements', { purpose: '帐篷' }],
          ['money-returns', { reason: '退回' }],
        ] as const) {
          const answer = await post(path, { organizationId: team, amountFen, ...extra });
          expect(answer.status, `${path} ${amountFen}`).toBe(400);
          expect(answer.json).toMatchObject({ field: 'amountFen' });
        }
      }
      const cases: [string, Record<string, unknown>, number, string, string?][] = [
        ['money-receipts', { organizationId: team, amountFen: 1, offerId: 'nope' }, 404, 'offerId'],
        ['money-receipts', { organizationId: team, amountFen: 1, referenceCode: 'ZZZZZZZZ' }, 404, 'referenceCode'],
        ['money-receipts', { organizationId: team, amountFen: 1, offerId, referenceCode }, 400, 'referenceCode'],
        ['money-receipts', { organizationId: team, amountFen: 1, colour: 'red' }, 400, 'colour', 'unknown_field'],
        ['disbursements', { organizationId: team, amountFen: 1, purpose: '帐篷', needId: 'nope' }, 404, 'needId'],
        ['disbursements', { organizationId: team, amountFen: 1, purpose: '   ' }, 400, 'purpose'],
        ['disbursements', { organizationId: team, amountFen: 1 }, 400, 'purpose'],
        ['money-returns', { organizationId: team, amountFen: 1 }, 400, 'reason'],
        ['money-returns', { amountFen: 1, reason: '退回' }, 400, 'organizationId'],
      ];
      for (const [path, body, status, field, code] of cases) {
        const answer = await post(path, body);
        expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(status);
        expect(answer.json).toMatchObject({ field, ...(code ? { code } : {}) });
      }
      const goods = await call(app, 'POST', `/api/v1/incidents/${incident}/offers`, {
        token: n.tokens.orgAdmin,
        body: { kind: 'service', note: '心理疏导', jurisdiction: '410105', organizationId: team },
      });
      expect(goods.status).toBe(201);
      const notMoney = await post('money-receipts', { organizationId: team, amountFen: 1, offerId: goods.json.id });
      expect(notMoney.json).toMatchObject({ status: 400, field: 'offerId' });
      const nowhere = await call(app, 'POST', '/api/v1/incidents/no-such-incident/disbursements', {
        token: n.tokens.orgAdmin,
        body: { organizationId: team, amountFen: 1, purpose: '帐篷' },
      });
      expect(nowhere.json).toMatchObject({ status: 404, code: 'not_found' });
    });

    it('answers arbitrary bodies with a 4xx or success, never a 5xx', async () => {
      const field = fc.oneof(
        fc.constant(undefined),
        fc.integer(),
        fc.double(),
        fc.string(),
        fc.constant(null),
        fc.boolean(),
        fc.constant(team),
        fc.constant(offerId),
        fc.constant(referenceCode),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('money-receipts', 'disbursements', 'money-returns'),
          fc.record(
            {
              organizationId: field,
              amountFen: field,
              offerId: field,
              referenceCode: field,
              raisedPublicly: field,
              purpose: field,
              reason: field,
              needId: field,
              note: field,
            },
            { requiredKeys: [] },
          ),
          async (path, body) => {
            const answer = await post(path, JSON.parse(JSON.stringify(body)));
            expect(answer.status).toBeLessThan(500);
            if (answer.status >= 400) expect(answer.json).toHaveProperty('code');
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  describe('public fundraising without the qualification', () => {
    const flags = async () => {
      const log = await call(app, 'GET', `/api/v1/incidents/${incident}/alarm-log`, { token: n.tokens.coordHenan });
      expect(log.status).toBe(200);
      return (log.json.items as { kind: string; organizationId: string; subjectId: string; subjectLabel: string }[]).filter(
        (a) => a.kind === 'unqualified_fundraising',
      );
    };

    it('flags money raised publicly by an unqualified organization to the coordinators', async () => {
      const raised = await post('money-receipts', { organizationId: team, amountFen: 12_345, raisedPublicly: true });
      expect(raised.status).toBe(201);
      expect(raised.json.raisedPublicly).toBe(true);
      const alarms = await flags();
      expect(alarms).toEqual([
        expect.objectContaining({ organizationId: team, subjectId: raised.json.id, subjectLabel: '¥123.45' }),
      ]);
      const flagged = (await ledger()).unqualifiedFundraising;
      expect(flagged).toEqual([expect.objectContaining({ organizationId: team, amountFen: 12_345, subjectKind: 'receipt' })]);
      // An offer of money recorded as raised publicly is flagged when recorded.
      const offer = await call(app, 'POST', `/api/v1/incidents/${incident}/offers`, {
        token: n.tokens.admin,
        body: {
          kind: 'money',
          amountFen: 50_000,
          jurisdiction: '410105',
          organizationId: n.orgs.guangzhouTeam,
          raisedPublicly: true,
        },
      });
      expect(offer.status).toBe(201);
      expect((await ledger()).unqualifiedFundraising).toContainEqual(
        expect.objectContaining({ organizationId: n.orgs.guangzhouTeam, amountFen: 50_000, subjectKind: 'offer' }),
      );
      // The organization's people see their own flag, not another's.
      const own = await call(app, 'GET', `/api/v1/incidents/${incident}/ledger`, { token: n.tokens.orgMember });
      expect(own.status).toBe(200);
      expect((own.json.unqualifiedFundraising as { organizationId: string }[]).map((f) => f.organizationId)).toEqual([team]);
    });

    it('does not flag an organization holding the qualification, nor money not raised publicly', async () => {
      const before = (await flags()).length;
      const qualified = await call(app, 'PATCH', `/api/v1/organizations/${n.orgs.zhengzhouSpare}`, {
        token: n.tokens.admin,
        body: { publicFundraisingQualified: true, publicFundraisingSince: '2020-01-01' },
      });
      expect(qualified.status).toBe(200);
      expect(
        (await post('money-receipts', { organizationId: n.orgs.zhengzhouSpare, amountFen: 5_000, raisedPublicly: true }, 'admin'))
          .status,
      ).toBe(201);
      expect((await post('money-receipts', { organizationId: team, amountFen: 5_000, raisedPublicly: false })).status).toBe(201);
      expect((await flags()).length).toBe(before);
      expect((await ledger()).reconciled.ok).toBe(true);
    });
  });
});
