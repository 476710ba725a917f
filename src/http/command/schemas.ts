import { Type } from 'typebox';
import { SUBSYSTEMS } from '../../model/embedding';
import { ICS_SECTIONS, STANDBY_ANSWERS } from '../../model/incident-command';
import { Id, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;
const Reason = Type.String({ minLength: 1, maxLength: 1000 });

export const SeatInputSchema = Type.Object(
  {
    subsystem: Type.Enum(SUBSYSTEMS, { description: 'information 信息, decision 决策, assessment 评估, command 指挥' }),
    organizationId: Id,
    liaisonName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    liaisonPhone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  strict,
);
export const ActivateBody = Type.Object(
  {
    reason: Reason,
    location: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    seats: Type.Array(SeatInputSchema, { minItems: 1, maxItems: 100 }),
  },
  strict,
);
export const StandDownBody = Type.Object({ reason: Reason }, strict);

const CentreSeatSchema = Type.Object({
  id: Id,
  centreId: Id,
  subsystem: Type.Enum(SUBSYSTEMS),
  icsSection: Type.Enum(ICS_SECTIONS, { description: 'where the subsystem sits in the Incident Command System' }),
  organizationId: Id,
  basisKind: Type.Enum(['seat', 'agreement'], {
    description: 'what entitles the organization: a seat it holds, or an agreement',
  }),
  basisId: Id,
  liaisonName: Nullable(Type.String({ description: 'personal: the incident’s coordinators and the staffing organization' })),
  liaisonPhone: Nullable(Type.String({ description: 'personal: the incident’s coordinators and the staffing organization' })),
  addedBy: Type.String(),
  addedAt: Type.String(),
  personalDataVisible: Type.Boolean(),
});
export const CentreSchema = Type.Object({
  id: Id,
  incidentId: Id,
  location: Nullable(Type.String()),
  activatedAt: Type.String(),
  activatedBy: Type.String(),
  activationReason: Type.String(),
  stoodDownAt: Nullable(Type.String()),
  stoodDownBy: Nullable(Type.String()),
  standDownReason: Nullable(Type.String()),
  active: Type.Boolean(),
  seats: Type.Array(CentreSeatSchema),
});
export const IncidentCentresSchema = Type.Object({
  active: Nullable(CentreSchema),
  past: Type.Array(CentreSchema, { description: 'earlier periods, newest first' }),
  viewerCanCommand: Type.Boolean(),
});
const BasisSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('seat'),
    id: Id,
    structure: Type.String(),
    subsystem: Type.Enum(SUBSYSTEMS),
    verified: Type.Boolean(),
  }),
  Type.Object({
    kind: Type.Literal('agreement'),
    id: Id,
    type: Type.String(),
    counterpartId: Id,
    verified: Type.Boolean(),
  }),
]);
export const EligibleList = Type.Object({
  items: Type.Array(
    Type.Object({
      organizationId: Id,
      name: Type.String(),
      kind: Type.String(),
      membershipStatus: Type.String(),
      bases: Type.Array(BasisSchema),
    }),
  ),
});

export const StandbyBody = Type.Object(
  { organizationId: Id, note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) },
  strict,
);
export const StandbyAnswerBody = Type.Object(
  {
    answer: Type.Enum(STANDBY_ANSWERS.filter((a) => a !== 'pending')),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  strict,
);
export const StandbyParams = Type.Object({ id: Id, organizationId: Id }, strict);
export const StandbySchema = Type.Object({
  id: Id,
  incidentId: Id,
  organizationId: Id,
  note: Nullable(Type.String()),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  answer: Type.Enum(STANDBY_ANSWERS),
  answerNote: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  withdrawnAt: Nullable(Type.String()),
  withdrawnBy: Nullable(Type.String()),
});
export const StandbyRosterSchema = Type.Object({
  items: Type.Array(
    Type.Object({ ...StandbySchema.properties, viewerCanAnswer: Type.Boolean(), personalDataVisible: Type.Boolean() }),
  ),
  viewerCanManage: Type.Boolean(),
});
