/**
 * Bulletins and situation reports end to end: a draft seen only by those who may edit it,
 * published to its audience with `bulletin.published` recorded, a situation report drafted from
 * the incident's data, a correction that marks the earlier one, and the public Atom feed —
 * well-formed XML with every hostile string escaped and read back unchanged.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, expect, it } from 'vitest';
import { platformEventsAfter } from '../../src/db/repositories/platform-events';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

const HOSTILE = `<img src=x onerror=alert(1)> & <script>alert("x")</script> ]]> [x](javascript:alert(1)) \u0001`;

describeEachDatabase('bulletins and situation reports', (t) => {
  let app: App;
  let n: Network;
  let incident: string;

  beforeAll(async () => {
    const { deps } = t();
    deps.publicUrl = 'https://corespond.example.cn';
    app = await testApp(deps);
    n = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '郑州洪涝',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    const need = (title: string, jurisdiction: string, vulnerableGroups: ('elderly' | 'children')[]) =>
      reportNeed(deps, SYSTEM, incident, {
        title,
        category: 'food',
        quantity: 3,
        jurisdiction,
        lat: 34.75,
        lon: 113.62,
        vulnerableGroups,
      });
    await need('金水区饮用水', '410105', ['elderly']);
    await need('二七区食品', '410103', ['children', 'elderly']);
    await need('二七区面包', '410103', []);
  });

  const post = (path: string, token: string, body?: unknown) => call(app, 'POST', path, { token, body });

  it('a draft is seen by its author and the coordinators only; publishing opens it to its audience and records the event', async () => {
    const draft = await post('/api/v1/bulletins', n.tokens.orgAdmin, {
      incidentId: incident,
      title: '蓝天救援队第一号通报',
      body: '已在**金水区**转移群众 120 人。',
      source: '现场队员报告',
      authorOrganizationId: n.orgs.zhengzhouTeam,
      audience: 'public',
      attachments: [{ title: '转移点地图', url: 'https://example.cn/map.pdf' }],
    });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ status: 'draft', authority: 'unverified', audience: 'public', viewerCanEdit: true });
    const id = draft.json.id as string;
    expect((await call(app, 'GET', `/api/v1/public/incidents/${incident}/bulletins`)).json.items).toEqual([]);
    expect((await call(app, 'GET', `/api/v1/bulletins/${id}`, { token: n.tokens.observer })).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/bulletins/${id}`, { token: n.tokens.coordHenan })).status).toBe(200);
    expect((await call(app, 'GET', `/api/v1/bulletins/${id}`, { token: n.tokens.orgMember })).json.viewerCanEdit).toBe(false);

    const edited = await call(app, 'PATCH', `/api/v1/bulletins/${id}`, {
      token: n.tokens.orgAdmin,
      body: { title: '蓝天救援队第1号通报' },
    });
    expect(edited.json.title).toBe('蓝天救援队第1号通报');
    const before = (await platformEventsAfter(t().deps.db, 0, 10_000)).length;
    const published = await post(`/api/v1/bulletins/${id}/publish`, n.tokens.orgAdmin);
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ status: 'published', viewerCanEdit: false });
    expect((await platformEventsAfter(t().deps.db, 0, 10_000)).slice(before)).toEqual([
      expect.objectContaining({
        type: 'bulletin.published',
        entityId: id,
        incidentId: incident,
        organizationId: n.orgs.zhengzhouTeam,
      }),
    ]);
    const again = await call(app, 'PATCH', `/api/v1/bulletins/${id}`, { token: n.tokens.orgAdmin, body: { title: '改' } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('bulletin_published');

    const verified = await post(`/api/v1/bulletins/${id}/verify`, n.tokens.coordHenan);
    expect(verified.json.authority).toBe('verified');
    const pub = await call(app, 'GET', `/api/v1/public/incidents/${incident}/bulletins`);
    expect(pub.json.items).toEqual([
      expect.objectContaining({
        id,
        title: '蓝天救援队第1号通报',
        authority: 'verified',
        createdBy: null,
        verifiedBy: null,
        viewerCanEdit: null,
      }),
    ]);

    // A correction: once published, the first shows it was corrected.
    const fix = await post('/api/v1/bulletins', n.tokens.orgAdmin, {
      incidentId: incident,
      title: '更正：转移群众 150 人',
      body: '更正第1号通报：转移群众 150 人。',
      authorOrganizationId: n.orgs.zhengzhouTeam,
      audience: 'public',
      supersedesId: id,
      relation: 'corrects',
    });
    expect(fix.status).toBe(201);
    await post(`/api/v1/bulletins/${fix.json.id}/publish`, n.tokens.orgAdmin);
    const first = await call(app, 'GET', `/api/v1/bulletins/${id}`, { token: n.tokens.observer });
    expect(first.json.supersededBy).toEqual({ id: fix.json.id, relation: 'corrects' });
  });

  it('an agency bulletin is official; a coordinators-only one is hidden from the others and the public', async () => {
    const res = await post('/api/v1/bulletins', n.tokens.agencyStaff, {
      incidentId: incident,
      title: '内部协调简报',
      body: '仅协调员可见。',
      authorOrganizationId: n.orgs.henanAgency,
      audience: 'coordinators',
    });
    expect(res.json.authority).toBe('official');
    await post(`/api/v1/bulletins/${res.json.id}/publish`, n.tokens.agencyStaff);
    const titles = async (token?: string) =>
      (
        await call(
          app,
          'GET',
          token ? `/api/v1/incidents/${incident}/bulletins` : `/api/v1/public/incidents/${incident}/bulletins`,
          { token },
        )
      ).json.items?.map((b) => b.title);
    expect(await titles(n.tokens.coordHenan)).toContain('内部协调简报');
    expect(await titles(n.tokens.agencyStaff)).toContain('内部协调简报');
    expect(await titles(n.tokens.observer)).not.toContain('内部协调简报');
    expect(await titles(n.tokens.coordGuangdong)).not.toContain('内部协调简报');
    expect(await titles()).not.toContain('内部协调简报');
  });

  it('drafts a situation report from the incident’s data, editable before publishing', async () => {
    const res = await post(`/api/v1/incidents/${incident}/situation-report`, n.tokens.coordHenan, {
      authorOrganizationId: n.orgs.henanAgency,
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ kind: 'situation_report', status: 'draft', audience: 'network', authority: 'official' });
    const body = res.json.body as string;
    expect(body).toContain('| 类别 | 区域 | 待认领 | 已认领/处理中 | 已满足 |');
    expect(body).toMatch(/\| 二七区 \| 2 \| 0 \| 0 \|/);
    expect(body).toMatch(/\| 金水区 \| 1 \| 0 \| 0 \|/);
    expect(body).toContain('老年人 2 项');
    expect(body).toContain('儿童 1 项');
    expect(body).toContain('在现场（已报到或作业中）的队伍：0 支');
    const edited = await call(app, 'PATCH', `/api/v1/bulletins/${res.json.id}`, {
      token: n.tokens.coordHenan,
      body: { body: `${body}\n附：气象部门预计明日仍有强降雨。` },
    });
    expect(edited.json.body).toContain('明日仍有强降雨');
  });

  it('the Atom feed is well-formed and carries hostile text escaped, read back unchanged', async () => {
    const res = await post('/api/v1/bulletins', n.tokens.orgAdmin, {
      incidentId: incident,
      title: `标题 ${HOSTILE}`,
      body: `正文 ${HOSTILE}`,
      source: HOSTILE,
      authorOrganizationId: n.orgs.zhengzhouTeam,
      audience: 'public',
    });
    await post(`/api/v1/bulletins/${res.json.id}/publish`, n.tokens.orgAdmin);
    const feed = await app.inject({ method: 'GET', url: `/api/v1/public/incidents/${incident}/bulletins?format=atom` });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(XMLValidator.validate(feed.body)).toBe(true);
    expect(feed.body).not.toContain('<script>');
    expect(feed.body).not.toContain('<img');
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, trimValues: false }).parse(feed.body);
    const entries = [parsed.feed.entry].flat() as { title: { '#text': string }; content: { '#text': string }; id: string }[];
    const entry = entries.find((e) => e.id === `urn:corespond:bulletin:${res.json.id}`);
    expect(entry?.title['#text']).toBe(`标题 ${HOSTILE.replace('\u0001', '')}`);
    expect(entry?.content['#text']).toBe(`正文 ${HOSTILE.replace('\u0001', '')}`);
    expect(parsed.feed.id).toBe(`urn:corespond:incident:${incident}:bulletins`);
  });

  it('refuses a javascript: attachment, an unknown incident, an unknown author and a bulletin of no place', async () => {
    const base = { title: 't', body: 'b', authorOrganizationId: n.orgs.zhengzhouTeam, audience: 'public' };
    const js = await post('/api/v1/bulletins', n.tokens.orgAdmin, {
      ...base,
      incidentId: incident,
      attachments: [{ title: 'x', url: 'javascript:alert(1)' }],
    });
    expect([js.status, js.json.field]).toEqual([400, 'attachments/0/url']);
    const unknown = await post('/api/v1/bulletins', n.tokens.orgAdmin, { ...base, incidentId: 'no-such-incident' });
    expect([unknown.status, unknown.json.field]).toEqual([404, 'incidentId']);
    const author = await post('/api/v1/bulletins', n.tokens.orgAdmin, {
      ...base,
      incidentId: incident,
      authorOrganizationId: 'nobody',
    });
    expect([author.status, author.json.field]).toEqual([404, 'authorOrganizationId']);
    const nowhere = await post('/api/v1/bulletins', n.tokens.orgAdmin, base);
    expect([nowhere.status, nowhere.json.field]).toEqual([400, 'incidentId']);
  });
});
