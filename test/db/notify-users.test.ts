/** notifyUsers writes one in-app notification per distinct user, inside the caller's transaction. */
import { expect, it } from 'vitest';
import { notifyUsers } from '../../src/services/notifications/notify-users';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork } from '../support/fixtures';

describeEachDatabase('notifyUsers', (t) => {
  it('writes one unread notification per user, and nothing when the transaction rolls back', async () => {
    const { users } = await buildNetwork(t().deps);
    const ids = [users.orgAdmin.id, users.orgMember.id, users.orgAdmin.id];
    await t()
      .deps.db.transaction()
      .execute((tx) =>
        notifyUsers(tx, t().deps, ids, {
          type: 'statement.published',
          title: '权威发布：道路通行',
          incidentId: null,
          link: '/x',
        }),
      );
    const rows = await t().deps.db.selectFrom('notifications').selectAll().orderBy('user_id').execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([users.orgAdmin.id, users.orgMember.id].sort());
    expect(rows.every((r) => r.read_at === null && r.title === '权威发布：道路通行' && r.link === '/x')).toBe(true);
    await expect(
      t()
        .deps.db.transaction()
        .execute(async (tx) => {
          await notifyUsers(tx, t().deps, [users.observer.id], { type: 'need.created', title: 'x' });
          throw new Error('rolled back');
        }),
    ).rejects.toThrow('rolled back');
    const after = await t()
      .deps.db.selectFrom('notifications')
      .select('user_id')
      .where('user_id', '=', users.observer.id)
      .execute();
    expect(after).toEqual([]);
  });
});
