import { Type } from 'typebox';
import { Id, Nullable } from '../common-schemas';
import { DeploymentSchema } from '../deployments/schemas';
import { NeedSchema } from '../needs/schemas';

const ClaimTask = Type.Object({
  claimId: Id,
  status: Type.String({
    description: 'offered (a dispatch awaiting the answer), unconfirmed (awaiting a coordinator) or active',
  }),
  quantity: Type.Integer(),
  expiresAt: Type.String({ description: 'when the claim lapses without progress (or the dispatch without an answer)' }),
  claimedAt: Type.String(),
  incidentId: Id,
  incidentName: Type.String(),
  need: NeedSchema,
});

/** My tasks take no query: the organization is the reader's own. */
export const MyTasksQuery = Type.Object({}, { additionalProperties: false });

export const MyTasksSchema = Type.Object({
  organizationId: Id,
  mayAct: Type.Boolean({ description: 'false while the membership is suspended, exited, declined or under review' }),
  dispatches: Type.Array(ClaimTask, { description: 'needs a coordinator dispatched to the organization, awaiting its answer' }),
  claims: Type.Array(ClaimTask, { description: 'needs the organization holds, soonest expiry first' }),
  deployments: Type.Array(
    Type.Object({
      incidentName: Type.String(),
      nextCheckInDue: Nullable(Type.String({ description: 'teams on the way or on the ground: when the next check-in is due' })),
      deployment: DeploymentSchema,
    }),
  ),
  unclaimed: Type.Array(Type.Intersect([NeedSchema, Type.Object({ incidentName: Type.String() })]), {
    description: "open needs in the organization's areas and service categories that nobody has claimed",
  }),
});
