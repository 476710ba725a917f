import { describe, expect, it } from 'vitest';
import {
  activityToHxlRow,
  adminCodes,
  findHashtagRow,
  HXL_3W_TAGS,
  hxlColumns,
  hxlRowToActivity,
  parseHashtag,
} from '../../src/interop/hxl';
import { CLUSTER_OF_CATEGORY, categoryOfCluster, IASC_CLUSTERS, parseCluster } from '../../src/model/clusters';
import { SERVICE_CATEGORIES } from '../../src/model/taxonomy';

describe('HXL hashtags', () => {
  it('parses a spec case-insensitively, attributes in any order, spaces allowed', () => {
    expect(parseHashtag('#Org +Name')).toEqual({ tag: 'org', attributes: ['name'] });
    expect(parseHashtag(' #adm1+CODE ')).toEqual({ tag: 'adm1', attributes: ['code'] });
    expect(parseHashtag('#reached+ind+f')).toEqual({ tag: 'reached', attributes: ['ind', 'f'] });
    expect(parseHashtag('#x_custom')).toEqual({ tag: 'x_custom', attributes: [] });
    expect(parseHashtag('Org')).toBeUndefined();
    expect(parseHashtag('#1abc')).toBeUndefined();
    expect(parseHashtag('#org+')).toBeUndefined();
    expect(parseHashtag('#org name')).toBeUndefined();
  });

  it('finds the hashtag row wherever it is: the first row whose every non-empty cell is a spec', () => {
    const rows = [
      ['3W 2025', '', ''],
      ['Org', 'Cluster', 'Province'],
      ['#org', 'notes #sector', '#adm1+code'],
      ['', '', ''],
      ['#ORG+name', '', '#Adm1 +Code'],
      ['红十字会', 'Shelter', '410000'],
    ];
    expect(findHashtagRow(rows)).toBe(4);
    expect(findHashtagRow([['Org'], ['红十字会']])).toBe(-1);
    expect(findHashtagRow([])).toBe(-1);
  });

  it('matches columns by tag and attributes, whatever their order', () => {
    const columns = hxlColumns(['#date +start', '#Org+Code', '#org +impl+ name', '#sector', '#ADM3+code', '#reached']);
    expect(columns).toMatchObject({ start: 0, orgCode: 1, orgName: 2, sector: 3, adm3: 4, reached: 5, adm1: -1, end: -1 });
  });
});

describe('IASC clusters', () => {
  it('maps every category to one of the eleven clusters or to none, and back', () => {
    for (const c of SERVICE_CATEGORIES) {
      const cluster = CLUSTER_OF_CATEGORY[c];
      if (cluster !== null) expect(IASC_CLUSTERS).toContain(cluster);
    }
    expect(CLUSTER_OF_CATEGORY.water_sanitation).toBe('WASH');
    expect(CLUSTER_OF_CATEGORY.search_rescue).toBeNull();
    expect(categoryOfCluster('Health')).toBe('emergency_medical');
    expect(categoryOfCluster('Nutrition')).toBeUndefined();
    expect(parseCluster('wash')).toBe('WASH');
    expect(parseCluster('Emergency Shelter and NFI')).toBe('Shelter');
    expect(parseCluster('Spaceflight')).toBeUndefined();
  });
});

describe('the 3W as HXL rows', () => {
  const context = {
    from: '2025-07-10',
    to: '2025-12-31',
    creditCodes: new Map([['o1', '91410100MA00000000']]),
    places: new Map([['410105', { name: '金水区', lat: 34.665, lon: 113.725 }]]),
  };

  it('writes a row with its province, city and county codes, its cluster and its days inside the period', () => {
    const row = {
      organizationId: 'o1',
      name: '蓝天',
      what: 'water_sanitation',
      source: 'need' as const,
      external: false,
      where: '410105',
      when: '2025-07',
      count: 3,
      reached: 120,
    };
    const cells = activityToHxlRow(row, context);
    expect(Object.fromEntries(HXL_3W_TAGS.map((t, i) => [t, cells[i]]))).toEqual({
      '#org+name': '蓝天',
      '#org+code': '91410100MA00000000',
      '#sector+cluster': 'WASH',
      '#activity+code': 'water_sanitation',
      '#activity+name': '供水与卫生',
      '#meta+source': 'need',
      '#adm1+code': '410000',
      '#adm2+code': '410100',
      '#adm3+code': '410105',
      '#loc+name': '金水区',
      '#date+start': '2025-07-10',
      '#date+end': '2025-07-31',
      '#x_activities+num': 3,
      '#reached+ind': 120,
      '#geo+lat': 34.665,
      '#geo+lon': 113.725,
    });
    expect(adminCodes('410000')).toEqual(['410000', null, null]);
    expect(adminCodes('410100')).toEqual(['410000', '410100', null]);
  });

  it('reads a partner row back, naming each bad cell', () => {
    const columns = hxlColumns(HXL_3W_TAGS);
    const good = [
      '蓝天',
      '',
      'WASH',
      'water_sanitation',
      '供水与卫生',
      'need',
      '410000',
      '410100',
      '410105',
      '金水区',
      '2025-07-10',
      '2025-07-31',
      '3',
      '120',
      '34.665',
      '113.725',
    ];
    expect(hxlRowToActivity(good, columns)).toEqual({
      problems: [],
      activity: {
        organizationName: '蓝天',
        creditCode: null,
        what: 'water_sanitation',
        activity: '供水与卫生',
        jurisdiction: '410105',
        startsOn: '2025-07-10',
        endsOn: '2025-07-31',
        count: 3,
        reached: 120,
        lat: 34.665,
        lon: 113.725,
      },
    });
    const bad = [
      '',
      'not-a-code',
      'Spaceflight',
      '',
      '',
      '',
      '410000',
      '440100',
      '',
      '',
      '2025-02-30',
      '2025-01-01',
      '-2',
      'x',
      '95',
      '',
    ];
    const { activity, problems } = hxlRowToActivity(bad, columns);
    expect(activity).toBeUndefined();
    expect(problems.map((p) => p.field)).toEqual([
      '#org+name',
      '#org+code',
      '#sector',
      '#adm2+code',
      '#date+start',
      '#x_activities+num',
      '#reached+ind',
      '#geo+lat',
    ]);
  });

  it('takes a category from the cluster when the activity is not given', () => {
    const columns = hxlColumns(['#org', '#sector', '#adm1+code', '#date']);
    expect(hxlRowToActivity(['红会', 'Health', '440000', '2025/08/01'], columns).activity).toMatchObject({
      what: 'emergency_medical',
      jurisdiction: '440000',
      startsOn: '2025-08-01',
      count: 1,
    });
  });
});
