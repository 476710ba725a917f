/**
 * Who may edit an organization that serves several areas is one rule, the one that shows the
 * edit button; and an organization held by its coordinator (suspended, under review) cannot
 * walk its home out of that coordinator's reach.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/services/context';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { getOrganization } from '../../src/services/organizations/read-organizations';
import { updateOrganization } from '../../src/services/organizations/update-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const coordinator = (jurisdiction: string): Actor => ({
  kind: 'user',
  userId: `coord-${jurisdiction}`,
  role: 'coordinator',
  organizationId: null,
  jurisdiction,
});
const HENAN = coordinator('410000');
const GUANGDONG = coordinator('440000');

describeEachDatabase('the scope of an organization’s coordinators', (t) => {
  let serial = 0;
  const organization = async (jurisdictions: string[]) =>
    (
      await createOrganization(t().deps, SYSTEM, {
        kind: 'rescue_team',
        name: `跨省救援队${++serial}`,
        jurisdictions,
      })
    ).id;
  const adminOf = (organizationId: string): Actor => ({
    kind: 'user',
    userId: `admin-${organizationId}`,
    role: 'org_admin',
    organizationId,
    jurisdiction: null,
  });

  let twoProvinces: string;
  beforeAll(async () => {
    twoProvinces = await organization(['410102', '440100']);
  });

  it('lets the home coordinator of an organization serving two provinces edit what the button offers', async () => {
    const { deps } = t();
    expect((await getOrganization(deps, HENAN, twoProvinces)).viewerCanEdit).toBe(true);
    const edited = await updateOrganization(deps, HENAN, twoProvinces, { nameEn: 'Cross-province Rescue' });
    expect(edited).toMatchObject({ nameEn: 'Cross-province Rescue', jurisdictions: ['410102', '440100'] });
    // It may add an area of its own, not one of another province.
    expect(
      (await updateOrganization(deps, HENAN, twoProvinces, { jurisdictions: ['410102', '440100', '410105'] })).jurisdictions,
    ).toEqual(['410102', '440100', '410105']);
    await expect(
      updateOrganization(deps, HENAN, twoProvinces, { jurisdictions: ['410102', '440100', '410105', '440300'] }),
    ).rejects.toMatchObject({ code: 'out_of_scope', field: 'jurisdictions' });
    // The other province's coordinator is not offered the button and is refused alike.
    expect((await getOrganization(deps, GUANGDONG, twoProvinces)).viewerCanEdit).toBe(false);
    await expect(updateOrganization(deps, GUANGDONG, twoProvinces, { nameEn: 'x' })).rejects.toMatchObject({
      code: 'out_of_scope',
    });
  });

  it('leaves the areas an organization serves outside a coordinator’s own exactly as they were', async () => {
    const { deps } = t();
    const org = await organization(['410102', '440100']);
    // Henan's coordinator may not drop the Guangdong area, nor trade it for another one.
    await expect(updateOrganization(deps, HENAN, org, { jurisdictions: ['410102'] })).rejects.toMatchObject({
      code: 'out_of_scope',
      field: 'jurisdictions',
    });
    await expect(updateOrganization(deps, HENAN, org, { jurisdictions: ['410102', '440300'] })).rejects.toMatchObject({
      code: 'out_of_scope',
      field: 'jurisdictions',
    });
    expect((await getOrganization(deps, HENAN, org)).jurisdictions).toEqual(['410102', '440100']);
    // Areas of its own it may still add and drop.
    await updateOrganization(deps, HENAN, org, { jurisdictions: ['410102', '410105', '440100'] });
    expect((await updateOrganization(deps, HENAN, org, { jurisdictions: ['410102', '440100'] })).jurisdictions).toEqual([
      '410102',
      '440100',
    ]);
  });

  it('keeps a suspended organization’s home where its coordinator can reach it', async () => {
    const { deps } = t();
    const suspended = await organization(['410105']);
    await transitionMembership(deps, HENAN, suspended, { to: 'suspended', reason: '未按要求报备' });
    const admin = adminOf(suspended);
    await expect(updateOrganization(deps, admin, suspended, { jurisdictions: ['440100'] })).rejects.toMatchObject({
      code: 'out_of_scope',
      field: 'jurisdictions',
    });
    await expect(updateOrganization(deps, admin, suspended, { jurisdictions: ['440100', '410105'] })).rejects.toMatchObject({
      code: 'out_of_scope',
    });
    // Other changes, and areas added behind the home, are still its admin's to make.
    expect((await updateOrganization(deps, admin, suspended, { jurisdictions: ['410105', '440100'] })).jurisdictions).toEqual([
      '410105',
      '440100',
    ]);
    // The coordinator who suspended it may move its home inside their area.
    expect((await updateOrganization(deps, HENAN, suspended, { jurisdictions: ['410102', '440100'] })).jurisdictions[0]).toBe(
      '410102',
    );
    // An active organization's admin moves its home freely.
    const active = await organization(['410105']);
    expect((await updateOrganization(deps, adminOf(active), active, { jurisdictions: ['440100'] })).jurisdictions).toEqual([
      '440100',
    ]);
  });
});
