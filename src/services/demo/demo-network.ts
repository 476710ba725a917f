/**
 * A realistic demo network over real counties of three provinces, built through the same
 * use cases as real data (so it is audited and obeys every rule): government agencies and
 * social organizations of all kinds, varied function maps and capacity, filings, agreements,
 * seats, volunteers, normal-time programs (src/services/demo/demo-programs.ts), two past
 * incidents simulated from response into recovery (src/services/demo/demo-history.ts), an
 * ongoing incident with its coordination centre and a typhoon being prepared for with its
 * standby roster (src/services/demo/demo-command.ts), every membership state, and one
 * account per role.
 */

import type { CapacityKind, RescueSpecialty } from '../../model/capacity';
import { creditCodeCheckCharacter } from '../../model/credit-code';
import type { AgreementType, Subsystem } from '../../model/embedding';
import { AppError } from '../../model/errors';
import { childJurisdictions, type Jurisdiction } from '../../model/jurisdictions';
import type { Organization, OrganizationKind } from '../../model/organization';
import type { Role } from '../../model/roles';
import { allCells, type FunctionCell, SERVICE_CATEGORIES, type ServiceCategory } from '../../model/taxonomy';
import { addVolunteer, declareCapacity, declareSpecialty } from '../capacity/manage-capacity';
import type { Actor, Deps } from '../context';
import { declareAgreement, declareSeat, fileFiling } from '../embedding/declare-embedding';
import { decideApplication, submitApplication } from '../membership/applications';
import { transitionMembership } from '../membership/transition-membership';
import { createOrganization } from '../organizations/create-organization';
import { createUser } from '../users/manage-users';
import { verifyDeclaration, verifyOrganizationFields } from '../verify-declaration';
import { demoCommand } from './demo-command';
import { demoPastIncident } from './demo-history';
import { demoIncident } from './demo-incident';
import { demoPrograms } from './demo-programs';
import { demoResources } from './demo-resources';
import { demoTasks } from './demo-tasks';
import { generator } from './random';

export const DEMO_PROVINCES = ['410000', '420000', '510000'];
export const DEMO_PASSWORD = 'demo-corespond-2026';

export const DEMO: Actor = { kind: 'system', label: 'demo' };

const DIGITS = [...'0123456789'];

/** What each kind of organization typically does: its cells and service categories. */
const PROFILES: Record<OrganizationKind, { cells: FunctionCell[]; categories: ServiceCategory[]; names: string[] }> = {
  government_agency: { cells: [], categories: [], names: [] },
  rescue_team: {
    cells: [
      { strategy: 'action', phase: 'crisis' },
      { strategy: 'action', phase: 'risk' },
      { strategy: 'technology', phase: 'crisis' },
    ],
    categories: ['search_rescue', 'emergency_medical', 'training_drills', 'logistics_transport', 'communications'],
    names: ['蓝天救援队', '应急救援队', '山地救援队', '水上救援队', '公羊救援队', '曙光救援队'],
  },
  social_organization: {
    cells: [
      { strategy: 'action', phase: 'recovery' },
      { strategy: 'ideas', phase: 'recovery' },
      { strategy: 'action', phase: 'risk' },
    ],
    categories: ['psychosocial', 'protection', 'livelihoods', 'education', 'shelter'],
    names: ['社会工作服务中心', '公益服务中心', '社区发展促进会', '心理援助协会'],
  },
  foundation: {
    cells: [
      { strategy: 'resources', phase: 'crisis' },
      { strategy: 'resources', phase: 'recovery' },
      { strategy: 'resources', phase: 'risk' },
    ],
    categories: ['fundraising', 'early_recovery', 'food', 'shelter'],
    names: ['慈善总会', '公益基金会', '红十字会', '乡村振兴基金会'],
  },
  volunteer_association: {
    cells: [
      { strategy: 'action', phase: 'crisis' },
      { strategy: 'ideas', phase: 'risk' },
      { strategy: 'action', phase: 'risk' },
    ],
    categories: ['training_drills', 'advocacy', 'food', 'logistics_transport', 'protection'],
    names: ['志愿者协会', '义工联合会', '青年志愿者协会', '巾帼志愿服务队'],
  },
  community_group: {
    cells: [
      { strategy: 'action', phase: 'crisis' },
      { strategy: 'ideas', phase: 'risk' },
    ],
    categories: ['early_warning', 'protection', 'food', 'information_management'],
    names: ['社区应急互助队', '邻里守望队', '村民自救互助组'],
  },
  grassroots_group: {
    cells: [
      { strategy: 'action', phase: 'crisis' },
      { strategy: 'resources', phase: 'crisis' },
    ],
    categories: ['food', 'logistics_transport', 'information_management'],
    names: ['暴雨互助群', '爱心车队', '物资对接小组', '返乡青年互助队'],
  },
  enterprise: {
    cells: [
      { strategy: 'resources', phase: 'crisis' },
      { strategy: 'technology', phase: 'crisis' },
    ],
    categories: ['logistics_transport', 'communications', 'information_management'],
    names: ['物流有限公司', '通信技术有限公司', '无人机科技有限公司', '医药有限公司'],
  },
};

