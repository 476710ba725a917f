/** An incident's double-entry ledger of money and goods. */
import type { Deps } from '../../services/context';
import { incidentLedger } from '../../services/ledger/read-ledger';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { IncidentLedgerSchema, LedgerQuery } from './schemas';

export async function ledgerRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/incidents/:id/ledger',
    {
      schema: {
        tags: ['ledger'],
        summary:
          'The incident’s ledger: totals by stage per asset, flows by kind, balances by account (a page at a time) and whether it reconciles (its coordinators, admins, the organizations taking part)',
        params: IdParams,
        querystring: LedgerQuery,
        response: { 200: IncidentLedgerSchema },
      },
    },
    async (request) => incidentLedger(deps, actorOf(request), request.params.id, request.query),
  );
}
