/**
 * The in-app fan-out of a statement (issue 14, Performance): an incident whose checked-in
 * organizations have 5,000 accounts in all gets every notification written well within 5 s,
 * on both databases (one multi-row insert per batch, no round trip per user).
 */
import { expect, it } from 'vitest';
import { insertInChunks } from '../../src/db/bulk';
import type { UsersTable } from '../../src/db/schema';
import { newId } from '../../src/model/ids';
import { recordChange } from '../../src/services/audit/record-change';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { dispatchNotifications } from '../../src/services/notifications/dispatch-notifications';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const ORGANIZATIONS = 20;
const PER_ORGANIZATION = 250;

describeEachDatabase('the statement fan-out', (t, dialect) => {
  it('writes 5,000 in-app notifications within 5 s of the dispatcher picking up the statement', async () => {
    const { deps } = t();
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '扇出演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    const at = new Date().toISOString();
    const users: UsersTable[] = [];
    for (let o = 0; o < ORGANIZATIONS; o++) {
      const org = await createOrganization(deps, SYSTEM, {
        kind: 'rescue_team',
        name: `扇出测试队${o}`,
        jurisdictions: ['410105'],
        capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
      });
      const d = await fileDeployment(deps, SYSTEM, incident, {
        organizationId: org.id,
        teamName: `扇出分队${o}`,
        leaderName: '队长',
        leaderPhone: '13700000000',
        headcount: 5,
        origin: '410105',
      });
      await moveDeployment(deps, SYSTEM, d.id, { to: 'approved' });
      await moveDeployment(deps, SYSTEM, d.id, { to: 'checked_in' });
      for (let u = 0; u < PER_ORGANIZATION; u++) {
        users.push({
          id: newId(),
          email: `fanout-${o}-${u}@example.cn`,
          display_name: null,
          password_hash: 'not-a-hash',
          role: 'org_member',
          organization_id: org.id,
          jurisdiction: null,
          disabled: 0,
          failed_logins: 0,
          locked_until: null,
          created_at: at,
          updated_at: at,
        });
      }
    }
    await insertInChunks(deps.db, 'users', users);
    await dispatchNotifications(deps);
    await deps.db.transaction().execute((trx) =>
      recordChange(trx, deps, SYSTEM, {
        action: 'statement.publish',
        entityType: 'statement',
        entityId: 'fanout-statement',
        event: { type: 'statement.published', incidentId: incident },
      }),
    );
    const started = performance.now();
    await dispatchNotifications(deps);
    const ms = performance.now() - started;
    const written = await deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('entity_id', '=', 'fanout-statement')
      .executeTakeFirstOrThrow();
    expect(Number(written.n)).toBe(ORGANIZATIONS * PER_ORGANIZATION);
    console.log(`statement fan-out [${dialect}]: ${ORGANIZATIONS * PER_ORGANIZATION} notifications in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5_000);
  }, 120_000);
});
