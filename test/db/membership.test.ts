import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/services/context';
import {
  decideApplication,
  getApplication,
  listApplications,
  submitApplication,
} from '../../src/services/membership/applications';
import { cultivationDesk, getMembership } from '../../src/services/membership/read-membership';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const coordinator = (jurisdiction: string, userId = `coord-${jurisdiction}`): Actor => ({
  kind: 'user',
  userId,
  role: 'coordinator',
  organizationId: null,
  jurisdiction,
});
const HENAN = coordinator('410000');
const ZHENGZHOU = coordinator('410100');
const GUANGDONG = coordinator('440000');

const application_ = (name: string, kind: 'grassroots_group' | 'rescue_team' = 'rescue_team', home = '410102') => ({
  organization: { kind, name, jurisdictions: [home, '410100'] },
  contact: { name: '王队长', phone: '138 0000 1234', email: null },
});

describeEachDatabase('membership lifecycle', (t) => {
  let mentorId: string;
  beforeAll(async () => {
    mentorId = (
      await createOrganization(t().deps, SYSTEM, { kind: 'rescue_team', name: '河南省救援协会', jurisdictions: ['410000'] })
    ).id;
  });

  it('puts a public application under review and admits it by the home coordinator only', async () => {
    const { deps } = t();
    const { application: filed, organization } = await submitApplication(deps, application_('金水区应急志愿队'));
    expect(organization.membership).toEqual({ status: 'under_review', tier: 'standard', plan: null });
    expect(filed.contact.phone).toBe('13800001234');

    await expect(decideApplication(deps, GUANGDONG, filed.id, { decision: 'admit', reason: '符合条件' })).rejects.toMatchObject({
      code: 'out_of_scope',
    });
    // The Guangdong coordinator reads it, without the applicant's contact.
    const seenFar = await getApplication(deps, GUANGDONG, filed.id);
    expect(seenFar.contact).toBeNull();
    expect(seenFar.viewerCanDecide).toBe(false);
    const seenNear = await getApplication(deps, ZHENGZHOU, filed.id);
    expect(seenNear.contact).toEqual({ name: '王队长', phone: '13800001234', email: null });
    expect(seenNear.viewerCanDecide).toBe(true);

    const decided = await decideApplication(deps, ZHENGZHOU, filed.id, { decision: 'admit', reason: '备案材料齐全' });
    expect(decided.organization.membership.status).toBe('active');
    expect(decided.application).toMatchObject({ status: 'decided', decision: 'admit', decidedBy: 'coord-410100' });
    await expect(decideApplication(deps, HENAN, filed.id, { decision: 'decline', reason: '再议' })).rejects.toMatchObject({
      code: 'already_decided',
    });

    const membership = await getMembership(deps, GUANGDONG, organization.id);
    expect(membership.history.map((h) => [h.from, h.to, h.actor, h.reason])).toEqual([
      [null, 'under_review', 'system:public', 'applied'],
      ['under_review', 'active', 'coord-410100', '备案材料齐全'],
    ]);
    expect(membership.viewerCanDecide).toBe(false);
  });

  it('checks the applicant’s input and keeps government out of the public door', async () => {
    const { deps } = t();
    await expect(
      submitApplication(deps, { ...application_('电话错误队'), contact: { name: '李', phone: '12345' } }),
    ).rejects.toMatchObject({
      field: 'contact/phone',
    });
    await expect(
      submitApplication(deps, {
        organization: { kind: 'government_agency', name: '某局', jurisdictions: ['410100'] },
        contact: { name: '李', phone: '13800001111' },
      }),
    ).rejects.toMatchObject({ code: 'forbidden', field: 'organization/kind' });
    await expect(
      submitApplication(deps, {
        organization: { kind: 'rescue_team', name: '某队', jurisdictions: ['419999'] },
        contact: { name: '李', phone: '13800001111' },
      }),
    ).rejects.toMatchObject({ code: 'unknown_jurisdiction' });
  });

  it('admits emergent groups provisionally, but not other kinds', async () => {
    const { deps } = t();
    const group = await submitApplication(deps, application_('暴雨互助群', 'grassroots_group'));
    const admitted = await decideApplication(deps, HENAN, group.application.id, {
      decision: 'admit_provisional',
      reason: '应急期临时纳入',
    });
    expect(admitted.organization.membership).toMatchObject({ status: 'active', tier: 'provisional' });
    const team = await submitApplication(deps, application_('专业救援队'));
    await expect(
      decideApplication(deps, HENAN, team.application.id, { decision: 'admit_provisional', reason: 'x' }),
    ).rejects.toMatchObject({ field: 'tier' });
    // Later the group is vetted and becomes a standard member.
    const vetted = await transitionMembership(deps, HENAN, group.organization.id, {
      to: 'active',
      tier: 'standard',
      reason: '已核验',
    });
    expect(vetted.membership.tier).toBe('standard');
  });

  it('walks every transition, each with its history', async () => {
    const { deps, clock } = t();
    const { application: filed, organization } = await submitApplication(deps, application_('培育对象救援队'));
    await expect(decideApplication(deps, HENAN, filed.id, { decision: 'cultivate', reason: '能力不足' })).rejects.toMatchObject({
      code: 'plan_required',
    });
    const plan = { goals: ['完成水域救援培训', '通过备案'], mentorOrganizationId: mentorId, reviewOn: '2000-01-01' };
    await decideApplication(deps, HENAN, filed.id, { decision: 'cultivate', reason: '纳入培育', plan });
    const id = organization.id;
    const steps: [string, string][] = [
      ['active', '培育合格'],
      ['suspended', '违规'],
      ['active', '整改完成'],
      ['exited', '主动退出'],
      ['active', '重新加入'],
      ['cultivation', '复训'],
      ['exited', '解散'],
      ['under_review', '重新申请'],
      ['declined', '不符合'],
      ['under_review', '再次申请'],
      ['cultivation', '培育'],
      ['declined', '培育未达标'],
    ];
    for (const [to, reason] of steps) {
      clock.advance(1000);
      await transitionMembership(deps, ZHENGZHOU, id, {
        to: to as 'active',
        reason,
        plan: to === 'cultivation' ? plan : undefined,
      });
    }
    const { history, status } = await getMembership(deps, HENAN, id);
    expect(status).toBe('declined');
    expect(history.map((h) => `${h.from}>${h.to}`)).toEqual([
      'null>under_review',
      'under_review>cultivation',
      'cultivation>active',
      'active>suspended',
      'suspended>active',
      'active>exited',
      'exited>active',
      'active>cultivation',
      'cultivation>exited',
      'exited>under_review',
      'under_review>declined',
      'declined>under_review',
      'under_review>cultivation',
      'cultivation>declined',
    ]);
    expect(history[1].plan).toEqual(plan);
    expect(history.slice(2).map((h) => h.reason)).toEqual(steps.map(([, r]) => r));
  });

  it('decides the pending application when a coordinator moves the organization out of review directly', async () => {
    const { deps } = t();
    const { application, organization } = await submitApplication(deps, application_('直接处理队'));
    await transitionMembership(deps, ZHENGZHOU, organization.id, { to: 'active', reason: '现场核实后纳入' });
    expect(await getApplication(deps, HENAN, application.id)).toMatchObject({
      status: 'decided',
      decision: 'admit',
      reason: '现场核实后纳入',
      decidedBy: 'coord-410100',
    });
    expect((await listApplications(deps, HENAN, { status: 'under_review', limit: 50 })).items.map((a) => a.id)).not.toContain(
      application.id,
    );
  });

  it('extends cultivation with a new plan at its review', async () => {
    const { deps } = t();
    const org = await createOrganization(deps, SYSTEM, {
      kind: 'community_group',
      name: '延长培育社区队',
      jurisdictions: ['410105'],
    });
    const plan = { goals: ['建立值班制度'], mentorOrganizationId: null, reviewOn: '2027-01-31' };
    await transitionMembership(deps, HENAN, org.id, { to: 'cultivation', reason: '培育', plan });
    const extended = await transitionMembership(deps, HENAN, org.id, {
      to: 'cultivation',
      reason: '延长培育',
      plan: { ...plan, reviewOn: '2027-07-31' },
    });
    expect(extended.membership.plan?.reviewOn).toBe('2027-07-31');
  });

  it('refuses moves the lifecycle does not allow, and blank reasons', async () => {
    const { deps } = t();
    const { organization } = await submitApplication(deps, application_('规则测试队'));
    await expect(transitionMembership(deps, HENAN, organization.id, { to: 'suspended', reason: '无' })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    await expect(transitionMembership(deps, HENAN, organization.id, { to: 'active', reason: '  ' })).rejects.toMatchObject({
      field: 'reason',
    });
    await expect(transitionMembership(deps, GUANGDONG, organization.id, { to: 'active', reason: '越权' })).rejects.toMatchObject({
      code: 'out_of_scope',
    });
  });

  it('puts cultivation plans past their review date on the right coordinator’s desk', async () => {
    const { deps } = t();
    const due = await createOrganization(deps, SYSTEM, {
      kind: 'community_group',
      name: '待复核社区队',
      jurisdictions: ['410105'],
    });
    const later = await createOrganization(deps, SYSTEM, {
      kind: 'community_group',
      name: '未到期社区队',
      jurisdictions: ['410105'],
    });
    await transitionMembership(deps, HENAN, due.id, {
      to: 'cultivation',
      reason: '培育',
      plan: { goals: ['建立值班制度'], mentorOrganizationId: null, reviewOn: '2001-06-30' },
    });
    await transitionMembership(deps, HENAN, later.id, {
      to: 'cultivation',
      reason: '培育',
      plan: { goals: ['建立值班制度'], mentorOrganizationId: null, reviewOn: '2999-01-01' },
    });
    const names = async (actor: Actor) => (await cultivationDesk(deps, actor)).map((o) => o.name);
    expect(await names(ZHENGZHOU)).toContain('待复核社区队');
    expect(await names(ZHENGZHOU)).not.toContain('未到期社区队');
    expect(await names(GUANGDONG)).toEqual([]);
  });

  it('lists the review queue newest first, with paging', async () => {
    const { deps, clock } = t();
    await submitApplication(deps, application_('排队测试一队'));
    clock.advance(1000);
    await submitApplication(deps, application_('排队测试二队'));
    const first = await listApplications(deps, HENAN, { status: 'under_review', limit: 1 });
    expect(first.total).toBeGreaterThanOrEqual(2);
    const second = await listApplications(deps, HENAN, {
      status: 'under_review',
      limit: 1,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(first.items[0].createdAt >= second.items[0].createdAt).toBe(true);
  });
});
