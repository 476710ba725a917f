/**
 * A change that reads a row and saves it whole waits for a concurrent change of the same row
 * to commit and starts from its result, instead of writing back what it read before: an
 * account disabled while its owner renames it stays disabled, an organization suspended while
 * its admin edits it stays suspended.
 */
import { expect, it } from 'vitest';
import { findOrganization } from '../../src/db/repositories/organizations';
import { findUser, publicUser, saveUser } from '../../src/db/repositories/users';
import type { Actor } from '../../src/services/context';
import { changeMembership } from '../../src/services/membership/change-membership';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { updateOrganization } from '../../src/services/organizations/update-organization';
import { createUser, updateUser } from '../../src/services/users/manage-users';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';
import { whileHeld } from '../support/races';

const HENAN: Actor = { kind: 'user', userId: 'coord-henan', role: 'coordinator', organizationId: null, jurisdiction: '410000' };

describeEachDatabase('changes that race on one row', (t, dialect) => {
  let serial = 0;
  const organization = async () =>
    createOrganization(t().deps, SYSTEM, { kind: 'rescue_team', name: `并发救援队${++serial}`, jurisdictions: ['410105'] });
  const adminOf = (organizationId: string): Actor => ({
    kind: 'user',
    userId: `admin-${organizationId}`,
    role: 'org_admin',
    organizationId,
    jurisdiction: null,
  });

  it('keeps an account disabled when its owner renames it while an admin disables it', async () => {
    const { deps } = t();
    const user = await createUser(deps, SYSTEM, { email: 'racer@example.cn', password: PASSWORD, role: 'observer' });
    const self: Actor = { kind: 'user', userId: user.id, role: 'observer', organizationId: null, jurisdiction: null };
    const [disabling, renaming] = await whileHeld(
      deps,
      dialect,
      (trx) => saveUser(trx, { ...user, disabled: true, updatedAt: new Date().toISOString() }),
      () => updateUser(deps, self, user.id, { displayName: '新名字' }),
    );
    expect(disabling.status).toBe('fulfilled');
    expect(renaming.status).toBe('fulfilled');
    const after = await findUser(deps.db, user.id);
    expect(after && publicUser(after)).toMatchObject({ disabled: true, displayName: '新名字' });
  });

  it('keeps an organization suspended when its admin edits it while its coordinator suspends it', async () => {
    const { deps } = t();
    const org = await organization();
    const [suspending, editing] = await whileHeld(
      deps,
      dialect,
      (trx) => changeMembership(trx, deps, HENAN, org, { to: 'suspended', reason: '未按要求报备' }),
      () => updateOrganization(deps, adminOf(org.id), org.id, { nameEn: 'Edited meanwhile' }),
    );
    expect(suspending.status).toBe('fulfilled');
    expect(editing.status).toBe('fulfilled');
    expect(await findOrganization(deps.db, org.id)).toMatchObject({
      nameEn: 'Edited meanwhile',
      membership: { status: 'suspended' },
    });
  });

  it('does not let an admin move the home of an organization suspended while they edit it', async () => {
    const { deps } = t();
    const org = await organization();
    const [, moving] = await whileHeld(
      deps,
      dialect,
      (trx) => changeMembership(trx, deps, HENAN, org, { to: 'suspended', reason: '未按要求报备' }),
      () => updateOrganization(deps, adminOf(org.id), org.id, { jurisdictions: ['440100'] }),
    );
    expect(moving).toMatchObject({ status: 'rejected', reason: { code: 'out_of_scope', field: 'jurisdictions' } });
    expect(await findOrganization(deps.db, org.id)).toMatchObject({
      jurisdictions: ['410105'],
      membership: { status: 'suspended' },
    });
  });
});
