/** Allocation plans (proposed, edited, committed) and the shipments they make. */
import { actorId, type Deps } from '../../services/context';
import { discardAllocation, editAllocation, proposeAllocation } from '../../services/resources/allocation-plans';
import { commitAllocation } from '../../services/resources/commit-allocation';
import { moveShipmentTo } from '../../services/resources/move-shipment';
import {
  allocationPlanView,
  incidentPlans,
  incidentShipments,
  plannedShipments,
  shipmentView,
} from '../../services/resources/read-allocation';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { idempotencyOf } from '../idempotency-header';
import {
  AllocationsBody,
  CommitAnswer,
  PlanList,
  PlanSchema,
  ProposeBody,
  ShipmentList,
  ShipmentSchema,
  TransitionBody,
} from './schemas';

const tags = ['resources'];

export async function allocationRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/incidents/:id/allocation-plans',
    {
      schema: {
        tags,
        summary: "Propose an allocation of the incident's supplies to its open needs for goods (coordinators)",
        params: IdParams,
        body: ProposeBody,
        response: { 201: PlanSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const plan = await proposeAllocation(deps, actor, request.params.id, request.body ?? {});
      return reply.status(201).send(await allocationPlanView(deps, actor, plan.id));
    },
  );

  app.get(
    '/api/v1/incidents/:id/allocation-plans',
    {
      schema: {
        tags,
        summary: "The incident's allocation plans, newest first (coordinators)",
        params: IdParams,
        response: { 200: PlanList },
      },
    },
    async (request) => ({ items: await incidentPlans(deps, actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/v1/allocation-plans/:id',
    {
      schema: {
        tags,
        summary: 'An allocation plan with its lines (coordinators)',
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => allocationPlanView(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/allocation-plans/:id',
    {
      schema: {
        tags,
        summary: "Change a proposed plan's allocations; held to the needs and supplies as they are now (coordinators)",
        params: IdParams,
        body: AllocationsBody,
        response: { 200: PlanSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editAllocation(deps, actor, request.params.id, request.body.allocations);
      return allocationPlanView(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/allocation-plans/:id/commit',
    {
      schema: {
        tags,
        summary:
          'Commit a proposed plan: shipments, and claims on the needs for the organizations holding the supplies (coordinators)',
        params: IdParams,
        response: { 200: CommitAnswer },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { shipments } = await commitAllocation(deps, actor, request.params.id, idempotencyOf(request, actorId(actor)));
      return {
        plan: await allocationPlanView(deps, actor, request.params.id),
        shipments: await plannedShipments(deps, actor, shipments),
      };
    },
  );

  app.post(
    '/api/v1/allocation-plans/:id/discard',
    { schema: { tags, summary: 'Set a proposed plan aside (coordinators)', params: IdParams, response: { 200: PlanSchema } } },
    async (request) => {
      const actor = actorOf(request);
      await discardAllocation(deps, actor, request.params.id);
      return allocationPlanView(deps, actor, request.params.id);
    },
  );

  app.get(
    '/api/v1/incidents/:id/shipments',
    {
      schema: {
        tags,
        summary:
          "The incident's shipments, newest first; reasons for losses and returns only for its coordinators and the carrier",
        params: IdParams,
        response: { 200: ShipmentList },
      },
    },
    async (request) => ({ items: await incidentShipments(deps, actorOf(request), request.params.id, 500) }),
  );

  app.get(
    '/api/v1/shipments/:id',
    { schema: { tags, summary: 'A shipment with its history', params: IdParams, response: { 200: ShipmentSchema } } },
    async (request) => shipmentView(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/shipments/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Move a shipment: in_transit, delivered (with the quantity the receiver counted), lost or returned (with a reason); by the carrying organization or a coordinator; send Idempotency-Key to retry safely',
        params: IdParams,
        body: TransitionBody,
        response: { 200: ShipmentSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await moveShipmentTo(deps, actor, request.params.id, request.body, idempotencyOf(request, actorId(actor)));
      return shipmentView(deps, actor, request.params.id);
    },
  );
}
