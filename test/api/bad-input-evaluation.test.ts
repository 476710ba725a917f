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
        fc.oneof(
          fc.stringMatching(/^[\x21-\x7e]{0,60}$/),
          fc.uuid(),
          fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
        ),
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
});
