/**
 * Fuzzing the routes of records, evaluations, public Idempotency-Keys and knowledge edits:
 * whatever comes in, the answer is a 4xx problem or a success, never a 5xx.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('fuzzing records, evaluations and public keys finds no 5xx', (t) => {
  let app: App;
  let network: Network;
  let incident: string;
  let program: string;
  let lesson: string;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
    incident = (
      await declareIncident(
        t().deps,
        { kind: 'user', userId: network.users.coordHenan.id, role: 'coordinator', organizationId: null, jurisdiction: '410000' },
        { name: '洛阳暴雨', category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410300'] },
      )
    ).id;
    const made = await call(app, 'POST', '/api/v1/programs', {
      token: network.tokens.admin,
      body: {
        title: '防灾宣传',
        kind: 'advocacy',
        cell: { strategy: 'ideas', phase: 'risk' },
        stage: 'mitigation',
        leadOrganizationId: network.orgs.zhengzhouTeam,
        jurisdictions: ['410102'],
        startsOn: '2026-03-01',
        cooperationType: 'information',
      },
    });
    program = String(made.json.id);
    const recorded = await call(app, 'POST', '/api/v1/lessons', {
      token: network.tokens.admin,
      body: { kind: 'after_action_review', title: '复盘', body: '正文', jurisdiction: '410300', incidentId: incident },
    });
    lesson = String(recorded.json.id);
  });

  const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('zh', 'zh-Hant', 'en', 'pdf', 'html', 'json', ''));

  it('GET evaluations and records with arbitrary ids and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(incident), fc.string({ maxLength: 30 })),
        anyText,
        anyText,
        fc.oneof(fc.constant(network.orgs.zhengzhouTeam), fc.string({ maxLength: 30 })),
        async (id, lang, format, org) => {
          // Never actually print: a PDF is asked only for an incident that does not exist.
          const printable = format === 'pdf' && id === incident ? 'html' : format;
          const query = new URLSearchParams({ lang, format: printable }).toString();
          const evaluation = await call(app, 'GET', `/api/v1/incidents/${encodeURIComponent(id)}/evaluation?${query}`, {
            token: network.tokens.observer,
          });
          expect(evaluation.status, `${id} ${query}`).toBeLessThan(500);
          if (evaluation.status === 400) expect(evaluation.json.code).toBe('invalid_input');
          const record = await call(app, 'GET', `/api/v1/organizations/${encodeURIComponent(org)}/record?${query}`, {
            token: network.tokens.orgMember,
          });
          expect(record.status, org).toBeLessThan(500);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('public reports with arbitrary Idempotency-Keys', async () => {
    let client = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.stringMatching(/^[\x21-\x7e]{0,60}$/), fc.uuid(), fc.string({ unit: 'grapheme-ascii', maxLength: 300 })),
        async (key) => {
          const answer = await app.inject({
            method: 'POST',
            url: '/api/v1/public/needs',
            remoteAddress: `10.20.${(client >> 8) & 255}.${client++ & 255}`,
            headers: { 'idempotency-key': key },
            payload: {
              incidentId: incident,
              title: '需要帮助',
              category: 'food',
              quantity: 1,
              jurisdiction: '410302',
              lat: 34.68,
              lon: 112.45,
              contactPhone: '13800002222',
            },
          });
          expect(answer.statusCode, key).toBeLessThan(500);
          if (answer.statusCode === 400) expect(answer.json()).toMatchObject({ field: 'Idempotency-Key' });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('PATCH programs and lessons with arbitrary bodies', async () => {
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const date = fc.oneof(fc.constantFrom('2026-01-01', '2025-12-31', '2026-02-30', 'soon', ''), fc.string({ maxLength: 12 }));
    const programLike = fc.record(
      {
        title: fc.oneof(fc.string({ maxLength: 30 }), jsonValue),
        kind: fc.oneof(fc.constantFrom('drill', 'recovery_project', 'nope'), jsonValue),
        recoveryFocus: fc.oneof(fc.constantFrom('livelihoods', 'x', null), jsonValue),
        cell: fc.oneof(fc.record({ strategy: fc.constantFrom('ideas', 'x'), phase: fc.constantFrom('risk', 'y') }), jsonValue),
        leadOrganizationId: fc.oneof(fc.constant(network?.orgs.guangzhouTeam ?? 'x'), fc.string({ maxLength: 10 })),
        partnerIds: fc.oneof(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), jsonValue),
        jurisdictions: fc.oneof(fc.array(fc.constantFrom('410102', '440100', '999999', 'x'), { maxLength: 3 }), jsonValue),
        startsOn: date,
        endsOn: fc.oneof(date, fc.constant(null)),
        peopleReached: fc.oneof(fc.integer(), fc.double(), jsonValue),
        description: fc.oneof(fc.string({ maxLength: 50 }), fc.constant(null)),
        extra: jsonValue,
      },
      { requiredKeys: [] },
    );
    const lessonLike = fc.record(
      {
        title: fc.oneof(fc.string({ maxLength: 30 }), jsonValue),
        body: fc.oneof(fc.string({ maxLength: 30 }), jsonValue),
        tags: fc.oneof(fc.array(fc.string({ maxLength: 40 }), { maxLength: 25 }), jsonValue),
        performance: fc.oneof(
          fc.array(
            fc.record({
              organizationId: fc.oneof(fc.constant(network?.orgs.zhengzhouTeam ?? 'x'), fc.string({ maxLength: 10 })),
              note: fc.string({ maxLength: 20 }),
              rating: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constant(null)),
            }),
            { maxLength: 3 },
          ),
          jsonValue,
        ),
        kind: fc.constantFrom('lesson', 'experience'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        programLike,
        lessonLike,
        fc.constantFrom('admin', 'coordHenan', 'orgAdmin', 'observer') as fc.Arbitrary<keyof Network['tokens']>,
        async (p, l, who) => {
          const edited = await call(app, 'PATCH', `/api/v1/programs/${program}`, { token: network.tokens[who], body: p });
          expect(edited.status, JSON.stringify(p)).toBeLessThan(500);
          const revised = await call(app, 'PATCH', `/api/v1/lessons/${lesson}`, { token: network.tokens[who], body: l });
          expect(revised.status, JSON.stringify(l)).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
