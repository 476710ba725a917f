/**
 * Programs and lessons can be edited, and each edit is kept: which fields changed, from what
 * to what, by whom and when. Editing a review's rating changes the organization's record.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('editing programs and lessons, with history', (t) => {
  let app: App;
  let network: Network;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
  });
  const as = (who: keyof Network['tokens']) => ({ token: network.tokens[who] });

  it('edits a program and lists what each edit changed', async () => {
    const made = await call(app, 'POST', '/api/v1/programs', {
      ...as('orgAdmin'),
      body: {
        title: '防汛演练',
        kind: 'drill',
        cell: { strategy: 'action', phase: 'risk' },
        stage: 'preparedness',
        leadOrganizationId: network.orgs.zhengzhouTeam,
        jurisdictions: ['410102'],
        startsOn: '2026-06-01',
        cooperationType: 'services',
      },
    });
    expect(made.status).toBe(201);
    const id = String(made.json.id);
    t().clock.advance(60_000);
    const edited = await call(app, 'PATCH', `/api/v1/programs/${id}`, {
      ...as('orgAdmin'),
      body: { title: '社区防汛演练', peopleReached: 320, endsOn: '2026-06-02' },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ title: '社区防汛演练', peopleReached: 320, endsOn: '2026-06-02', kind: 'drill' });
    expect((await call(app, 'GET', `/api/v1/programs/${id}`, as('observer'))).json).toMatchObject({ title: '社区防汛演练' });

    // The same values again change nothing and add no revision.
    expect((await call(app, 'PATCH', `/api/v1/programs/${id}`, { ...as('admin'), body: { peopleReached: 320 } })).status).toBe(
      200,
    );
    // A coordinator of Henan may not move it to Guangdong; an end before the start is refused.
    const moved = await call(app, 'PATCH', `/api/v1/programs/${id}`, {
      ...as('coordHenan'),
      body: { jurisdictions: ['440103'] },
    });
    expect(moved.json).toMatchObject({ status: 403, code: 'out_of_scope' });
    const backwards = await call(app, 'PATCH', `/api/v1/programs/${id}`, { ...as('coordHenan'), body: { endsOn: '2026-05-01' } });
    expect(backwards.json).toMatchObject({ status: 400, field: 'endsOn' });
    // The organization's admin may not hand it to another lead.
    const handed = await call(app, 'PATCH', `/api/v1/programs/${id}`, {
      ...as('orgAdmin'),
      body: { leadOrganizationId: network.orgs.guangzhouTeam },
    });
    expect(handed.status).toBe(403);
    await call(app, 'PATCH', `/api/v1/programs/${id}`, {
      ...as('coordHenan'),
      body: { partnerIds: [network.orgs.zhengzhouSpare] },
    });

    const history = await call(app, 'GET', `/api/v1/programs/${id}/revisions`, as('orgMember'));
    expect(history.json.items).toEqual([
      {
        seq: 2,
        changes: [{ field: 'partnerIds', from: [], to: [network.orgs.zhengzhouSpare] }],
        actor: network.users.coordHenan.id,
        at: expect.any(String),
      },
      {
        seq: 1,
        changes: [
          { field: 'title', from: '防汛演练', to: '社区防汛演练' },
          { field: 'endsOn', from: null, to: '2026-06-02' },
          { field: 'peopleReached', from: 0, to: 320 },
        ],
        actor: network.users.orgAdmin.id,
        at: expect.any(String),
      },
    ]);
    const partnered = await call(app, 'GET', `/api/v1/programs?organizationId=${network.orgs.zhengzhouSpare}`, as('observer'));
    expect(partnered.json.items?.map((p) => p.id)).toContain(id);
  });

  it('edits a lesson and a review; a new rating moves the organization’s record', async () => {
    const incident = await call(app, 'POST', '/api/v1/incidents', {
      ...as('coordHenan'),
      body: { name: '新密暴雨', category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410100'] },
    });
    const review = await call(app, 'POST', '/api/v1/lessons', {
      ...as('coordHenan'),
      body: {
        kind: 'after_action_review',
        title: '新密暴雨复盘',
        body: '初稿',
        jurisdiction: '410100',
        incidentId: incident.json.id,
        performance: [{ organizationId: network.orgs.zhengzhouTeam, note: '到达较慢', rating: 2 }],
      },
    });
    const id = String(review.json.id);
    const record = () => call(app, 'GET', `/api/v1/organizations/${network.orgs.zhengzhouTeam}/record`, as('observer'));
    expect((await record()).json.ratings).toEqual({ count: 1, mean: 2 });
    const edited = await call(app, 'PATCH', `/api/v1/lessons/${id}`, {
      ...as('admin'),
      body: {
        body: '定稿：到达慢是因为道路中断',
        performance: [{ organizationId: network.orgs.zhengzhouTeam, note: '道路中断，情有可原', rating: 4 }],
      },
    });
    expect(edited.status).toBe(200);
    expect((await record()).json.ratings).toEqual({ count: 1, mean: 4 });
    const found = await call(app, 'GET', `/api/v1/lessons?q=${encodeURIComponent('道路中断')}`, as('observer'));
    expect(found.json.items?.map((l) => l.id)).toEqual([id]);
    const history = await call(app, 'GET', `/api/v1/lessons/${id}/revisions`, as('observer'));
    expect(
      (history.json.items as { changes: { field: string }[]; actor: string }[]).map((r) => [
        r.actor,
        r.changes.map((c) => c.field),
      ]),
    ).toEqual([[network.users.admin.id, ['body', 'performance']]]);

    const lesson = await call(app, 'POST', '/api/v1/lessons', {
      ...as('orgMember'),
      body: { kind: 'experience', title: '备好发电机', body: '停电时', jurisdiction: '410102' },
    });
    const rated = await call(app, 'PATCH', `/api/v1/lessons/${lesson.json.id}`, {
      ...as('orgMember'),
      body: { performance: [{ organizationId: network.orgs.zhengzhouTeam, note: '好', rating: 5 }] },
    });
    expect(rated.json).toMatchObject({ status: 400, field: 'performance' });
    const blank = await call(app, 'PATCH', `/api/v1/lessons/${lesson.json.id}`, { ...as('orgMember'), body: { title: '   ' } });
    expect(blank.json).toMatchObject({ status: 400, field: 'title' });
    const empty = await call(app, 'PATCH', `/api/v1/lessons/${lesson.json.id}`, { ...as('orgMember'), body: {} });
    expect(empty.status).toBe(400);
    const unknown = await call(app, 'PATCH', `/api/v1/lessons/${lesson.json.id}`, {
      ...as('orgMember'),
      body: { kind: 'lesson' },
    });
    expect(unknown.status).toBe(400);
  });
});
