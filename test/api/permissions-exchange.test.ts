/**
 * Exchange formats over HTTP (README, Exchange formats): every new route and format against
 * every role, with the outcomes written out by hand — every signed-in account reads the 3W as
 * HXL, and the lists of needs, organizations, deployments and warehouses as GeoJSON, the public
 * reads the public map's needs as GeoJSON; only coordinators (rows of their area) and admins
 * import a partner's 3W table — and the bodies each role gets: the GeoJSON's coordinates are
 * exactly those the JSON list gives the same reader, so an observer never gets an affected
 * person's exact place; the HXL export parses back through the import.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { HXL_3W_TAGS } from '../../src/interop/hxl';
import { creditCodeCheckCharacter } from '../../src/model/credit-code';
import { fileDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { claimNeed } from '../../src/services/needs/claims';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { offerPublicly, recordOrganizationOffer } from '../../src/services/resources/offers';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];

interface Doors {
  incident: string;
  need: string;
  claim: string;
  publicOffer: string;
  teamOffer: string;
  from: string;
  to: string;
  coded: string;
  creditCode: string;
}
type N = Network & Doors;

interface Row {
  name: string;
  method: 'GET' | 'POST';
  path: (n: N) => string;
  body?: (n: N) => Buffer;
  type?: string;
  /** Expected status for: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer */
  expect: [number, number, number, number, number, number, number, number];
}

const READ: Row['expect'] = [401, 200, 200, 200, 200, 200, 200, 200];

const PARTNER_CSV = (n: N) =>
  Buffer.from(
    [
      '联合国 3W 表（伙伴）,,,,',
      'Organization,Code,Cluster,County,Start',
      '#org+name,#org+code,#sector+cluster,#adm3+code,#date+start',
      `河南外部志愿者协会,,WASH,410102,${n.from}`,
    ].join('\r\n'),
  );