const NON_GOVERNMENT: OrganizationKind[] = [
  'rescue_team',
  'rescue_team',
  'social_organization',
  'foundation',
  'volunteer_association',
  'volunteer_association',
  'community_group',
  'grassroots_group',
  'enterprise',
];

export interface DemoReport {
  organizations: number;
  accounts: { role: Role; email: string; password: string; organization: string | null; jurisdiction: string | null }[];
}

function shortName(j: Jurisdiction): string {
  return j.name.replace(/(省|市|自治州|地区|区|县)$/, '');
}

/** Loads the demo network; refuses when the platform already has organizations. */
export async function loadDemoNetwork(deps: Deps, log: (message: string) => void = () => {}): Promise<DemoReport> {
  const existing = await deps.db.selectFrom('organizations').select('id').limit(1).execute();
  if (existing.length) throw new AppError('setup_done', { detail: 'the demo network is only loaded into an empty platform' });
  const r = generator(2260);
  const shift = (days: number) => new Date(deps.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const creditCode = (prefix: string) => {
    let first = prefix;
    while (first.length < 17) first += r.pick(DIGITS);
    return first + creditCodeCheckCharacter(first);
  };

  const provinces = DEMO_PROVINCES.map((code) => childJurisdictions(null).find((p) => p.code === code) as Jurisdiction);
  const orgs: Organization[] = [];
  const agencies = new Map<string, Organization>();

  for (const province of provinces) {
    log(`${province.name}…`);
    const provincial = await createOrganization(deps, DEMO, {
      kind: 'government_agency',
      name: `${province.name}应急管理厅`,
      creditCode: creditCode(`11${province.code}`),
      jurisdictions: [province.code],
      capabilities: {
        cells: [
          { strategy: 'resources', phase: 'crisis' },
          { strategy: 'technology', phase: 'risk' },
          { strategy: 'action', phase: 'crisis' },
        ],
        serviceCategories: ['search_rescue', 'logistics_transport', 'information_management', 'early_warning', 'risk_assessment'],
      },
    });
    agencies.set(province.code, provincial);
    orgs.push(provincial);
    const cities = childJurisdictions(province.code)
      .filter((c) => c.level === 'city')
      .slice(0, 6);
    for (const city of cities) {
      const agency = await createOrganization(deps, DEMO, {
        kind: 'government_agency',
        name: `${city.name}应急管理局`,
        creditCode: creditCode(`11${city.code}`),
        supervisingAgency: provincial.name,
        jurisdictions: [city.code],
        capabilities: {
          cells: [
            { strategy: 'action', phase: 'crisis' },
            { strategy: 'resources', phase: 'crisis' },
            { strategy: 'technology', phase: 'risk' },
          ],
          serviceCategories: r.some(
            [
              'search_rescue',
              'shelter',
              'food',
              'logistics_transport',
              'early_warning',
              'risk_assessment',
              'evaluation',
            ] as const,
            0.6,
          ),
        },
      });
      agencies.set(city.code, agency);
      orgs.push(agency);
      const counties = childJurisdictions(city.code).slice(0, 5);
      for (const county of counties) {
        for (let i = 0; i < 3; i++) {
          const kind = r.pick(NON_GOVERNMENT);
          const profile = PROFILES[kind];
          const place = r.chance(0.5) ? shortName(county) : shortName(city);
          const cells = [...r.some(profile.cells, 0.7), ...r.some(allCells(), 0.08)];
          const org = await createOrganization(deps, DEMO, {
            kind,
            name: `${place}${r.pick(profile.names)}${i > 0 && r.chance(0.3) ? `第${i + 1}分队` : ''}`.replace(/^(.+)(\1)/, '$1'),
            creditCode: kind === 'grassroots_group' || r.chance(0.15) ? null : creditCode(kind === 'enterprise' ? '91' : '52'),
            supervisingAgency: kind === 'enterprise' || kind === 'grassroots_group' ? null : `${city.name}民政局`,
            jurisdictions: r.chance(0.3) ? [county.code, city.code] : [county.code],
            capabilities: {
              cells: cells.length ? cells : profile.cells.slice(0, 1),
              serviceCategories: [...r.some(profile.categories, 0.6), ...r.some(SERVICE_CATEGORIES, 0.05)],
            },
          }).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'credit_code_taken') return undefined;
            throw error;
          });
          if (org) orgs.push(org);
        }
      }
    }
  }

  log('embedding, capacity and volunteers…');
  /** Organizations holding a verified filing or agreement: the model of normal-time work below uses it. */
  const embedded = new Set<string>();
  for (const org of orgs) {
    if (org.kind === 'government_agency') continue;
    const home = org.jurisdictions[0];
    const cityAgency = agencies.get(`${home.slice(0, 4)}00`) ?? agencies.get(`${home.slice(0, 2)}0000`);
    if (org.creditCode && r.chance(0.5)) await verifyOrganizationFields(deps, DEMO, org.id, ['creditCode', 'name']);
    if (r.chance(0.45)) {
      const filing = await fileFiling(deps, DEMO, org.id, {
        department: cityAgency?.name ?? '应急管理局',
        filedOn: shift(-r.int(30, 900)),
        reference: `应急备〔${r.int(2022, 2026)}〕${r.int(1, 300)}号`,
      });
      if (r.chance(0.6)) {
        await verifyDeclaration(deps, DEMO, 'filings', filing.id);
        embedded.add(org.id);
      }
    }
    if (cityAgency && r.chance(0.3)) {
      const type: AgreementType = r.pick(['mou', 'service_contract', 'emergency_plan'] as const);
      const validFrom = shift(-r.int(60, 1000));
      const validTo = r.chance(0.2) ? shift(-r.int(1, 50)) : shift(r.int(30, 700));
      const agreement = await declareAgreement(deps, DEMO, {
        organizationId: org.id,
        counterpartId: cityAgency.id,
        type,
        validFrom,
        validTo,
      });
      if (r.chance(0.6)) {
        await verifyDeclaration(deps, DEMO, 'agreements', agreement.id);
        embedded.add(org.id);
      }
    }
    if (cityAgency && r.chance(0.1)) {
      const subsystem: Subsystem = r.pick(['information', 'decision', 'assessment', 'command'] as const);
      const seat = await declareSeat(deps, DEMO, {
        organizationId: org.id,
        structure: `${cityAgency.name.replace('应急管理局', '')}防汛抗旱指挥部`,
        subsystem,
        liaisonName: `${r.pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄'])}${r.pick(['伟', '芳', '娜', '敏', '静', '强', '磊', '洋'])}`,
        from: shift(-r.int(30, 500)),
      });
      if (r.chance(0.5)) await verifyDeclaration(deps, DEMO, 'seats', seat.id);
    }
    if (org.kind === 'rescue_team' || org.kind === 'volunteer_association' || org.kind === 'enterprise') {
      const kinds: [CapacityKind, string][] = [
        ['people', '队员'],
        ['vehicle', '越野车'],
        ['boat', '冲锋舟'],
        ['drone', '多旋翼无人机'],
        ['equipment', '生命探测仪'],
      ];
      for (const [kind, type] of r.some(kinds, 0.6)) {
        const item = await declareCapacity(deps, DEMO, org.id, {
          kind,
          type,
          typeLevel: r.int(1, 4),
          quantity: kind === 'people' ? r.int(8, 120) : r.int(1, 12),
        });
        if (r.chance(0.4)) await verifyDeclaration(deps, DEMO, 'capacities', item.id);
      }
    }
    if (org.kind === 'rescue_team') {
      for (const specialty of r.some(
        ['building_collapse', 'mountain', 'water', 'diving', 'emergency_medical'] as RescueSpecialty[],
        0.4,
      )) {
        const graded = await declareSpecialty(deps, DEMO, org.id, {
          specialty,
          grade: r.int(1, 3),
          assessedBy: agencies.get(`${home.slice(0, 2)}0000`)?.name ?? '应急管理厅',
          validUntil: shift(r.int(-30, 900)),
        });
        if (r.chance(0.5)) await verifyDeclaration(deps, DEMO, 'specialties', graded.id);
      }
    }
    if (org.kind === 'rescue_team' || org.kind === 'volunteer_association') {
      for (let v = 0; v < r.int(2, 6); v++) {
        const volunteer = await addVolunteer(deps, DEMO, org.id, {
          name: `${r.pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'])}${r.pick(['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'])}`,
          skills: r.some(['绳索救援', '急救', '水域救援', '无线电通信', '心理疏导', '驾驶', '无人机操作'], 0.35),
          certifications: r.chance(0.7)
            ? [
                {
                  type: r.pick(['红十字救护员', '水域救援技术员', '应急救援员']),
                  issuer: r.pick(['中国红十字会', '应急管理部', '省应急管理厅']),
                  expiresOn: shift(r.int(-20, 700)),
                },
              ]
            : [],
          insuranceExpiresOn: r.chance(0.85) ? shift(r.int(-10, 360)) : null,
          availability: r.pick(['available', 'available', 'limited', 'unavailable'] as const),
        });
        if (r.chance(0.3)) await verifyDeclaration(deps, DEMO, 'volunteers', volunteer.id);
      }
    }
  }

  log('normal-time programs…');
  await demoPrograms(deps, r, orgs, agencies, embedded, shift);

  log('applications…');
  const counties = provinces.flatMap((p) =>
    childJurisdictions(p.code)
      .slice(0, 3)
      .flatMap((c) => childJurisdictions(c.code).slice(0, 2)),
  );
  for (const [i, county] of counties.entries()) {
    const kind = r.pick(['grassroots_group', 'community_group', 'rescue_team', 'volunteer_association'] as const);
    const { application } = await submitApplication(deps, {
      organization: {
        kind,
        name: `${shortName(county)}${r.pick(PROFILES[kind].names)}`,
        jurisdictions: [county.code],
        capabilities: { cells: PROFILES[kind].cells.slice(0, 2), serviceCategories: PROFILES[kind].categories.slice(0, 2) },
      },
      contact: {
        name: `${r.pick(['孙', '马', '朱', '胡', '郭'])}${r.pick(['队长', '会长', '负责人'])}`,
        phone: `13${r.int(100000000, 999999999)}`,
      },
    });
    const outcome = i % 4;
    if (outcome === 1) await decideApplication(deps, DEMO, application.id, { decision: 'admit', reason: '材料齐全，准予加入' });
    if (outcome === 2 && (kind === 'grassroots_group' || kind === 'community_group' || kind === 'volunteer_association')) {
      await decideApplication(deps, DEMO, application.id, {
        decision: 'admit_provisional',
        reason: '应急期临时纳入，观察三个月',
      });
    }
    if (outcome === 3)
      await decideApplication(deps, DEMO, application.id, { decision: 'decline', reason: '服务区域与能力信息不完整' });
  }

  log('two past incidents, simulated day by day…');
  await demoPastIncident(deps, r, orgs, embedded, {
    name: '南阳山洪灾害',
    type: '山洪',
    city: '411300',
    centre: { lat: 33.0, lon: 112.53 },
    daysAgo: 420,
  });
  await demoPastIncident(deps, r, orgs, embedded, {
    name: '宜昌洪涝灾害',
    type: '洪涝',
    city: '420500',
    centre: { lat: 30.7, lon: 111.29 },
    daysAgo: 200,
  });

  // Today's membership states come after the past incidents (suspended and departed organizations acted then).
  log('membership states…');
  const social = orgs.filter((o) => o.kind !== 'government_agency');
  const inactive = new Set<string>();
  for (const [i, org] of social.entries()) {
    const plan = {
      goals: ['完成专业技能培训', '建立值班备勤制度', '完成备案'],
      mentorOrganizationId: agencies.get(`${org.jurisdictions[0].slice(0, 2)}0000`)?.id ?? null,
      reviewOn: shift(r.int(-30, 120)),
    };
    switch (i % 25) {
      case 3:
        await transitionMembership(deps, DEMO, org.id, { to: 'cultivation', reason: '能力建设中，纳入培育', plan });
        break;
      case 7:
        await transitionMembership(deps, DEMO, org.id, { to: 'suspended', reason: '年度评估不合格，暂停整改' });
        inactive.add(org.id);
        break;
      case 11:
        await transitionMembership(deps, DEMO, org.id, { to: 'exited', reason: '组织解散，主动退出' });
        inactive.add(org.id);
        break;
      case 15:
        await transitionMembership(deps, DEMO, org.id, { to: 'cultivation', reason: '新建队伍，纳入培育', plan });
        break;
    }
  }
  // Suspended and departed organizations may not act in the ongoing incident.
  const acting = orgs.filter((o) => !inactive.has(o.id));
  log('an ongoing incident…');
  const ongoing = await demoIncident(deps, r, acting);
  await demoCommand(deps, r, acting);
  log('its goods: warehouses, offers, an allocation and its shipments…');
  await demoResources(deps, r, ongoing, acting);

  log('accounts…');
  const henanAgency = agencies.get('410000') as Organization;
  const team =
    orgs.find((o) => o.kind === 'rescue_team' && o.jurisdictions[0].startsWith('4101') && o.membership.status === 'active') ??
    (orgs.find((o) => o.kind === 'rescue_team') as Organization);
  const accounts: DemoReport['accounts'] = [];
  const account = async (
    role: Role,
    local: string,
    extra: { organizationId?: string; jurisdiction?: string },
    organization: string | null,
  ) => {
    const email = `${local}@demo.corespond.cn`;
    await createUser(deps, DEMO, { email, password: DEMO_PASSWORD, role, displayName: local, ...extra });
    accounts.push({ role, email, password: DEMO_PASSWORD, organization, jurisdiction: extra.jurisdiction ?? null });
  };
  await account('coordinator', 'coordinator', { jurisdiction: '410000' }, null);
  await account('agency_staff', 'agency', { organizationId: henanAgency.id }, henanAgency.name);
  await account('org_admin', 'team-admin', { organizationId: team.id }, team.name);
  await account('org_member', 'team-member', { organizationId: team.id }, team.name);
  await account('observer', 'observer', {}, null);
  log('open tasks for the demo team…');
  await demoTasks(deps, team, ongoing);
  return { organizations: orgs.length + counties.length, accounts };
}
