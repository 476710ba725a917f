/** A small network with one account per role, built through the services. */

import type { User } from '../../src/db/repositories/users';
import type { Role } from '../../src/model/roles';
import { openSession } from '../../src/services/auth/sessions';
import type { Actor, Deps } from '../../src/services/context';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';

export const SYSTEM: Actor = { kind: 'system', label: 'test' };
export const PASSWORD = 'correct-horse-42';

export type ActorName = 'admin' | 'coordHenan' | 'coordGuangdong' | 'agencyStaff' | 'orgAdmin' | 'orgMember' | 'observer';

export interface Network {
  orgs: { henanAgency: string; zhengzhouTeam: string; zhengzhouSpare: string; guangzhouTeam: string };
  users: Record<ActorName, User> & { member2: User };
  tokens: Record<ActorName, string>;
}

let serial = 0;

/** Builds the network; emails carry a prefix so several networks can share a database. */
export async function buildNetwork(deps: Deps, prefix = `n${++serial}`): Promise<Network> {
  const org = (kind: Parameters<typeof createOrganization>[2]['kind'], name: string, jurisdictions: string[]) =>
    createOrganization(deps, SYSTEM, {
      kind,
      name: `${prefix}${name}`,
      jurisdictions,
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
    });
  const henanAgency = await org('government_agency', '河南省应急管理厅', ['410000']);
  const zhengzhouTeam = await org('rescue_team', '郑州蓝天救援队', ['410102', '410100']);
  const zhengzhouSpare = await org('social_organization', '郑州社区服务中心', ['410100']);
  const guangzhouTeam = await org('rescue_team', '广州志愿救援队', ['440100']);

  const user = (role: Role, name: string, extra: { organizationId?: string; jurisdiction?: string } = {}) =>
    createUser(deps, SYSTEM, { email: `${prefix}.${name}@example.cn`, password: PASSWORD, role, ...extra });
  const users = {
    admin: await user('platform_admin', 'admin'),
    coordHenan: await user('coordinator', 'coord-henan', { jurisdiction: '410000' }),
    coordGuangdong: await user('coordinator', 'coord-gd', { jurisdiction: '440000' }),
    agencyStaff: await user('agency_staff', 'staff', { organizationId: henanAgency.id }),
    orgAdmin: await user('org_admin', 'org-admin', { organizationId: zhengzhouTeam.id }),
    orgMember: await user('org_member', 'member', { organizationId: zhengzhouTeam.id }),
    observer: await user('observer', 'observer'),
    member2: await user('org_member', 'member2', { organizationId: zhengzhouTeam.id }),
  };
  const tokens = {} as Record<ActorName, string>;
  for (const name of Object.keys(users) as (ActorName | 'member2')[]) {
    if (name === 'member2') continue;
    tokens[name] = (await openSession(deps, users[name], 'token')).secret;
  }
  return {
    orgs: {
      henanAgency: henanAgency.id,
      zhengzhouTeam: zhengzhouTeam.id,
      zhengzhouSpare: zhengzhouSpare.id,
      guangzhouTeam: guangzhouTeam.id,
    },
    users,
    tokens,
  };
}
