import { expect, it } from 'vitest';
import { AppError } from '../../src/model/errors';
import { archiveOrganization } from '../../src/services/organizations/archive-organization';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { getOrganization, listOrganizations } from '../../src/services/organizations/read-organizations';
import { updateOrganization } from '../../src/services/organizations/update-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

// A database per test: the filters are checked against the whole directory.
describeEachDatabase('organization directory', { databasePer: 'test' }, (t) => {
  const list = (filter: Parameters<typeof listOrganizations>[2], limit = 50, cursor?: string) =>
    listOrganizations(t().deps, SYSTEM, filter, { limit, cursor });
  const names = async (filter: Parameters<typeof listOrganizations>[2]) => (await list(filter)).items.map((o) => o.name);

  /** A rescue team in Zhengzhou, Henan's emergency department and a Guangdong foundation; returns the team. */
  async function registerThree() {
    const { deps } = t();
    const blueSky = await createOrganization(deps, SYSTEM, {
      kind: 'rescue_team',
      name: '郑州蓝天救援队',
      nameEn: 'Zhengzhou Blue Sky Rescue',
      creditCode: ' 91350100m000100y43 ',
      jurisdictions: ['410102', '410100'],
      base: { lat: 34.75, lon: 113.62 },
      capabilities: {
        cells: [
          { strategy: 'action', phase: 'crisis' },
          { strategy: 'action', phase: 'crisis' },
          { strategy: 'technology', phase: 'risk' },
        ],
        serviceCategories: ['water_sanitation', 'search_rescue'],
      },
    });
    await createOrganization(deps, SYSTEM, {
      kind: 'government_agency',
      name: '河南省应急管理厅',
      jurisdictions: ['410000'],
      capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['logistics_transport'] },
    });
    await createOrganization(deps, SYSTEM, {
      kind: 'foundation',
      name: '广东省慈善基金会',
      jurisdictions: ['440000'],
      capabilities: { cells: [{ strategy: 'resources', phase: 'recovery' }], serviceCategories: ['fundraising'] },
    });
    return blueSky;
  }

  it('registers organizations with their function map and finds them by either script', async () => {
    const blueSky = await registerThree();
    expect(blueSky.creditCode).toBe('91350100M000100Y43');
    expect(blueSky.capabilities.cells).toEqual([
      { strategy: 'technology', phase: 'risk' },
      { strategy: 'action', phase: 'crisis' },
    ]);
    expect(blueSky.capabilities.serviceCategories).toEqual(['search_rescue', 'water_sanitation']);

    expect(await names({ q: '藍天救援隊' })).toEqual(['郑州蓝天救援队']);
    expect(await names({ q: '蓝天' })).toEqual(['郑州蓝天救援队']);
    expect(await names({ q: 'blue sky' })).toEqual(['郑州蓝天救援队']);
    expect(await names({ q: '廣東' })).toEqual(['广东省慈善基金会']);
    expect(await names({ q: '队' })).toEqual(['郑州蓝天救援队']);
    expect(await names({ q: '救援厅' })).toEqual([]);
    expect(await names({ q: '50%_' })).toEqual([]);
  });

  it('filters by jurisdiction both ways, kind, cell and category', async () => {
    await registerThree();
    // A province finds everything serving places inside it.
    expect((await names({ jurisdiction: '410000' })).sort()).toEqual(['河南省应急管理厅', '郑州蓝天救援队'].sort());
    // A county finds those serving it directly and those serving the whole city or province.
    expect((await names({ jurisdiction: '410102' })).sort()).toEqual(['河南省应急管理厅', '郑州蓝天救援队'].sort());
    expect(await names({ jurisdiction: '410105' })).toEqual(['河南省应急管理厅', '郑州蓝天救援队'].sort());
    expect(await names({ jurisdiction: '410200' })).toEqual(['河南省应急管理厅']);
    expect(await names({ jurisdiction: '440100' })).toEqual(['广东省慈善基金会']);
    expect(await names({ kind: 'foundation' })).toEqual(['广东省慈善基金会']);
    expect(await names({ cell: 'action:crisis' })).toEqual(['郑州蓝天救援队']);
    expect(await names({ cell: 'resources:crisis', jurisdiction: '410102' })).toEqual(['河南省应急管理厅']);
    expect(await names({ category: 'fundraising' })).toEqual(['广东省慈善基金会']);
    expect(await names({ category: 'fundraising', jurisdiction: '410000' })).toEqual([]);
  });

  it('pages through results with a cursor and a stable total', async () => {
    const { deps } = t();
    for (let i = 0; i < 7; i++) {
      await createOrganization(deps, SYSTEM, { kind: 'community_group', name: `社区互助组${i}`, jurisdictions: ['410105'] });
    }
    const first = await list({ q: '互助' }, 3);
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(3);
    const second = await list({ q: '互助' }, 3, first.nextCursor ?? undefined);
    const third = await list({ q: '互助' }, 3, second.nextCursor ?? undefined);
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items].map((o) => o.name);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `社区互助组${i}`));
    await expect(list({}, 3, 'not-a-cursor')).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('updates keep the lookup tables in step', async () => {
    const { deps } = t();
    await registerThree();
    const [org] = (await list({ q: '广东省慈善' })).items;
    const updated = await updateOrganization(deps, SYSTEM, org.id, {
      name: '广东省应急慈善基金会',
      jurisdictions: ['440300'],
      capabilities: { cells: [{ strategy: 'ideas', phase: 'risk' }], serviceCategories: ['advocacy'] },
    });
    expect(updated.name).toBe('广东省应急慈善基金会');
    expect(await names({ q: '應急慈善' })).toEqual(['广东省应急慈善基金会']);
    expect(await names({ jurisdiction: '440100' })).toEqual([]);
    expect(await names({ jurisdiction: '440300' })).toEqual(['广东省应急慈善基金会']);
    expect(await names({ category: 'fundraising' })).toEqual([]);
    expect(await names({ cell: 'ideas:risk' })).toEqual(['广东省应急慈善基金会']);
  });

  it('refuses a second organization with the same credit code', async () => {
    const { deps } = t();
    await registerThree();
    const attempt = createOrganization(deps, SYSTEM, {
      kind: 'enterprise',
      name: '另一家公司',
      creditCode: '91350100M000100Y43',
      jurisdictions: ['350100'],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'credit_code_taken', field: 'creditCode' });
  });

  it('names the field of a bad credit code or an unknown jurisdiction', async () => {
    const { deps } = t();
    const bad = (input: Partial<Parameters<typeof createOrganization>[2]>) =>
      createOrganization(deps, SYSTEM, { kind: 'enterprise', name: '某公司', jurisdictions: ['350100'], ...input });
    await expect(bad({ creditCode: '91350100M000100Y44' })).rejects.toMatchObject({
      code: 'invalid_credit_code',
      field: 'creditCode',
    });
    await expect(bad({ jurisdictions: ['350100', '359999'] })).rejects.toMatchObject({
      code: 'unknown_jurisdiction',
      field: 'jurisdictions/1',
    });
    await expect(bad({ name: '   ' })).rejects.toBeInstanceOf(AppError);
  });

  it('accepts a retired division code for old records', async () => {
    const { deps } = t();
    const old = await createOrganization(deps, SYSTEM, {
      kind: 'community_group',
      name: '崇文区老社区',
      jurisdictions: ['110103'],
    });
    expect(old.jurisdictions).toEqual(['110103']);
    expect(await names({ jurisdiction: '110000', q: '崇文' })).toEqual(['崇文区老社区']);
  });

  it('archives without deleting: gone from the directory, still readable, no longer editable', async () => {
    const { deps } = t();
    const org = await createOrganization(deps, SYSTEM, {
      kind: 'community_group',
      name: '崇文区老社区',
      jurisdictions: ['110103'],
    });
    await archiveOrganization(deps, SYSTEM, org.id);
    expect(await names({ q: '崇文' })).toEqual([]);
    expect(await names({ q: '崇文', includeArchived: true })).toEqual(['崇文区老社区']);
    const read = await getOrganization(deps, SYSTEM, org.id);
    expect(read.archived).toBe(true);
    expect(read.viewerCanEdit).toBe(false);
    await expect(updateOrganization(deps, SYSTEM, org.id, { name: '新名' })).rejects.toMatchObject({ code: 'archived' });
  });
});
