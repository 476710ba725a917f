/**
 * Bad input to early warnings: named cases each answered with a 4xx problem naming what is
 * wrong, and fuzzing — arbitrary warning bodies, changes, CAP documents (random and mutated
 * from a valid one), queries and path ids get a 4xx problem or success, never a 5xx.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { validateCap } from '../../src/interop/cap/validate-cap';
import { CAP_CATEGORIES, CAP_CERTAINTIES, CAP_URGENCIES } from '../../src/model/alert';
import { publishAlert } from '../../src/services/alerts/publish-alert';
import { call, testApp } from '../support/api';
import { chineseCap } from '../support/cap';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
const valid = () => ({
  event: '暴雨',
  headline: '暴雨蓝色预警',
  warningColor: 'blue',
  category: 'Met',
  urgency: 'Expected',
  certainty: 'Possible',
  jurisdictions: ['410105'],
  expires: inADay(),
});

describeEachDatabase('bad input to early warnings', (t) => {
  let app: App;
  let n: Network;
  let token: string;
  let alert: string;
  const post = (path: string, body: unknown) => call(app, 'POST', path, { token, body, headers: { 'accept-language': 'en' } });
  const ingest = (xml: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/alerts/ingest',
      headers: { 'content-type': 'application/cap+xml', authorization: `Bearer ${token}` },
      payload: xml,
    });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps, { bodyLimit: 64 * 1024 });
    n = await buildNetwork(deps);
    token = n.tokens.coordHenan;
    alert = (
      await publishAlert(deps, { sender: 'corespond', allowedSenders: null }, SYSTEM, {
        ...valid(),
        warningColor: 'blue',
        category: 'Met',
        urgency: 'Expected',
        certainty: 'Possible',
      })
    ).id;
  });

  it('names the problem with a warning: colour, CAP words, areas, polygon, times, unknown fields, a missing incident', async () => {
    const cases: [Record<string, unknown>, number, string, RegExp][] = [
      [{ warningColor: 'purple' }, 400, 'invalid_input', /warningColor/],
      [{ category: 'met' }, 400, 'invalid_input', /category/],
      [{ urgency: 'Soon' }, 400, 'invalid_input', /urgency/],
      [{ certainty: 'Sure' }, 400, 'invalid_input', /certainty/],
      [{ jurisdictions: [] }, 400, 'invalid_input', /jurisdictions/],
      [{ jurisdictions: ['999999'] }, 400, 'unknown_jurisdiction', /999999/],
      [{ jurisdictions: ['41'] }, 400, 'invalid_input', /jurisdictions/],
      [
        {
          polygon: [
            [34, 113],
            [34, 113],
            [34, 113],
          ],
        },
        400,
        'invalid_polygon',
        /three distinct/,
      ],
      [
        {
          polygon: [
            [34, 113],
            [35, 114],
          ],
        },
        400,
        'invalid_input',
        /polygon/,
      ],
      [
        {
          polygon: [
            [134, 113],
            [35, 114],
            [35, 113],
          ],
        },
        400,
        'invalid_input',
        /polygon/,
      ],
      [{ expires: 'tomorrow' }, 400, 'invalid_input', /expires/],
      [{ expires: '2001-01-01T00:00:00+08:00' }, 400, 'invalid_input', /expires: must be a time after now/],
      [{ effective: inADay(), expires: inADay() }, 400, 'invalid_input', /effective/],
      [{ headline: '   ' }, 400, 'invalid_input', /headline/],
      [{ severity: 'Extreme' }, 400, 'unknown_field', /severity/],
      [{ incidentId: 'no-such-incident' }, 404, 'not_found', /incidentId/],
    ];
    for (const [change, status, code, detail] of cases) {
      const res = await post('/api/v1/alerts', { ...valid(), ...change });
      expect(res.status, JSON.stringify(change)).toBe(status);
      expect(res.json.code, JSON.stringify(change)).toBe(code);
      expect(`${res.json.detail} ${res.json.field ?? ''}`, JSON.stringify(change)).toMatch(detail);
    }
    const noReason = await post(`/api/v1/alerts/${alert}/update`, { warningColor: 'red' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.detail).toMatch(/reason/);
    const blank = await post(`/api/v1/alerts/${alert}/cancel`, { reason: '  ' });
    expect(blank.json).toMatchObject({ code: 'invalid_input', field: 'reason' });
    const missing = await post('/api/v1/alerts/nope/cancel', { reason: 'x' });
    expect(missing.status).toBe(404);
  });

  it('arbitrary warning bodies and changes', async () => {
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const point = fc.tuple(
      fc.oneof(fc.double(), fc.integer({ min: -90, max: 90 })),
      fc.oneof(fc.double(), fc.integer({ min: -180, max: 180 })),
    );
    const fields = {
      incidentId: fc.oneof(fc.constant(null), fc.string()),
      event: fc.oneof(fc.string(), jsonValue),
      headline: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('<&>"\''), fc.constant('\u0000\ud800')),
      description: fc.oneof(fc.string(), fc.constant(null), fc.constant(']]><!DOCTYPE x>&amp;')),
      instruction: fc.oneof(fc.string(), fc.constant(null)),
      warningColor: fc.oneof(fc.constantFrom('blue', 'yellow', 'orange', 'red'), fc.string()),
      category: fc.oneof(fc.constantFrom(...CAP_CATEGORIES), fc.string()),
      urgency: fc.oneof(fc.constantFrom(...CAP_URGENCIES), fc.string()),
      certainty: fc.oneof(fc.constantFrom(...CAP_CERTAINTIES), fc.string()),
      jurisdictions: fc.oneof(
        fc.array(fc.constantFrom('410105', '440106', '999999', '410000', 'x'), { maxLength: 4 }),
        jsonValue,
      ),
      polygon: fc.oneof(fc.constant(null), fc.array(point, { maxLength: 6 }), jsonValue),
      effective: fc.oneof(
        fc.constant(null),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
      ),
      expires: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constant(inADay()),
        fc.string(),
      ),
      reason: fc.oneof(fc.string(), jsonValue),
    };
    const body = fc.oneof(fc.record(fields, { requiredKeys: [] }), jsonValue);
    await fc.assert(
      fc.asyncProperty(body, body, async (a, b) => {
        for (const [path, payload] of [
          ['/api/v1/alerts', a],
          ['/api/v1/alerts/preview', a],
          [`/api/v1/alerts/${alert}/update`, b],
        ] as const) {
          const res = await post(path, payload);
          expect(res.status, `${path} ${JSON.stringify(payload)}`).toBeLessThan(500);
          if (res.status >= 400) expect(res.json.code, JSON.stringify(res.json)).toBeTypeOf('string');
          // Whatever was accepted went out as a valid CAP document.
          if (res.status === 201) {
            const cap = await app.inject({ method: 'GET', url: `/api/v1/public/alerts/${res.json.id}?format=cap` });
            expect(await validateCap(cap.body), cap.body).toEqual([]);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('arbitrary CAP documents: random text and mutations of a valid alert', async () => {
    const base = chineseCap('FUZZ-BASE', ['410105']);
    const mutation = fc.record({
      at: fc.nat({ max: base.length }),
      cut: fc.nat({ max: 40 }),
      insert: fc.oneof(
        fc.string(),
        fc.constantFrom(
          '<',
          '>',
          '&',
          '&lol;',
          '<!DOCTYPE a>',
          ']]>',
          '<![CDATA[x]]>',
          '</alert>',
          '<info>',
          '\u0000',
          '<?xml ?>',
        ),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), mutation, async (random, m) => {
        for (const xml of [random, `${base.slice(0, m.at)}${m.insert}${base.slice(m.at + m.cut)}`]) {
          const res = await ingest(xml);
          expect(res.statusCode, xml).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().code, res.body).toBeTypeOf('string');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('arbitrary ids and queries in the paths', async () => {
    const query = fc.record(
      {
        incidentId: fc.string(),
        attached: fc.oneof(fc.boolean(), fc.string()),
        origin: fc.oneof(fc.constantFrom('published', 'ingested'), fc.string()),
        current: fc.oneof(fc.boolean(), fc.string()),
        limit: fc.oneof(fc.integer({ min: -5, max: 900 }), fc.string()),
        format: fc.oneof(fc.constantFrom('json', 'geojson', 'cap', 'atom'), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 })),
        query,
        async (id, q) => {
          const enc = encodeURIComponent(id);
          const search = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();
          for (const [method, path, body] of [
            ['GET', `/api/v1/alerts?${search}`, undefined],
            ['GET', `/api/v1/alerts/${enc}`, undefined],
            ['GET', `/api/v1/incidents/${enc}/alerts`, undefined],
            ['POST', `/api/v1/alerts/${enc}/update`, { reason: '改' }],
            ['POST', `/api/v1/alerts/${enc}/cancel`, { reason: '解除' }],
            ['POST', `/api/v1/alerts/${enc}/incident`, {}],
            ['GET', `/api/v1/public/alerts?${search}`, undefined],
            ['GET', `/api/v1/public/alerts/${enc}?${search}`, undefined],
          ] as const) {
            const res = await call(app, method, path, { token, body });
            expect(res.status, `${method} ${path}`).toBeLessThan(500);
            if (res.status >= 400) expect(res.json?.code, `${method} ${path}`).toBeTypeOf('string');
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
