import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/services/context';
import { declareAgreement, declareSeat, fileFiling } from '../../src/services/embedding/declare-embedding';
import { getEmbedding } from '../../src/services/embedding/read-embedding';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { getOrganization } from '../../src/services/organizations/read-organizations';
import { updateOrganization } from '../../src/services/organizations/update-organization';
import { verifyDeclaration, verifyOrganizationFields } from '../../src/services/verify-declaration';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const user = (role: 'coordinator' | 'org_admin' | 'observer', extra: Partial<Extract<Actor, { kind: 'user' }>>): Actor => ({
  kind: 'user',
  userId: `${role}-${extra.jurisdiction ?? extra.organizationId ?? 'x'}`,
  role,
  organizationId: null,
  jurisdiction: null,
  ...extra,
});

describeEachDatabase('embedding: filings, agreements, seats and verification', (t) => {
  let teamId: string;
  let agencyId: string;
  let henan: Actor;
  let guangdong: Actor;
  let teamAdmin: Actor;
  let observer: Actor;

  beforeAll(async () => {
    const { deps } = t();
    teamId = (
      await createOrganization(deps, SYSTEM, {
        kind: 'rescue_team',
        name: '新乡水上救援队',
        creditCode: '91350100M000100Y43',
        jurisdictions: ['410700'],
      })
    ).id;
    agencyId = (
      await createOrganization(deps, SYSTEM, { kind: 'government_agency', name: '新乡市应急管理局', jurisdictions: ['410700'] })
    ).id;
    henan = user('coordinator', { jurisdiction: '410000' });
    guangdong = user('coordinator', { jurisdiction: '440000' });
    teamAdmin = user('org_admin', { organizationId: teamId });
    observer = user('observer', {});
  });

  it('records self-declared items until the home coordinator verifies them', async () => {
    const { deps } = t();
    const filing = await fileFiling(deps, teamAdmin, teamId, {
      department: '新乡市应急管理局',
      filedOn: '2025-03-01',
      reference: '新应急备〔2025〕12号',
    });
    const agreement = await declareAgreement(deps, teamAdmin, {
      organizationId: teamId,
      counterpartId: agencyId,
      type: 'service_contract',
      validFrom: '2025-01-01',
      validTo: '2026-12-31',
    });
    const seat = await declareSeat(deps, teamAdmin, {
      organizationId: teamId,
      structure: '新乡市防汛抗旱指挥部',
      subsystem: 'command',
      liaisonName: '赵刚',
      from: '2025-05-01',
    });
    for (const item of [filing, agreement, seat]) expect(item.verification).toBeNull();

    await expect(verifyDeclaration(deps, teamAdmin, 'filings', filing.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(verifyDeclaration(deps, guangdong, 'seats', seat.id)).rejects.toMatchObject({ code: 'out_of_scope' });
    const verified = await verifyDeclaration(deps, henan, 'filings', filing.id);
    expect(verified.verification).toMatchObject({ by: henan.kind === 'user' ? henan.userId : '' });
    await verifyDeclaration(deps, henan, 'agreements', agreement.id);
    // Verifying twice keeps the first verification.
    const again = await verifyDeclaration(deps, henan, 'filings', filing.id);
    expect(again.verification).toEqual(verified.verification);

    const view = await getEmbedding(deps, henan, teamId);
    expect(view.filings.map((f) => !!f.verification)).toEqual([true]);
    expect(view.agreements.map((a) => !!a.verification)).toEqual([true]);
    expect(view.seats.map((s) => !!s.verification)).toEqual([false]);
    expect(view.seats[0].liaisonName).toBe('赵刚');
    expect(view.viewerCanVerify).toBe(true);
    // The counterpart sees the agreement too; an observer does not see the liaison's name.
    expect((await getEmbedding(deps, observer, agencyId)).agreements).toHaveLength(1);
    expect((await getEmbedding(deps, observer, teamId)).seats[0].liaisonName).toBeNull();
    expect((await getEmbedding(deps, observer, teamId)).viewerCanVerify).toBe(false);
  });

  it('lets only the organization, its coordinator or an admin declare for it', async () => {
    const { deps } = t();
    const otherAdmin = user('org_admin', { organizationId: agencyId });
    await expect(fileFiling(deps, observer, teamId, { department: '某局', filedOn: '2025-01-01' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(fileFiling(deps, guangdong, teamId, { department: '某局', filedOn: '2025-01-01' })).rejects.toMatchObject({
      code: 'out_of_scope',
    });
    await expect(
      declareSeat(deps, otherAdmin, {
        organizationId: teamId,
        structure: '指挥部',
        subsystem: 'information',
        liaisonName: '钱',
        from: '2025-01-01',
      }),
    ).rejects.toMatchObject({ code: 'out_of_scope' });
    // Either party of an agreement may declare it.
    await expect(
      declareAgreement(deps, otherAdmin, {
        organizationId: teamId,
        counterpartId: agencyId,
        type: 'mou',
        validFrom: '2025-01-01',
      }),
    ).resolves.toMatchObject({ type: 'mou' });
  });

  it('checks dates, parties and blanks', async () => {
    const { deps } = t();
    await expect(
      declareAgreement(deps, henan, { organizationId: teamId, counterpartId: teamId, type: 'mou', validFrom: '2025-01-01' }),
    ).rejects.toMatchObject({ field: 'counterpartId' });
    await expect(
      declareAgreement(deps, henan, { organizationId: teamId, counterpartId: 'missing', type: 'mou', validFrom: '2025-01-01' }),
    ).rejects.toMatchObject({ code: 'not_found', field: 'counterpartId' });
    await expect(
      declareAgreement(deps, henan, {
        organizationId: teamId,
        counterpartId: agencyId,
        type: 'mou',
        validFrom: '2025-06-01',
        validTo: '2025-01-01',
      }),
    ).rejects.toMatchObject({ field: 'validTo' });
    await expect(fileFiling(deps, henan, teamId, { department: '  ', filedOn: '2025-01-01' })).rejects.toMatchObject({
      field: 'department',
    });
  });

  it('verifies an organization’s own fields, and a later change makes them self-declared again', async () => {
    const { deps } = t();
    await expect(verifyOrganizationFields(deps, teamAdmin, teamId, ['creditCode'])).rejects.toMatchObject({ code: 'forbidden' });
    await verifyOrganizationFields(deps, henan, teamId, ['creditCode', 'name']);
    expect((await getOrganization(deps, observer, teamId)).verifiedFields.sort()).toEqual(['creditCode', 'name']);
    await updateOrganization(deps, teamAdmin, teamId, { name: '新乡市水上救援队' });
    expect((await getOrganization(deps, observer, teamId)).verifiedFields).toEqual(['creditCode']);
    await expect(verifyOrganizationFields(deps, henan, teamId, ['supervisingAgency'])).rejects.toMatchObject({
      field: 'fields/0',
    });
  });
});
