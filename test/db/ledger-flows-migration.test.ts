/**
 * Migration 0021 reshapes the ledger's flows (kept per kind of account, moved in and out) and
 * rebuilds them from the entries: on a database with postings, going back to the old shape and
 * forward again gives exactly the flows the postings kept.
 */
import { expect, it } from 'vitest';
import * as ledgerFlows from '../../src/db/migrations/0022-ledger-flows';
import { flowsOfIncident } from '../../src/db/repositories/ledger';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { recordMovement } from '../../src/services/inventory/record-movement';
import { incidentLedger } from '../../src/services/ledger/read-ledger';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

describeEachDatabase('migration 0021: ledger flows rebuilt from the entries', (t) => {
  it('gives the flows the postings kept, and the same ledger', async () => {
    const { deps } = t();
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '迁移演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    const org = (
      await createOrganization(deps, SYSTEM, { kind: 'social_organization', name: '迁移测试组织', jurisdictions: ['410105'] })
    ).id;
    const place = { organizationId: org, jurisdiction: '410105', lat: 34.7, lon: 113.6 };
    const a = (await createWarehouse(deps, SYSTEM, { name: '迁移一号库', ...place })).id;
    const b = (await createWarehouse(deps, SYSTEM, { name: '迁移二号库', ...place })).id;
    await recordMovement(deps, SYSTEM, a, { kind: 'receive', item: 'L1-0005', quantity: 80.5, incidentId: incident });
    await recordMovement(deps, SYSTEM, a, {
      kind: 'transfer',
      item: 'L1-0005',
      quantity: 30,
      toWarehouseId: b,
      incidentId: incident,
    });
    await recordMovement(deps, SYSTEM, b, { kind: 'issue', item: 'L1-0005', quantity: 12.25, incidentId: incident });
    await recordMovement(deps, SYSTEM, a, { kind: 'receive', item: 'L1-0008', quantity: 3 });
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    const kept = sorted(await flowsOfIncident(deps.db, incident));
    const ledger = await incidentLedger(deps, SYSTEM, incident, { limit: 50 });
    await ledgerFlows.down(deps.db);
    await ledgerFlows.up(deps.db);
    expect(sorted(await flowsOfIncident(deps.db, incident))).toEqual(kept);
    expect(kept.length).toBeGreaterThan(3);
    expect(await incidentLedger(deps, SYSTEM, incident, { limit: 50 })).toEqual(ledger);
  });
});
