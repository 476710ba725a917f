/**
 * Names of the model's identifiers in Simplified Chinese and English, shared by the web UI,
 * exports and reports. Traditional Chinese is derived from the Simplified text.
 */
import type { OrganizationKind } from './organization';
import type { Role } from './roles';
import type { Phase, ServiceCategory, Stage, Strategy } from './taxonomy';

type Label = { zh: string; en: string };

export const STRATEGY_LABELS: Record<Strategy, Label> = {
  technology: { zh: '技术介入', en: 'Technology' },
  action: { zh: '行动介入', en: 'Action' },
  resources: { zh: '资源介入', en: 'Resources' },
  ideas: { zh: '理念介入', en: 'Ideas' },
};

export const PHASE_LABELS: Record<Phase, Label> = {
  risk: { zh: '风险管理', en: 'Risk management' },
  crisis: { zh: '危机管理', en: 'Crisis management' },
  recovery: { zh: '恢复管理', en: 'Recovery management' },
};

export const STAGE_LABELS: Record<Stage, Label> = {
  mitigation: { zh: '减灾预防', en: 'Mitigation' },
  preparedness: { zh: '应急准备', en: 'Preparedness' },
  response: { zh: '处置救援', en: 'Response' },
  recovery: { zh: '恢复重建', en: 'Recovery' },
};

export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, Label> = {
  search_rescue: { zh: '搜索救援', en: 'Search and rescue' },
  emergency_medical: { zh: '紧急医疗', en: 'Emergency medical' },
  shelter: { zh: '避难安置', en: 'Shelter' },
  food: { zh: '食物保障', en: 'Food' },
  water_sanitation: { zh: '供水与卫生', en: 'Water and sanitation' },
  psychosocial: { zh: '心理社会支持', en: 'Psychosocial support' },
  logistics_transport: { zh: '物流运输', en: 'Logistics and transport' },
  communications: { zh: '应急通信', en: 'Communications' },
  information_management: { zh: '信息管理', en: 'Information management' },
  protection: { zh: '弱势群体保护', en: 'Protection' },
  education: { zh: '教育', en: 'Education' },
  early_recovery: { zh: '恢复重建', en: 'Early recovery' },
  livelihoods: { zh: '生计恢复', en: 'Livelihoods' },
  environment: { zh: '环境', en: 'Environment' },
  risk_assessment: { zh: '风险评估', en: 'Risk assessment' },
  early_warning: { zh: '监测预警', en: 'Early warning' },
  training_drills: { zh: '培训演练', en: 'Training and drills' },
  advocacy: { zh: '宣传倡导', en: 'Advocacy' },
  fundraising: { zh: '募捐筹资', en: 'Fundraising' },
  evaluation: { zh: '调查评估', en: 'Evaluation' },
};

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, Label> = {
  government_agency: { zh: '政府部门', en: 'Government agency' },
  social_organization: { zh: '社会组织', en: 'Social organization' },
  foundation: { zh: '基金会', en: 'Foundation' },
  rescue_team: { zh: '救援队', en: 'Rescue team' },
  volunteer_association: { zh: '志愿者协会', en: 'Volunteer association' },
  community_group: { zh: '社区组织', en: 'Community group' },
  grassroots_group: { zh: '草根团体', en: 'Grassroots group' },
  enterprise: { zh: '企业', en: 'Enterprise' },
};

export const ROLE_LABELS: Record<Role, Label> = {
  platform_admin: { zh: '平台管理员', en: 'Platform admin' },
  coordinator: { zh: '政府协调员', en: 'Government coordinator' },
  agency_staff: { zh: '部门工作人员', en: 'Agency staff' },
  org_admin: { zh: '组织管理员', en: 'Organization admin' },
  org_member: { zh: '组织成员', en: 'Organization member' },
  observer: { zh: '观察员', en: 'Observer' },
};
