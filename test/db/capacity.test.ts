import { beforeAll, expect, it } from 'vitest';
import {
  addVolunteer,
  amendCapacity,
  amendVolunteer,
  declareCapacity,
  declareSpecialty,
} from '../../src/services/capacity/manage-capacity';
import { getCapacity, listVolunteers } from '../../src/services/capacity/read-capacity';
import type { Actor } from '../../src/services/context';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { verifyDeclaration } from '../../src/services/verify-declaration';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

describeEachDatabase('capacity, specialties and volunteers', (t) => {
  let teamId: string;
  let admin: Actor;
  let coordinator: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    teamId = (
      await createOrganization(t().deps, SYSTEM, { kind: 'rescue_team', name: '信阳山地救援队', jurisdictions: ['411500'] })
    ).id;
    admin = { kind: 'user', userId: 'team-admin', role: 'org_admin', organizationId: teamId, jurisdiction: null };
    coordinator = { kind: 'user', userId: 'coord', role: 'coordinator', organizationId: null, jurisdiction: '411500' };
    outsider = { kind: 'user', userId: 'observer', role: 'observer', organizationId: null, jurisdiction: null };
  });

  it('declares typed capacity; a change after verification makes it self-declared again', async () => {
    const { deps } = t();
    const boats = await declareCapacity(deps, admin, teamId, { kind: 'boat', type: '冲锋舟', typeLevel: 2, quantity: 4 });
    await declareCapacity(deps, admin, teamId, { kind: 'people', type: '救援队员', typeLevel: 1, quantity: 36 });
    await expect(
      declareCapacity(deps, outsider, teamId, { kind: 'drone', type: '无人机', typeLevel: 3, quantity: 1 }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(verifyDeclaration(deps, admin, 'capacities', boats.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await verifyDeclaration(deps, coordinator, 'capacities', boats.id)).verification).toMatchObject({ by: 'coord' });
    const changed = await amendCapacity(deps, admin, boats.id, { quantity: 3 });
    expect(changed).toMatchObject({ quantity: 3, verification: null });
    const view = await getCapacity(deps, outsider, teamId);
    expect(view.capacity.map((c) => [c.kind, c.type, c.quantity])).toEqual([
      ['boat', '冲锋舟', 3],
      ['people', '救援队员', 36],
    ]);
    expect(view.viewerCanDeclare).toBe(false);
    expect((await getCapacity(deps, admin, teamId)).viewerCanDeclare).toBe(true);
  });

  it('grades specialties and shows whether they are still valid', async () => {
    const { deps, clock } = t();
    const day = (offsetDays: number) => new Date(clock.now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    await declareSpecialty(deps, admin, teamId, {
      specialty: 'mountain',
      grade: 1,
      assessedBy: '河南省应急管理厅',
      validUntil: day(400),
    });
    await declareSpecialty(deps, admin, teamId, {
      specialty: 'water',
      grade: 3,
      assessedBy: '信阳市应急管理局',
      validUntil: day(10),
    });
    await declareSpecialty(deps, admin, teamId, {
      specialty: 'emergency_medical',
      grade: 2,
      assessedBy: '红十字会',
      validUntil: day(-1),
    });
    const { specialties } = await getCapacity(deps, outsider, teamId);
    expect(specialties.map((s) => [s.specialty, s.grade, s.validity])).toEqual([
      ['emergency_medical', 2, 'expired'],
      ['mountain', 1, 'valid'],
      ['water', 3, 'expiring'],
    ]);
  });

  it('keeps volunteers with warnings; names only for the organization and coordinators', async () => {
    const { deps, clock } = t();
    const soon = new Date(clock.now.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
    const volunteer = await addVolunteer(deps, admin, teamId, {
      name: '陈静',
      phone: '13600136000',
      skills: ['绳索救援', ' 绳索救援 ', '急救'],
      certifications: [{ type: '红十字救护员', issuer: '中国红十字会', expiresOn: soon }],
      insuranceExpiresOn: '2099-01-01',
    });
    expect(volunteer.skills).toEqual(['绳索救援', '急救']);
    await addVolunteer(deps, admin, teamId, { name: '刘洋', availability: 'limited' });
    const own = await listVolunteers(deps, admin, teamId);
    expect(own.items.map((v) => v.name)).toEqual(['陈静', '刘洋'].sort((a, b) => (a < b ? -1 : 1)));
    expect(own.summary).toEqual({ total: 2, available: 1, withWarnings: 1 });
    const seen = await listVolunteers(deps, outsider, teamId);
    expect(seen.items.every((v) => v.name === null && v.phone === null)).toBe(true);
    expect(seen.items.find((v) => v.warnings.length)?.warnings[0]).toMatchObject({ subject: 'certification', state: 'expiring' });
    // Leaving is recorded, not deleted.
    await amendVolunteer(deps, admin, volunteer.id, { active: false });
    expect((await listVolunteers(deps, coordinator, teamId)).summary.total).toBe(1);
    expect((await listVolunteers(deps, coordinator, teamId, true)).items).toHaveLength(2);
    await expect(addVolunteer(deps, admin, teamId, { name: ' ' })).rejects.toMatchObject({ field: 'name' });
    await expect(
      addVolunteer(deps, admin, teamId, { name: '王', certifications: [{ type: '', issuer: 'x', expiresOn: null }] }),
    ).rejects.toMatchObject({ field: 'certifications/0/type' });
  });
});