const ROWS: Row[] = [
  {
    name: 'the 3W of 郑州 as HXL',
    method: 'GET',
    path: (n) => `/api/v1/analytics/who-what-where?jurisdiction=410100&from=${n.from}&to=${n.to}&format=hxl`,
    expect: READ,
  },
  {
    name: 'import a partner’s 3W table of 中原区',
    method: 'POST',
    path: () => '/api/v1/analytics/who-what-where/import',
    body: PARTNER_CSV,
    // coordGuangdong may import, but its rows in Henan are refused one by one (below).
    expect: [401, 200, 200, 200, 403, 403, 403, 403],
  },
  {
    name: 'the needs as GeoJSON',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/needs?format=geojson`,
    expect: READ,
  },
  {
    name: 'the public map’s needs as GeoJSON',
    method: 'GET',
    path: (n) => `/api/v1/public/incidents/${n.incident}/needs?format=geojson`,
    expect: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  { name: 'the directory as GeoJSON', method: 'GET', path: () => '/api/v1/organizations?format=geojson', expect: READ },
  {
    name: 'the deployments as GeoJSON',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/deployments?format=geojson`,
    expect: READ,
  },
  { name: 'the warehouses as GeoJSON', method: 'GET', path: () => '/api/v1/warehouses?format=geojson', expect: READ },
  { name: 'a need as EDXL-RM', method: 'GET', path: (n) => `/api/v1/needs/${n.need}?format=edxl-rm`, expect: READ },
  {
    name: 'a need’s claim as an EDXL-RM CommitResource',
    method: 'GET',
    path: (n) => `/api/v1/needs/${n.need}?format=edxl-rm&claim=${n.claim}`,
    expect: READ,
  },
  // As the incident's offers list: every signed-in account reads an incident's offers.
  { name: 'an offer', method: 'GET', path: (n) => `/api/v1/offers/${n.publicOffer}`, expect: READ },
  { name: 'an offer as EDXL-RM', method: 'GET', path: (n) => `/api/v1/offers/${n.teamOffer}?format=edxl-rm`, expect: READ },
  {
    name: 'an unknown offer',
    method: 'GET',
    path: () => '/api/v1/offers/no-such-offer',
    expect: [401, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'an offer in an unknown format',
    method: 'GET',
    path: (n) => `/api/v1/offers/${n.teamOffer}?format=pdf`,
    expect: [401, 400, 400, 400, 400, 400, 400, 400],
  },
  {
    name: 'report a need from an EDXL-RM RequestResource',
    method: 'POST',
    path: (n) => `/api/v1/incidents/${n.incident}/needs/edxl-rm`,
    body: () => Buffer.from(REQUEST_XML),
    type: 'application/xml',
    // As the form: whoever may report needs to the incident (its agency's staff included).
    expect: [401, 201, 201, 403, 201, 201, 201, 403],
  },
];

const REQUEST_XML = `<?xml version="1.0" encoding="UTF-8"?>
<RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0">
  <MessageID>urn:partner:req:1</MessageID>
  <SentDateTime>2026-01-01T00:00:00Z</SentDateTime>
  <MessageContentType>RequestResource</MessageContentType>
  <ResourceInformation>
    <ResourceInfoElementID>1</ResourceInfoElementID>
    <Resource>
      <Name>惠济区需要饮用水 &amp; 净水片</Name>
      <TypeStructure><ValueListURN>urn:corespond:service-category</ValueListURN><Value>water_sanitation</Value></TypeStructure>
    </Resource>
    <AssignmentInformation><Quantity><MeasuredQuantity><Amount>40</Amount><UnitOfMeasure>箱</UnitOfMeasure></MeasuredQuantity></Quantity></AssignmentInformation>
    <ScheduleInformation>
      <ScheduleType>RequestedArrival</ScheduleType>
      <Location>
        <Address><AdministrativeArea><ValueListURN>urn:gb:standard:gb-t-2260</ValueListURN><Value>410108</Value></AdministrativeArea></Address>
        <TargetArea><Circle>34.85,113.6 0</Circle></TargetArea>
      </Location>
    </ScheduleInformation>
  </ResourceInformation>
</RequestResource>`;

const creditCode = (n: number) => {
  const first = `5141010${String(n).padStart(10, '0')}`;
  return first + creditCodeCheckCharacter(first);
};

describeEachDatabase('exchange formats over HTTP', (t) => {
  let app: App;
  let n: N;
  const send = (method: Row['method'], path: string, who: Who, body?: Buffer, type = 'text/csv') =>
    call(app, method, path, {
      token: who === 'anonymous' ? undefined : n.tokens[who],
      body,
      headers: { 'accept-language': 'en', ...(body ? { 'content-type': type } : {}) },
    });
  const raw = (path: string, who: Who) =>
    app.inject({ method: 'GET', url: path, headers: who === 'anonymous' ? {} : { authorization: `Bearer ${n.tokens[who]}` } });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    const network = await buildNetwork(deps);
    const code = creditCode(Math.floor(Math.random() * 1e9));
    const coded = (
      await createOrganization(deps, SYSTEM, {
        kind: 'social_organization',
        name: `${network.users.admin.email.split('.')[0]}郑州应急志愿者协会`,
        creditCode: code,
        jurisdictions: ['410105'],
        capabilities: { cells: [], serviceCategories: ['water_sanitation'] },
      } as never)
    ).id;
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '交换格式演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    const report = async (title: string, category: string, lat: number, lon: number) => {
      const outcome = await reportNeed(deps, SYSTEM, incident, { title, category, jurisdiction: '410105', lat, lon } as never);
      if (outcome.replayed) throw new Error('fresh');
      return outcome.reported.need.id;
    };
    const need = await report('金水区独居老人需要饮用水', 'water_sanitation', 34.776543, 113.661234);
    await report('二七区需要帐篷', 'shelter', 34.723456, 113.612345);
    const claim = await claimNeed(deps, SYSTEM, need, { organizationId: coded });
    const publicOffer = (
      await offerPublicly(deps, incident, {
        kind: 'money',
        amountFen: 12_345,
        jurisdiction: '410105',
        lat: 34.7712345,
        lon: 113.6612345,
        donorName: '捐款人张三',
        donorPhone: '13922220001',
        note: '请开收据',
      })
    ).id;
    const teamOffer = (
      await recordOrganizationOffer(deps, SYSTEM, incident, {
        kind: 'vehicle',
        conditions: '限郑州市内',
        note: '冷链车一辆',
        jurisdiction: '410102',
        organizationId: network.orgs.zhengzhouTeam,
        donorName: '车队李四',
        donorPhone: '13922220002',
      } as never)
    ).id;
    await createWarehouse(deps, SYSTEM, {
      name: '交换格式仓库',
      organizationId: network.orgs.zhengzhouTeam,
      jurisdiction: '410103',
      lat: 34.72,
      lon: 113.62,
      address: null,
    } as never);
    await fileDeployment(deps, SYSTEM, incident, {
      organizationId: network.orgs.zhengzhouTeam,
      teamName: '蓝天一队',
      leaderName: '王',
      leaderPhone: '13800000000',
      headcount: 6,
      origin: '410100',
    });
    const today = deps.now().toISOString().slice(0, 10);
    n = {
      ...network,
      incident,
      need,
      claim: claim.claim.id,
      publicOffer,
      teamOffer,
      from: `${today.slice(0, 7)}-01`,
      to: today,
      coded,
      creditCode: code,
    };
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const res = await send(row.method, row.path(n), who, row.body?.(n), row.type);
        got[who] = res.status;
        if (res.status >= 400) expect(res.headers['content-type'], who).toMatch(/application\/problem\+json/);
      }
      expect(got).toEqual(Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])));
    });
  }

  it('gives each reader the needs’ coordinates in GeoJSON exactly as its JSON list does (the observer the grid)', async () => {
    const exact: Record<Who, boolean> = {
      anonymous: false,
      admin: true,
      coordHenan: true,
      coordGuangdong: false,
      agencyStaff: false,
      orgAdmin: false,
      orgMember: false,
      observer: false,
    };
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      const json = await send('GET', `/api/v1/incidents/${n.incident}/needs`, who);
      const geo = await raw(`/api/v1/incidents/${n.incident}/needs?format=geojson`, who);
      expect(geo.headers['content-type'], who).toMatch(/^application\/geo\+json/);
      const body = geo.json();
      expect(body.type).toBe('FeatureCollection');
      expect(body).not.toHaveProperty('crs');
      const items = json.json.items as { id: string; lat: number; lon: number; locationPrecision: string }[];
      expect(body.features.map((f: { id: string }) => f.id)).toEqual(items.map((i) => i.id));
      for (const [i, f] of body.features.entries()) {
        expect(f.geometry, who).toEqual({ type: 'Point', coordinates: [items[i]?.lon, items[i]?.lat] });
        expect(f.properties.locationPrecision, who).toBe(exact[who] ? 'exact' : 'grid');
        expect(f.properties).not.toHaveProperty('lat');
      }
      const water = body.features.find((f: { id: string }) => f.id === n.need);
      if (exact[who]) expect(water.geometry.coordinates, who).toEqual([113.661234, 34.776543]);
      else expect(water.geometry.coordinates, who).toEqual([113.665, 34.775]);
    }
    const pub = await raw(`/api/v1/public/incidents/${n.incident}/needs?format=geojson`, 'anonymous');
    const pubJson = await send('GET', `/api/v1/public/incidents/${n.incident}/needs`, 'anonymous');
    const water = pub.json().features.find((f: { id: string }) => f.id === n.need);
    expect(water.geometry.coordinates).toEqual([113.665, 34.775]);
    const listed = (pubJson.json.items ?? []).find((i) => i.id === n.need);
    expect(water.geometry.coordinates).toEqual([listed?.lon, listed?.lat]);
    expect(JSON.stringify(pub.json())).not.toContain('34.776543');
  });

  it('places organizations at their base, warehouses and deployments at their position, in [lon, lat]', async () => {
    for (const who of ['admin', 'observer'] as const) {
      const orgs = (await raw('/api/v1/organizations?format=geojson&limit=200', who)).json();
      const jsonOrgs = (await send('GET', '/api/v1/organizations?limit=200', who)).json.items as { id: string; base: unknown }[];
      expect(orgs.features.map((f: { id: string }) => f.id)).toEqual(jsonOrgs.map((o) => o.id));
      for (const [i, f] of orgs.features.entries()) {
        const base = jsonOrgs[i]?.base as { lat: number; lon: number } | null;
        expect(f.geometry).toEqual(base ? { type: 'Point', coordinates: [base.lon, base.lat] } : null);
      }
      const stores = (await raw('/api/v1/warehouses?format=geojson', who)).json();
      const store = stores.features.find((f: { properties: { name: string } }) => f.properties.name === '交换格式仓库');
      expect(store.geometry).toEqual({ type: 'Point', coordinates: [113.62, 34.72] });
      const teams = (await raw(`/api/v1/incidents/${n.incident}/deployments?format=geojson`, who)).json();
      const jsonTeams = (await send('GET', `/api/v1/incidents/${n.incident}/deployments`, who)).json.items ?? [];
      expect(teams.features.map((f: { properties: unknown }) => f.properties)).toEqual(
        jsonTeams.map(({ lat: _lat, lon: _lon, ...rest }) => rest),
      );
    }
  });

  describe('HXL', () => {
    it('exports every row of the 3W with the hashtag row, and the export parses back through the import', async () => {
      // 金水区, where the partner's rows (中原区) are not: the export holds the claim's row only.
      const path = `/api/v1/analytics/who-what-where?jurisdiction=410105&from=${n.from}&to=${n.to}`;
      const res = await raw(`${path}&format=hxl`, 'observer');
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [headers, tags, ...data] = Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      expect(headers?.[0]).toBe('组织名称');
      expect(tags).toEqual(HXL_3W_TAGS);
      const json = (await send('GET', `${path}&limit=5000`, 'observer')).json as {
        rows: { organizationId: string }[];
        total: number;
      };
      expect(data).toHaveLength(json.total);
      const claimed = data.find((r) => r[0]?.endsWith('郑州应急志愿者协会'));
      expect(claimed).toEqual([
        expect.stringMatching(/郑州应急志愿者协会$/),
        n.creditCode,
        'WASH',
        'water_sanitation',
        '供水与卫生',
        'need',
        '410000',
        '410100',
        '410105',
        '金水区',
        n.from,
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        '1',
        '',
        expect.any(String),
        expect.any(String),
      ]);
      // The place at the public grid, as in the JSON answer, never the need's exact place.
      expect(res.body).not.toContain('34.776543');

      // Round trip: the file imported as it was exported gives the same rows, matched to the organization by its credit code.
      const imported = await send('POST', '/api/v1/analytics/who-what-where/import', 'admin', Buffer.from(res.body));
      expect(imported.status).toBe(200);
      expect(imported.json).toMatchObject({ hashtagRow: 2, total: data.length, counts: { refused: 0 } });
      const report = imported.json.rows as { row: number; match: string; organizationId: string; outcome: string }[];
      expect(report.find((r) => r.organizationId === n.coded)).toMatchObject({
        row: 3 + data.indexOf(claimed as string[]),
        match: 'credit_code',
      });
      const again = (await send('GET', `${path}&limit=5000`, 'observer')).json as {
        rows: { organizationId: string; what: string; where: string; when: string; count: number; source: string }[];
      };
      const shape = (r: (typeof again.rows)[number]) => `${r.organizationId} ${r.what} ${r.where} ${r.when} ${r.count}`;
      expect(
        again.rows
          .filter((r) => r.source === 'imported')
          .map(shape)
          .sort(),
      ).toEqual(
        again.rows
          .filter((r) => r.source !== 'imported')
          .map(shape)
          .sort(),
      );
      // Imported again: nothing changes.
      const twice = await send('POST', '/api/v1/analytics/who-what-where/import', 'admin', Buffer.from(res.body));
      expect(twice.json).toMatchObject({ counts: { created: 0, unchanged: data.length, refused: 0 } });
    });

    it('keeps an organization outside the platform as external, and refuses rows outside a coordinator’s area', async () => {
      const gd = await send('POST', '/api/v1/analytics/who-what-where/import', 'coordGuangdong', PARTNER_CSV(n));
      expect(gd.json).toMatchObject({
        hashtagRow: 3,
        counts: { created: 0, unchanged: 0, refused: 1 },
        rows: [{ row: 4, outcome: 'refused', problems: [{ field: '#adm1+code', message: expect.stringContaining('440000') }] }],
      });
      const henan = await send('POST', '/api/v1/analytics/who-what-where/import', 'coordHenan', PARTNER_CSV(n));
      expect(henan.json.rows).toEqual([
        {
          row: 4,
          outcome: expect.stringMatching(/created|unchanged/),
          name: '河南外部志愿者协会',
          match: 'external',
          organizationId: null,
          problems: [],
        },
      ]);
      const www = (
        await send('GET', `/api/v1/analytics/who-what-where?jurisdiction=410100&from=${n.from}&to=${n.to}&limit=5000`, 'observer')
      ).json as { rows: Record<string, unknown>[] };
      expect(www.rows).toContainEqual(
        expect.objectContaining({
          organizationId: 'external:河南外部志愿者协会',
          name: '河南外部志愿者协会',
          what: 'water_sanitation',
          source: 'imported',
          external: true,
          where: '410102',
          count: 1,
        }),
      );
    });

    it('guards spreadsheet formulas in the export, and reads them back unchanged', async () => {
      const csv = Buffer.from(`#org+name,#sector,#adm3+code,#date+start\n"=HYPERLINK(""http://x"")",Shelter,410181,${n.from}\n`);
      const first = await send('POST', '/api/v1/analytics/who-what-where/import', 'admin', csv);
      expect(first.json).toMatchObject({ counts: { created: 1 }, rows: [{ name: '=HYPERLINK("http://x")', match: 'external' }] });
      const res = await raw(`/api/v1/analytics/who-what-where?jurisdiction=410181&from=${n.from}&to=${n.to}&format=hxl`, 'admin');
      expect(res.body).toContain(`"'=HYPERLINK(""http://x"")"`);
      const again = await send('POST', '/api/v1/analytics/who-what-where/import', 'admin', Buffer.from(res.body));
      expect(again.json).toMatchObject({ rows: [{ name: '=HYPERLINK("http://x")', match: 'external' }] });
    });

    it('reads an XLSX workbook, finding the hashtag row below its title rows', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('3W');
      sheet.addRow(['伙伴 3W（XLSX）']);
      sheet.addRow(['Organisation', 'Sector', 'Admin 2', 'Start', 'Reached']);
      sheet.addRow(['#ORG +Name', '#Sector +Cluster', '#adm2 +code', '#date +start', '#reached +ind']);
      sheet.addRow(['郑州外部粮食互助会', 'Food Security', '410100', new Date(`${n.from}T00:00:00Z`), 250]);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await send('POST', '/api/v1/analytics/who-what-where/import', 'coordHenan', file, 'application/octet-stream');
      expect(res.json).toMatchObject({
        hashtagRow: 3,
        counts: { created: 1, refused: 0 },
        rows: [{ row: 4, outcome: 'created', name: '郑州外部粮食互助会', match: 'external', problems: [] }],
      });
      const www = (
        await send('GET', `/api/v1/analytics/who-what-where?jurisdiction=410100&from=${n.from}&to=${n.to}&limit=5000`, 'observer')
      ).json as { rows: Record<string, unknown>[] };
      expect(www.rows).toContainEqual(
        expect.objectContaining({ name: '郑州外部粮食互助会', what: 'food', where: '410100', external: true, reached: 250 }),
      );
    });

    it('names each bad cell of a partner’s row', async () => {
      const csv = Buffer.from(
        [
          '#org+name,#org+code,#sector,#adm2+code,#date+start,#date+end',
          'A,123,Shelter,410100,2025-01-01,',
          'B,,Spaceflight,410100,2025-01-01,',
          'C,,Health,999999,2025-01-01,',
          'D,,Health,410100,2025-13-01,',
          'E,,Health,410100,2025-03-01,2025-02-01',
        ].join('\n'),
      );
      const res = await send('POST', '/api/v1/analytics/who-what-where/import', 'admin', csv);
      expect(res.status).toBe(200);
      expect(
        (res.json.rows as { row: number; problems: { field: string }[] }[]).map((r) => [r.row, r.problems.map((p) => p.field)]),
      ).toEqual([
        [2, ['#org+code']],
        [3, ['#sector']],
        [4, ['#adm2+code']],
        [5, ['#date+start']],
        [6, ['#date+end']],
      ]);
    });

    it('refuses a file it cannot read with a 4xx naming the problem, never a 5xx', async () => {
      const post = (body: Buffer, type = 'text/csv') =>
        send('POST', '/api/v1/analytics/who-what-where/import', 'admin', body, type);
      const noTags = await post(Buffer.from('Org,Cluster\nRed Cross,Shelter\n'));
      expect(noTags.status).toBe(400);
      expect(noTags.json.detail).toMatch(/hashtag row/);
      const lacking = await post(Buffer.from('#org+name,#geo+lat\nA,1\n'));
      expect(lacking.status).toBe(400);
      expect(lacking.json.detail).toMatch(/#sector/);
      const notXlsx = await post(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]), 'application/octet-stream');
      expect(notXlsx.status).toBe(400);
      expect(notXlsx.json.detail).toMatch(/XLSX/);
      expect((await post(Buffer.alloc(0))).status).toBe(400);
      const binary = await post(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
      expect(binary.status).toBeLessThan(500);
      expect(binary.status).toBeGreaterThanOrEqual(400);
      const quotes = await post(Buffer.from('"#org+name,"#sector\n"unterminated'));
      expect(quotes.status).toBeGreaterThanOrEqual(400);
      expect(quotes.status).toBeLessThan(500);
      const huge = await post(Buffer.alloc(11 * 1024 * 1024, 0x41));
      expect(huge.status).toBe(413);
      const json = await call(app, 'POST', '/api/v1/analytics/who-what-where/import', {
        token: n.tokens.admin,
        body: { rows: [] },
      });
      expect(json.status).toBe(415);
    });
  });
  describe('EDXL-RM', () => {
    it('exports a need as a RequestResource with the reader’s precision, and imports it into another incident with the same fields', async () => {
      const { deps } = t();
      const full = await raw(`/api/v1/needs/${n.need}?format=edxl-rm`, 'admin');
      expect(full.headers['content-type']).toMatch(/^application\/xml/);
      expect(full.body).toContain('<RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0">');
      expect(full.body).toContain('<MessageContentType>RequestResource</MessageContentType>');
      expect(full.body).toContain('<Circle>34.776543,113.661234 0</Circle>');
      expect(full.body).toContain('<Value>410105</Value>');
      const holders = (await send('GET', `/api/v1/needs/${n.need}`, 'observer')).json.holders as { claimId: string }[];
      const commit = await raw(`/api/v1/needs/${n.need}?format=edxl-rm&claim=${holders[0]?.claimId}`, 'observer');
      expect(commit.body).toContain('<MessageContentType>CommitResource</MessageContentType>');
      expect(commit.body).toContain(`<OriginatingMessageID>urn:corespond:need:${n.need}</OriginatingMessageID>`);
      expect(commit.body).toMatch(/<OrganizationName>n\d+郑州应急志愿者协会<\/OrganizationName>/);
      expect((await raw(`/api/v1/needs/${n.need}?format=edxl-rm&claim=no-such-claim`, 'observer')).statusCode).toBe(404);
      const observed = await raw(`/api/v1/needs/${n.need}?format=edxl-rm`, 'observer');
      expect(observed.body).toContain('<Circle>34.775,113.665 0</Circle>');
      expect(observed.body).not.toContain('34.776543');

      const other = (
        await declareIncident(deps, SYSTEM, {
          name: '另一场演练',
          category: 'natural_disaster',
          type: '洪涝',
          level: 3,
          jurisdictions: ['410100'],
        })
      ).id;
      const imported = await send(
        'POST',
        `/api/v1/incidents/${other}/needs/edxl-rm`,
        'coordHenan',
        Buffer.from(full.body),
        'application/xml',
      );
      expect(imported.status).toBe(201);
      const original = (await send('GET', `/api/v1/needs/${n.need}`, 'admin')).json;
      const copy = (await send('GET', `/api/v1/needs/${(imported.json.need as { id: string }).id}`, 'admin')).json;
      const fields = [
        'title',
        'description',
        'kind',
        'category',
        'quantity',
        'unit',
        'item',
        'jurisdiction',
        'lat',
        'lon',
        'urgency',
        'vulnerableGroups',
        'contactName',
        'contactPhone',
        'address',
      ];
      const pick = (o: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, o[f]]));
      expect(pick(copy)).toEqual(pick(original));
      expect(copy.incidentId).toBe(other);

      // With an Idempotency-Key, the same message sent twice makes one need.
      const headers = { 'content-type': 'application/xml', 'idempotency-key': 'edxl-once-0001' };
      const once = await call(app, 'POST', `/api/v1/incidents/${other}/needs/edxl-rm`, {
        token: n.tokens.coordHenan,
        body: REQUEST_XML,
        headers,
      });
      const twice = await call(app, 'POST', `/api/v1/incidents/${other}/needs/edxl-rm`, {
        token: n.tokens.coordHenan,
        body: REQUEST_XML,
        headers,
      });
      expect(once.status).toBe(201);
      expect(once.json.need).toMatchObject({
        title: '惠济区需要饮用水 & 净水片',
        quantity: 40,
        unit: '箱',
        jurisdiction: '410108',
      });
      expect((twice.json.need as { id: string }).id).toBe((once.json.need as { id: string }).id);
    });

    it('answers an offer as the offers list shows it to each reader, and its OfferUnsolicitedResource with the same privacy', async () => {
      // Who sees the donor: the public donor to the incident's coordinators; the team's contact also to the team.
      const sees: Record<Who, [boolean, boolean]> = {
        anonymous: [false, false],
        admin: [true, true],
        coordHenan: [true, true],
        coordGuangdong: [false, false],
        agencyStaff: [false, false],
        orgAdmin: [false, true],
        orgMember: [false, true],
        observer: [false, false],
      };
      for (const who of WHO.filter((w) => w !== 'anonymous')) {
        const list = (await send('GET', `/api/v1/incidents/${n.incident}/offers?limit=200`, who)).json.items as {
          id: string;
        }[];
        for (const [i, [id, name, phone]] of [
          [n.publicOffer, '捐款人张三', '13922220001'],
          [n.teamOffer, '车队李四', '13922220002'],
        ].entries()) {
          const one = await send('GET', `/api/v1/offers/${id}`, who);
          expect(one.status, who).toBe(200);
          expect(one.json, who).toEqual(list.find((o) => o.id === id));
          const shown = sees[who][i];
          expect([one.json.donorName, one.json.donorPhone], `${who} ${id}`).toEqual(shown ? [name, phone] : [null, null]);
          const xml = await raw(`/api/v1/offers/${id}?format=edxl-rm`, who);
          expect(xml.statusCode, who).toBe(200);
          expect(xml.headers['content-type'], who).toMatch(/^application\/xml/);
          expect(xml.body, who).toContain('<OfferUnsolicitedResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0">');
          expect(xml.body, who).toContain(`<MessageID>urn:corespond:offer:${id}</MessageID>`);
          expect(xml.body.includes(phone as string), `${who} ${id} phone`).toBe(shown);
          expect(xml.body.includes(name as string), `${who} ${id} name`).toBe(shown);
        }
      }
      const money = await raw(`/api/v1/offers/${n.publicOffer}?format=edxl-rm`, 'coordHenan');
      expect(money.body).toContain('<Amount>123.45</Amount>');
      expect(money.body).toContain('<UnitOfMeasure>CNY</UnitOfMeasure>');
      expect(money.body).toContain('<Circle>34.7712345,113.6612345 0</Circle>');
      expect(money.body).toContain('请开收据');
      const observed = await raw(`/api/v1/offers/${n.publicOffer}?format=edxl-rm`, 'observer');
      expect(observed.body).not.toContain('34.7712345');
      expect(observed.body).not.toContain('请开收据');
      const team = await raw(`/api/v1/offers/${n.teamOffer}?format=edxl-rm`, 'observer');
      expect(team.body).toContain('<Name>车辆</Name>');
      expect(team.body).toContain('限郑州市内');
      expect(team.body).toContain('<ContactRole>Offeror</ContactRole>');
      const unknown = await send('GET', '/api/v1/offers/no-such-offer?format=edxl-rm', 'admin');
      expect(unknown.status).toBe(404);
      const bad = await send('GET', `/api/v1/offers/${n.teamOffer}?format=xml`, 'admin');
      expect([bad.status, bad.json.field]).toEqual([400, 'format']);
      const doc = (await send('GET', '/api/openapi.json', 'anonymous')).json as {
        paths: Record<string, { get?: { parameters?: { name: string; in: string; schema: { enum?: string[] } }[] } }>;
      };
      const format = doc.paths['/api/v1/offers/{id}']?.get?.parameters?.find((p) => p.name === 'format');
      expect(format).toMatchObject({ in: 'query', schema: { enum: ['json', 'edxl-rm'] } });
    });

    it('refuses bad messages with a 400 naming the element, never a 5xx', async () => {
      const post = (xml: string | Buffer) =>
        send('POST', `/api/v1/incidents/${n.incident}/needs/edxl-rm`, 'admin', Buffer.from(xml), 'application/xml');
      const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0">&lol2;</RequestResource>`;
      const cases: [string | Buffer, number, string][] = [
        [bomb, 400, 'DOCTYPE'],
        ['<RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0"><Resource>', 400, 'RequestResource'],
        [
          REQUEST_XML.replace('RequestResource xmlns', 'OfferUnsolicitedResource xmlns').replace(
            '</RequestResource>',
            '</OfferUnsolicitedResource>',
          ),
          400,
          'OfferUnsolicitedResource',
        ],
        [REQUEST_XML.replace('EDXL:RM:1.0', 'EDXL:RM:9.9'), 400, 'RequestResource'],
        [REQUEST_XML.replace('<Value>water_sanitation</Value>', '<Value>spaceflight</Value>'), 400, 'TypeStructure'],
        [REQUEST_XML.replace('<Amount>40</Amount>', '<Amount>-3</Amount>'), 400, 'Amount'],
        [REQUEST_XML.replace('<Value>410108</Value>', '<Value>999999</Value>'), 400, 'AdministrativeArea'],
        [REQUEST_XML.replace('<Value>410108</Value>', '<Value>440106</Value>'), 400, 'AdministrativeArea'],
        [REQUEST_XML.replace('34.85,113.6 0', 'north'), 400, 'Circle'],
        [REQUEST_XML.replace(/<Name>.*<\/Name>/, ''), 400, 'Name'],
        [Buffer.from([0xff, 0xfe, 0x00, 0x3c]), 400, 'RequestResource'],
      ];
      for (const [xml, status, element] of cases) {
        const res = await post(xml);
        expect([res.status, res.json.field], element).toEqual([status, element]);
      }
      const huge = await post(
        `<RequestResource xmlns="urn:oasis:names:tc:emergency:EDXL:RM:1.0">${'x'.repeat(300 * 1024)}</RequestResource>`,
      );
      expect(huge.status).toBe(413);
    });
  });
});
