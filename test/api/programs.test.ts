import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('programs over HTTP', (t) => {
  let app: App;
  let network: Network;
  let drill: Record<string, unknown>;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
    drill = {
      title: '金水区防汛应急演练',
      kind: 'drill',
      cell: { strategy: 'action', phase: 'risk' },
      stage: 'preparedness',
      leadOrganizationId: network.orgs.zhengzhouTeam,
      partnerIds: [network.orgs.henanAgency],
      jurisdictions: ['410105'],
      startsOn: '2026-05-01',
      endsOn: '2026-05-02',
      peopleReached: 320,
      cooperationType: 'learning',
    };
  });

  it('records a program and finds it by area, period and organization', async () => {
    const made = await call(app, 'POST', '/api/v1/programs', { token: network.tokens.orgAdmin, body: drill });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ kind: 'drill', partnerIds: [network.orgs.henanAgency], peopleReached: 320 });
    const id = String(made.json.id);
    const list = (query: string) => call(app, 'GET', `/api/v1/programs?${query}`, { token: network.tokens.observer });
    const ids = async (query: string) => ((await list(query)).json.items as { id: string }[]).map((p) => p.id);
    expect(await ids('jurisdiction=410100')).toContain(id);
    expect(await ids('jurisdiction=410000&from=2026-05-02&to=2026-06-01')).toContain(id);
    expect(await ids('jurisdiction=410100&from=2026-05-03')).not.toContain(id);
    expect(await ids('jurisdiction=440100')).not.toContain(id);
    expect(await ids(`organizationId=${network.orgs.henanAgency}`)).toContain(id);
    expect((await call(app, 'GET', `/api/v1/programs/${id}`, { token: network.tokens.observer })).json.title).toBe(drill.title);
  });

  it('names the problem in bad input, and fuzzing finds no 5xx', async () => {
    const post = (body: Record<string, unknown>) => call(app, 'POST', '/api/v1/programs', { token: network.tokens.admin, body });
    expect((await post({ ...drill, endsOn: '2026-04-01' })).json).toMatchObject({ status: 400, field: 'endsOn' });
    expect((await post({ ...drill, jurisdictions: ['999999'] })).json).toMatchObject({ status: 400, field: 'jurisdictions/0' });
    expect((await post({ ...drill, recoveryFocus: 'livelihoods' })).json).toMatchObject({ status: 400, field: 'recoveryFocus' });
    expect((await post({ ...drill, leadOrganizationId: 'nobody' })).json).toMatchObject({
      status: 404,
      field: 'leadOrganizationId',
    });
    expect((await post({ ...drill, kind: 'party' })).status).toBe(400);
    const outside = await call(app, 'POST', '/api/v1/programs', {
      token: network.tokens.coordGuangdong,
      body: drill,
    });
    expect(outside.json).toMatchObject({ status: 403, code: 'out_of_scope' });
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            title: fc.oneof(fc.string(), fc.constant(drill.title)),
            kind: fc.oneof(fc.constantFrom('drill', 'training', 'recovery_project'), fc.string()),
            recoveryFocus: fc.oneof(fc.constantFrom('livelihoods', null), fc.string()),
            cell: fc.oneof(fc.constant(drill.cell), fc.anything()),
            stage: fc.oneof(fc.constantFrom('preparedness', 'recovery'), fc.string()),
            leadOrganizationId: fc.oneof(fc.constant(network.orgs.zhengzhouTeam), fc.string()),
            partnerIds: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.anything()),
            jurisdictions: fc.oneof(fc.constant(['410105']), fc.array(fc.string(), { maxLength: 3 })),
            startsOn: fc.oneof(fc.constant('2026-05-01'), fc.string()),
            endsOn: fc.oneof(fc.constantFrom('2026-04-30', '2026-06-01', null), fc.string()),
            peopleReached: fc.oneof(fc.integer(), fc.double(), fc.string()),
            cooperationType: fc.oneof(fc.constant('learning'), fc.string()),
          },
          { requiredKeys: [] },
        ),
        fc.string({ maxLength: 12 }),
        async (body, text) => {
          expect((await post(body)).status).toBeLessThan(500);
          const q = encodeURIComponent(text);
          const listed = await call(app, 'GET', `/api/v1/programs?jurisdiction=${q}&from=${q}&cursor=${q}`, {
            token: network.tokens.observer,
          });
          expect(listed.status).toBeLessThan(500);
          const coverage = await call(app, 'GET', `/api/v1/analytics/function-coverage?jurisdiction=410100&from=${q}&to=${q}`, {
            token: network.tokens.observer,
          });
          expect(coverage.status).toBeLessThan(500);
        },
      ),
      { numRuns: 50 },
    );
  });
});
