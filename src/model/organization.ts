import type { CultivationPlan, MembershipStatus, MembershipTier } from './membership';
import type { FunctionCell, ServiceCategory } from './taxonomy';

export const ORGANIZATION_KINDS = [
  'government_agency',
  'social_organization',
  'foundation',
  'rescue_team',
  'volunteer_association',
  'community_group',
  'grassroots_group',
  'enterprise',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface Capabilities {
  cells: FunctionCell[];
  serviceCategories: ServiceCategory[];
}

/** Where an organization stands in the network's membership lifecycle. */
export interface Membership {
  status: MembershipStatus;
  tier: MembershipTier;
  plan: CultivationPlan | null;
}

/** An organization of the network as the rest of the system sees it. */
export interface Organization {
  id: string;
  kind: OrganizationKind;
  name: string;
  nameEn: string | null;
  creditCode: string | null;
  supervisingAgency: string | null;
  jurisdictions: string[];
  base: GeoPoint | null;
  capabilities: Capabilities;
  archived: boolean;
  membership: Membership;
  /** Whether it holds the public-fundraising qualification (公开募捐资格), a public fact. */
  publicFundraisingQualified: boolean;
  /** The day it was granted (YYYY-MM-DD), when known; null while not qualified. */
  publicFundraisingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The fields of an organization's profile, as checked and stored. */
export interface OrganizationFields {
  kind: OrganizationKind;
  name: string;
  nameEn: string | null;
  creditCode: string | null;
  supervisingAgency: string | null;
  jurisdictions: string[];
  base: GeoPoint | null;
  capabilities: Capabilities;
}

/** Profile fields as a client sends them: the optional ones may be left out. */
export type OrganizationInput = Partial<Omit<OrganizationFields, 'kind' | 'name' | 'jurisdictions'>> &
  Pick<OrganizationFields, 'kind' | 'name' | 'jurisdictions'>;

/** The public-fundraising qualification as recorded on an organization. */
export type PublicFundraising = Pick<Organization, 'publicFundraisingQualified' | 'publicFundraisingSince'>;

/** An organization registered today: no qualification on record. */
export const NO_PUBLIC_FUNDRAISING: PublicFundraising = { publicFundraisingQualified: false, publicFundraisingSince: null };

/** Whether an organization belongs to government (the study's other side). */
export function isGovernment(kind: OrganizationKind): boolean {
  return kind === 'government_agency';
}
