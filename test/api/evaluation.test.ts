/**
 * An incident worked from declaration to close through the API — claims fulfilled, released
 * and declined, a team that checks in on time and then goes quiet, an after-action review —
 * and what its evaluation and the organization's record say about it, per role and language.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { sweepAlarms } from '../../src/services/alarms/sweep-alarms';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

const MINUTE = 60_000;

describeEachDatabase('incident evaluation and organization records', (t) => {
  let app: App;
  let network: Network;
  let incident: string;
  const as = (who: keyof Network['tokens']) => ({ token: network.tokens[who] });

  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
    const clock = t().clock;
    const coord = as('coordHenan');
    const team = as('orgAdmin');
    const ok = async (r: Promise<{ status: number; json: Record<string, unknown> }>, status = 200) => {
      const done = await r;
      expect(done.status, JSON.stringify(done.json)).toBe(status);
      return done.json;
    };
    incident = String(
      (
        await ok(
          call(app, 'POST', '/api/v1/incidents', {
            ...coord,
            body: { name: '巩义山洪', category: 'natural_disaster', type: '山洪', level: 2, jurisdictions: ['410100'] },
          }),
          201,
        )
      ).id,
    );
    const report = async (body: Record<string, unknown>) =>
      ((await ok(call(app, 'POST', `/api/v1/incidents/${incident}/needs`, { ...coord, body }), 201)).need as { id: string }).id;
    const place = { jurisdiction: '410181', lat: 34.75, lon: 113.02 };
    const water = await report({
      title: '老人院缺饮用水',
      category: 'water_sanitation',
      quantity: 10,
      vulnerableGroups: ['elderly'],
      ...place,
    });
    const food = await report({ title: '安置点缺食品', category: 'food', quantity: 5, ...place });
    const rescue = await report({ title: '村里有人被困', category: 'search_rescue', quantity: 1, ...place });

    clock.advance(30 * MINUTE);
    const claim = (needId: string) =>
      ok(
        call(app, 'POST', `/api/v1/needs/${needId}/claims`, { ...team, body: { organizationId: network.orgs.zhengzhouTeam } }),
        201,
      );
    const waterClaim = ((await claim(water)).claim as { id: string }).id;
    const rescueClaim = ((await claim(rescue)).claim as { id: string }).id;
    const dispatched = await ok(
      call(app, 'POST', `/api/v1/needs/${food}/dispatch`, { ...coord, body: { organizationId: network.orgs.zhengzhouTeam } }),
      201,
    );
    await ok(
      call(app, 'POST', `/api/v1/claims/${(dispatched.claim as { id: string }).id}/answer`, {
        ...team,
        body: { accept: false, reason: '食品不在我们的能力范围' },
      }),
    );
    clock.advance(30 * MINUTE);
    await ok(call(app, 'POST', `/api/v1/claims/${waterClaim}/progress`, { ...team, body: { note: '已装车出发' } }));
    await ok(call(app, 'POST', `/api/v1/claims/${rescueClaim}/release`, { ...team, body: { reason: '人手不够' } }));
    clock.advance(60 * MINUTE);
    await ok(call(app, 'POST', `/api/v1/claims/${waterClaim}/progress`, { ...team, body: { done: true } }));

    const filed = await ok(
      call(app, 'POST', `/api/v1/incidents/${incident}/deployments`, {
        ...team,
        body: {
          organizationId: network.orgs.zhengzhouTeam,
          teamName: '蓝天一队',
          leaderName: '王队长',
          leaderPhone: '13900001111',
          headcount: 6,
          origin: '410102',
        },
      }),
      201,
    );
    const deployment = String(filed.id);
    const move = (who: 'coordHenan' | 'orgAdmin', to: string) =>
      ok(
        call(app, 'POST', `/api/v1/deployments/${deployment}/transitions`, {
          ...as(who),
          body: { to, zone: to === 'checked_in' ? 'A区' : undefined },
        }),
      );
    await move('coordHenan', 'approved');
    clock.advance(60 * MINUTE);
    await move('orgAdmin', 'checked_in');
    clock.advance(120 * MINUTE);
    await ok(call(app, 'POST', `/api/v1/deployments/${deployment}/check-ins`, { ...team, body: { note: '一切正常' } }));
    // Then six hours of silence against the default four-hour interval: one missed check-in.
    clock.advance(360 * MINUTE);
    // The server's sweep notices the silence and records an alarm; a coordinator acknowledges it.
    await sweepAlarms(t().deps, { staleNeedHours: 10_000 });
    await ok(call(app, 'POST', `/api/v1/deployments/${deployment}/check-ins`, { ...team, body: { note: '恢复联系' } }));
    clock.advance(30 * MINUTE);
    await move('orgAdmin', 'returned');

    await ok(
      call(app, 'POST', '/api/v1/lessons', {
        ...coord,
        body: {
          kind: 'after_action_review',
          title: '巩义山洪复盘',
          body: '供水及时，但队伍有六小时失联。',
          jurisdiction: '410181',
          incidentId: incident,
          performance: [{ organizationId: network.orgs.zhengzhouTeam, note: '供水及时，报到有缺失', rating: 4 }],
        },
      }),
      201,
    );
    await ok(call(app, 'PATCH', `/api/v1/incidents/${incident}`, { ...coord, body: { level: 1, reason: '险情升级' } }));
    for (const to of ['recovery', 'closed']) {
      clock.advance(24 * 60 * MINUTE);
      await ok(call(app, 'POST', `/api/v1/incidents/${incident}/stage`, { ...coord, body: { to, reason: `转入${to}` } }));
    }
  });

  it('keeps the organization’s record, and feeds it to the recommendation’s track record', async () => {
    const record = await call(app, 'GET', `/api/v1/organizations/${network.orgs.zhengzhouTeam}/record`, as('observer'));
    expect(record.status).toBe(200);
    expect(record.json).toEqual({
      organizationId: network.orgs.zhengzhouTeam,
      claims: { fulfilled: 1, dropped: 1, active: 0 },
      dispatches: { accepted: 0, declined: 1, awaiting: 0 },
      medianMinutesToFirstProgress: 30,
      // Checked in → check-in after 2 h (kept), 6 h of silence (missed), returned 30 min later (kept).
      checkIns: { kept: 2, missed: 1, share: 0.6667 },
      ratings: { count: 1, mean: 4 },
      // 0.6 × (1+1)/(1+2+2) + 0.2 × (2+1)/(3+2) + 0.2 × ((4−1)/4 + 0.5)/2
      trackRecord: 0.485,
    });
    const fresh = await call(app, 'GET', `/api/v1/organizations/${network.orgs.guangzhouTeam}/record`, as('orgMember'));
    expect(fresh.json).toMatchObject({
      claims: { fulfilled: 0, dropped: 0 },
      medianMinutesToFirstProgress: null,
      trackRecord: 0.5,
    });

    // A closed incident takes no needs: ask for a recommendation on an open one.
    const open = await call(app, 'POST', '/api/v1/incidents', {
      ...as('coordHenan'),
      body: { name: '荥阳内涝', category: 'natural_disaster', type: '内涝', level: 4, jurisdictions: ['410100'] },
    });
    const need = await call(app, 'POST', `/api/v1/incidents/${open.json.id}/needs`, {
      ...as('coordHenan'),
      body: { title: '有人被困', category: 'search_rescue', quantity: 1, jurisdiction: '410182', lat: 34.78, lon: 113.35 },
    });
    const recommended = await call(
      app,
      'GET',
      `/api/v1/needs/${(need.json.need as { id: string }).id}/recommendations`,
      as('coordHenan'),
    );
    const team = (recommended.json.items as { organizationId: string; factors: { record: number }; explanation: string }[]).find(
      (r) => r.organizationId === network.orgs.zhengzhouTeam,
    );
    expect(team?.factors.record).toBe(0.485);
    expect(team?.explanation).toMatch(/1 check-ins missed; rated 4\/5 in 1 reviews/);
  });

  it('evaluates the closed incident section by section, with texts from the figures', async () => {
    const answer = await call(app, 'GET', `/api/v1/incidents/${incident}/evaluation`, as('observer'));
    expect(answer.status).toBe(200);
    const e = answer.json as Record<string, never>;
    expect(e.incident).toMatchObject({ name: '巩义山洪', stage: 'closed', level: 1 });
    expect(
      (e.timeline as { kind: string; from: string | null; to: string; reason: string | null }[]).map((x) => [
        x.kind,
        x.from,
        x.to,
        x.reason,
      ]),
    ).toEqual([
      ['stage', null, 'response', null],
      ['level', '2', '1', '险情升级'],
      ['stage', 'response', 'recovery', '转入recovery'],
      ['stage', 'recovery', 'closed', '转入closed'],
    ]);
    expect((e.texts as Record<string, string>).timeline).toContain(
      '经历 3 次阶段转换（应急响应→恢复重建→结束），1 次级别调整，当前级别 Ⅰ级（特别重大）',
    );
    expect(e.needs).toMatchObject({ total: 3, served: 1 });
    expect((e.needs as { byCategory: unknown[] }).byCategory).toEqual(
      expect.arrayContaining([
        {
          category: 'water_sanitation',
          needs: 1,
          served: 1,
          withdrawn: 0,
          open: 0,
          medianMinutesToClaim: 30,
          medianMinutesToFulfil: 120,
        },
        { category: 'food', needs: 1, served: 0, withdrawn: 0, open: 1, medianMinutesToClaim: 30, medianMinutesToFulfil: null },
      ]),
    );
    expect(e.vulnerable).toEqual({
      vulnerable: { needs: 1, served: 1, shareServed: 1, medianHoursToServe: 2 },
      others: { needs: 2, served: 0, shareServed: 0, medianHoursToServe: null },
    });
    expect(e.deployments).toEqual({
      filed: 1,
      deployed: 1,
      people: 6,
      organizations: 1,
      byStatus: { returned: 1 },
      checkIns: { kept: 2, missed: 1, share: 0.6667 },
      alarms: 1,
      recorded: { missedCheckIns: 1, staleNeeds: 0, acknowledged: 0 },
    });
    expect(e.organizations).toEqual([
      {
        organizationId: network.orgs.zhengzhouTeam,
        name: expect.stringMatching(/郑州蓝天救援队$/),
        claims: 2,
        fulfilledClaims: 1,
        quantityFulfilled: 10,
        deployments: 1,
        people: 6,
        rating: 4,
      },
    ]);
    expect(e.lessons).toMatchObject({ total: 1, reviews: 1, meanRating: 4, items: [{ title: '巩义山洪复盘' }] });
    const texts = e.texts as Record<string, string>;
    expect(texts.needs).toContain('共记录需求 3 条，已满足 1 条（33%）');
    expect(texts.deployments).toContain('触发失联告警 1 次');
    expect(texts.deployments).toContain('系统记录告警 1 条（失联 1、需求久未更新 0），已确认 0 条');
    expect(texts.vulnerable).toContain('涉及脆弱人群的需求 1 条，满足率 100%');
    expect(texts.lessons).toContain('平均评分 4/5');
    // No need is named: the figures carry no need ids or titles of affected people.
    expect(JSON.stringify(e)).not.toMatch(/老人院|被困|安置点/);

    const hant = await call(app, 'GET', `/api/v1/incidents/${incident}/evaluation?lang=zh-Hant`, as('orgMember'));
    expect((hant.json.texts as Record<string, string>).deployments).toContain('觸發失聯告警 1 次');
    const en = await call(app, 'GET', `/api/v1/incidents/${incident}/evaluation?lang=en`, as('agencyStaff'));
    expect((en.json.texts as Record<string, string>).needs).toContain('3 needs, 1 served (33%)');
  });

  it('prints the evaluation as a page and as a PDF', async () => {
    const html = await call(app, 'GET', `/api/v1/incidents/${incident}/evaluation?format=html`, as('coordGuangdong'));
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const page = await app.inject({
      method: 'GET',
      url: `/api/v1/incidents/${incident}/evaluation?format=html&lang=en`,
      headers: { authorization: `Bearer ${network.tokens.observer}` },
    });
    expect(page.body).toContain('Deployments and alarms');
    expect(page.body).toContain('<svg');
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/v1/incidents/${incident}/evaluation?format=pdf`,
      headers: { authorization: `Bearer ${network.tokens.observer}` },
    });
    // Printed where this machine has Chromium; 503 pdf_unavailable otherwise, never a 500.
    if (pdf.statusCode === 200) {
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(pdf.json()).toMatchObject({ status: 503, code: 'pdf_unavailable' });
    }
  }, 90_000);

  it('answers 404 for an unknown incident and 401 without an account', async () => {
    expect((await call(app, 'GET', '/api/v1/incidents/nope/evaluation', as('observer'))).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/incidents/${incident}/evaluation`)).status).toBe(401);
    expect((await call(app, 'GET', '/api/v1/organizations/nope/record', as('observer'))).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/organizations/${network.orgs.zhengzhouTeam}/record`)).status).toBe(401);
  });
});
