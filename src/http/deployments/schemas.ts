import { Type } from 'typebox';
import { RESCUE_SPECIALTIES } from '../../model/capacity';
import { DEPLOYMENT_STATUSES } from '../../model/deployment';
import { Id, JurisdictionCode, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;

/** A deployed team; the leader's name and phone are null for readers who need not know them. */
export const DeploymentSchema = Type.Object({
  id: Id,
  incidentId: Id,
  organizationId: Id,
  teamName: Type.String(),
  leaderName: Nullable(Type.String()),
  leaderPhone: Nullable(Type.String()),
  headcount: Type.Integer(),
  specialties: Type.Array(Type.Enum(RESCUE_SPECIALTIES)),
  equipment: Type.Array(Type.String()),
  vehicles: Type.Integer(),
  origin: Type.String(),
  eta: Nullable(Type.String()),
  invitationReference: Nullable(Type.String()),
  status: Type.Enum(DEPLOYMENT_STATUSES),
  zone: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  lastCheckInAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  personalDataVisible: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const DeploymentLogEntry = Type.Object({
  kind: Type.Enum(['status', 'check_in']),
  from: Type.Union([Type.Enum(DEPLOYMENT_STATUSES), Type.Null()]),
  to: Type.Union([Type.Enum(DEPLOYMENT_STATUSES), Type.Null()]),
  note: Nullable(Type.String()),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  actor: Type.String(),
  at: Type.String(),
});
export const DeploymentList = Type.Object({ items: Type.Array(DeploymentSchema) });
export const DeploymentDetail = Type.Object({ ...DeploymentSchema.properties, log: Type.Array(DeploymentLogEntry) });

export const DeploymentBody = Type.Object(
  {
    organizationId: Id,
    teamName: Type.String({ minLength: 1, maxLength: 100 }),
    leaderName: Type.String({ minLength: 1, maxLength: 50 }),
    leaderPhone: Type.String({ minLength: 5, maxLength: 30 }),
    headcount: Type.Integer({ minimum: 1, maximum: 10_000 }),
    specialties: Type.Optional(Type.Array(Type.Enum(RESCUE_SPECIALTIES), { maxItems: 5 })),
    equipment: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    vehicles: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    origin: JurisdictionCode,
    eta: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    invitationReference: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  strict,
);
export const DeploymentMoveBody = Type.Object(
  {
    to: Type.Enum(DEPLOYMENT_STATUSES),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    zone: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  strict,
);
export const CheckInBody = Type.Object(
  {
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
  },
  strict,
);
export const DeploymentQuery = Type.Object({ status: Type.Optional(Type.Enum(DEPLOYMENT_STATUSES)) }, strict);
