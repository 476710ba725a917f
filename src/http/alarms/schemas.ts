import { Type } from 'typebox';
import { ALARM_KINDS } from '../../model/alarm';
import { Id, Nullable } from '../common-schemas';

const strict = { additionalProperties: false };

export const AlarmSchema = Type.Object({
  id: Id,
  incidentId: Id,
  kind: Type.Enum(ALARM_KINDS, {
    description:
      'missed_check_in: a team missed its check-in; stale_need: nobody updated a need for too long; unqualified_fundraising: money raised from the public by an organization without the public-fundraising qualification',
  }),
  subjectId: Type.String({ description: 'the deployment (missed_check_in) or the need (stale_need)' }),
  subjectLabel: Type.String({ description: "the team's name or the need's title" }),
  organizationId: Nullable(Type.String()),
  dueAt: Type.String({ description: 'when the check-in or an update was due' }),
  raisedAt: Type.String(),
  acknowledgedBy: Nullable(Type.String()),
  acknowledgedAt: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String({ description: 'when the team checked in, the need was updated or ended' })),
});

export const AlarmList = Type.Object({ items: Type.Array(AlarmSchema) });

export const AlarmQuery = Type.Object(
  {
    all: Type.Optional(Type.Boolean({ description: 'resolved alarms too (default: unresolved only)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  strict,
);
