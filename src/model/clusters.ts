/**
 * The IASC humanitarian clusters (STANDARDS.md, Coordination structures) and the one table
 * saying which cluster each service category's work falls in, for exchange with partners who
 * count activities by cluster (HXL `#sector+cluster`). A category outside the cluster system
 * (search and rescue is INSARAG's; warning, assessment, training, advocacy, fundraising and
 * evaluation are cross-cutting) has none. The README's table is this table.
 */
import { SERVICE_CATEGORIES, type ServiceCategory } from './taxonomy';

export const IASC_CLUSTERS = [
  'CCCM',
  'Early Recovery',
  'Education',
  'Emergency Telecommunications',
  'Food Security',
  'Health',
  'Logistics',
  'Nutrition',
  'Protection',
  'Shelter',
  'WASH',
] as const;
export type IascCluster = (typeof IASC_CLUSTERS)[number];

export const CLUSTER_OF_CATEGORY: Record<ServiceCategory, IascCluster | null> = {
  search_rescue: null,
  emergency_medical: 'Health',
  shelter: 'Shelter',
  food: 'Food Security',
  water_sanitation: 'WASH',
  psychosocial: 'Health',
  logistics_transport: 'Logistics',
  communications: 'Emergency Telecommunications',
  information_management: null,
  protection: 'Protection',
  education: 'Education',
  early_recovery: 'Early Recovery',
  livelihoods: 'Early Recovery',
  environment: 'Early Recovery',
  risk_assessment: null,
  early_warning: null,
  training_drills: null,
  advocacy: null,
  fundraising: null,
  evaluation: null,
};

/** The cluster a service category's work falls in (null outside the cluster system). */
export function clusterOf(category: ServiceCategory): IascCluster | null {
  return CLUSTER_OF_CATEGORY[category];
}

/** Spellings partners use for a cluster, lower-cased, beside its name. */
const CLUSTER_ALIASES: Record<string, IascCluster> = {
  'camp coordination and camp management': 'CCCM',
  'camp coordination / management': 'CCCM',
  'emergency shelter': 'Shelter',
  'emergency shelter and nfi': 'Shelter',
  'shelter and nfi': 'Shelter',
  'water, sanitation and hygiene': 'WASH',
  'water sanitation hygiene': 'WASH',
  etc: 'Emergency Telecommunications',
  'food security and livelihoods': 'Food Security',
  fsl: 'Food Security',
  卫生: 'Health',
  医疗卫生: 'Health',
  住所: 'Shelter',
  庇护所: 'Shelter',
  粮食安全: 'Food Security',
  水与环境卫生: 'WASH',
  后勤: 'Logistics',
  物流: 'Logistics',
  应急通信: 'Emergency Telecommunications',
  保护: 'Protection',
  教育: 'Education',
  早期恢复: 'Early Recovery',
  营养: 'Nutrition',
  营地协调与管理: 'CCCM',
};

/** A cluster named in a partner's cell (its name in any case, or a common spelling), or undefined. */
export function parseCluster(text: string): IascCluster | undefined {
  const t = text.trim().toLowerCase();
  return IASC_CLUSTERS.find((c) => c.toLowerCase() === t) ?? CLUSTER_ALIASES[t];
}

/** The category an activity known only by its cluster is counted under: the cluster's first in taxonomy order. */
export function categoryOfCluster(cluster: IascCluster): ServiceCategory | undefined {
  return SERVICE_CATEGORIES.find((c) => CLUSTER_OF_CATEGORY[c] === cluster);
}
