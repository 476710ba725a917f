/** Money an organization received, disbursed or gave back for an incident (its people, a platform admin). */
import type { Deps } from '../../services/context';
import { actorId } from '../../services/context';
import { recordDisbursement, recordMoneyReceipt, recordMoneyReturn } from '../../services/money/record-money';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { idempotencyOf } from '../idempotency-header';
import { DisbursementBody, MoneyMovementSchema, MoneyReceiptBody, MoneyReturnBody } from './schemas';

const tags = ['ledger'];

export async function moneyRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/incidents/:id/money-receipts',
    {
      schema: {
        tags,
        summary:
          'Record money an organization received: against a money pledge (409 exceeds_pledge beyond what is still pledged) or directly; money raised publicly without the qualification is flagged',
        params: IdParams,
        body: MoneyReceiptBody,
        response: { 201: MoneyMovementSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const idempotency = idempotencyOf(request, actorId(actor));
      return reply.status(201).send(await recordMoneyReceipt(deps, actor, request.params.id, request.body, idempotency));
    },
  );

  app.post(
    '/api/v1/incidents/:id/disbursements',
    {
      schema: {
        tags,
        summary:
          'Record money an organization disbursed for the incident, for a purpose (409 insufficient_funds naming what is available)',
        params: IdParams,
        body: DisbursementBody,
        response: { 201: MoneyMovementSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const idempotency = idempotencyOf(request, actorId(actor));
      return reply.status(201).send(await recordDisbursement(deps, actor, request.params.id, request.body, idempotency));
    },
  );

  app.post(
    '/api/v1/incidents/:id/money-returns',
    {
      schema: {
        tags,
        summary: 'Record money an organization gave back to a donor, with the reason (409 insufficient_funds, exceeds_pledge)',
        params: IdParams,
        body: MoneyReturnBody,
        response: { 201: MoneyMovementSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const idempotency = idempotencyOf(request, actorId(actor));
      return reply.status(201).send(await recordMoneyReturn(deps, actor, request.params.id, request.body, idempotency));
    },
  );
}
