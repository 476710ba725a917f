/**
 * Normal-time programs of the demo network, generated from a stated model rather than
 * placed by hand (the study's finding that institutional embedding goes with normal-time
 * work):
 * - each non-government organization runs programs in the last two years with probability
 *   0.1 + 0.5 × (1 if it holds a verified filing or agreement, else 0) — so embedded
 *   organizations work in normal times far more often, and grassroots groups, rarely embedded,
 *   mostly do not;
 * - one to three programs each, of a kind that follows its profile (rescue teams drill and
 *   train, social organizations run recovery projects and trainings, foundations fund
 *   mitigation, volunteers and communities advocate and assess risks), in its home county;
 * - the city's emergency bureau is a partner with probability 0.5, another organization of
 *   the same city with probability 0.3.
 */
import type { Organization, OrganizationKind } from '../../model/organization';
import type { CooperationType, ProgramKind, RecoveryFocus } from '../../model/program';
import type { FunctionCell, Stage } from '../../model/taxonomy';
import type { Deps } from '../context';
import { createProgram } from '../programs/manage-programs';
import type { Generator } from './random';

interface Plan {
  kind: ProgramKind;
  title: string;
  cell: FunctionCell;
  stage: Stage;
  cooperation: CooperationType;
  focus?: RecoveryFocus;
}

const PLANS: Partial<Record<OrganizationKind, Plan[]>> = {
  rescue_team: [
    {
      kind: 'drill',
      title: '防汛抢险联合演练',
      cell: { strategy: 'action', phase: 'risk' },
      stage: 'preparedness',
      cooperation: 'learning',
    },
    {
      kind: 'training',
      title: '水域救援技能培训',
      cell: { strategy: 'action', phase: 'risk' },
      stage: 'preparedness',
      cooperation: 'technique',
    },
  ],
  social_organization: [
    {
      kind: 'recovery_project',
      title: '灾后社区心理支持项目',
      cell: { strategy: 'ideas', phase: 'recovery' },
      stage: 'recovery',
      cooperation: 'services',
      focus: 'psychosocial',
    },
    {
      kind: 'training',
      title: '社区心理急救培训',
      cell: { strategy: 'ideas', phase: 'risk' },
      stage: 'preparedness',
      cooperation: 'learning',
    },
  ],
  foundation: [
    {
      kind: 'mitigation_project',
      title: '农村房屋加固资助项目',
      cell: { strategy: 'resources', phase: 'risk' },
      stage: 'mitigation',
      cooperation: 'resources',
    },
    {
      kind: 'recovery_project',
      title: '受灾家庭生计恢复资助',
      cell: { strategy: 'resources', phase: 'recovery' },
      stage: 'recovery',
      cooperation: 'resources',
      focus: 'livelihoods',
    },
  ],
  volunteer_association: [
    {
      kind: 'advocacy',
      title: '防灾减灾宣传周活动',
      cell: { strategy: 'ideas', phase: 'risk' },
      stage: 'mitigation',
      cooperation: 'information',
    },
    {
      kind: 'training',
      title: '志愿者应急救护培训',
      cell: { strategy: 'action', phase: 'risk' },
      stage: 'preparedness',
      cooperation: 'learning',
    },
  ],
  community_group: [
    {
      kind: 'risk_assessment',
      title: '社区灾害风险排查',
      cell: { strategy: 'technology', phase: 'risk' },
      stage: 'mitigation',
      cooperation: 'information',
    },
    {
      kind: 'drill',
      title: '社区疏散演练',
      cell: { strategy: 'action', phase: 'risk' },
      stage: 'preparedness',
      cooperation: 'learning',
    },
  ],
  grassroots_group: [
    {
      kind: 'advocacy',
      title: '邻里防汛知识分享',
      cell: { strategy: 'ideas', phase: 'risk' },
      stage: 'mitigation',
      cooperation: 'information',
    },
  ],
  enterprise: [
    {
      kind: 'mitigation_project',
      title: '应急通信保障能力建设',
      cell: { strategy: 'technology', phase: 'risk' },
      stage: 'mitigation',
      cooperation: 'technique',
    },
  ],
};

export async function demoPrograms(
  deps: Deps,
  r: Generator,
  orgs: readonly Organization[],
  agencies: ReadonlyMap<string, Organization>,
  embedded: ReadonlySet<string>,
  shift: (days: number) => string,
): Promise<number> {
  let made = 0;
  for (const org of orgs) {
    const plans = PLANS[org.kind];
    if (!plans || !r.chance(0.1 + (embedded.has(org.id) ? 0.5 : 0))) continue;
    const home = org.jurisdictions[0];
    const agency = agencies.get(`${home.slice(0, 4)}00`);
    const neighbours = orgs.filter(
      (o) => o.id !== org.id && o.kind !== 'government_agency' && o.jurisdictions[0].slice(0, 4) === home.slice(0, 4),
    );
    for (let i = r.int(1, 3); i > 0; i--) {
      const plan = r.pick(plans);
      const start = -r.int(20, 700);
      const partners = [
        ...(agency && r.chance(0.5) ? [agency.id] : []),
        ...(neighbours.length && r.chance(0.3) ? [r.pick(neighbours).id] : []),
      ];
      await createProgram(
        deps,
        { kind: 'system', label: 'demo' },
        {
          title: plan.title,
          kind: plan.kind,
          recoveryFocus: plan.focus ?? null,
          cell: plan.cell,
          stage: plan.stage,
          leadOrganizationId: org.id,
          partnerIds: partners,
          jurisdictions: [home],
          startsOn: shift(start),
          endsOn: shift(start + r.int(1, plan.kind === 'recovery_project' || plan.kind === 'mitigation_project' ? 180 : 3)),
          peopleReached: r.int(30, 2000),
          cooperationType: plan.cooperation,
        },
      );
      made += 1;
    }
  }
  return made;
}
