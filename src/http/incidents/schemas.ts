import { Type } from 'typebox';
import { INCIDENT_CATEGORIES, INCIDENT_LEVELS, INCIDENT_STAGES, WARNING_COLORS } from '../../model/incident';
import { CHANGE_KINDS } from '../../model/incident-command';
import { Id, JurisdictionCode } from '../common-schemas';

const strict = { additionalProperties: false } as const;
const Level = Type.Enum(INCIDENT_LEVELS, { description: '1 特别重大 (most severe) … 4 一般' });
export const PolicySchema = Type.Object(
  {
    invitationRequired: Type.Boolean(),
    checkInIntervalMinutes: Type.Integer({ minimum: 15, maximum: 10_080 }),
  },
  strict,
);
const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  category: Type.Enum(INCIDENT_CATEGORIES),
  type: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. 洪涝, 地震, 危化品泄漏' }),
  level: Level,
  warningColor: Type.Optional(Type.Union([Type.Enum(WARNING_COLORS), Type.Null()])),
  jurisdictions: Type.Array(JurisdictionCode, { minItems: 1, maxItems: 100 }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
};

export const IncidentBody = Type.Object(
  {
    ...fields,
    stage: Type.Optional(Type.Enum(['preparedness', 'response'])),
    policy: Type.Optional(Type.Partial(PolicySchema)),
  },
  strict,
);
export const IncidentPatchBody = Type.Object(
  {
    ...Type.Partial(Type.Object(fields)).properties,
    policy: Type.Optional(Type.Partial(PolicySchema)),
    reason: Type.Optional(
      Type.Union([Type.String({ maxLength: 1000 }), Type.Null()], {
        description:
          'why; required (400 reason_required) when the level, warning colour, affected areas or policy change, each of which then joins the timeline',
      }),
    ),
  },
  strict,
);
export const StageBody = Type.Object(
  { to: Type.Enum(INCIDENT_STAGES), reason: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])) },
  strict,
);
export const IncidentQuery = Type.Object(
  { stage: Type.Optional(Type.Array(Type.Enum(INCIDENT_STAGES))), jurisdiction: Type.Optional(JurisdictionCode) },
  strict,
);

export const StageChangeSchema = Type.Object({
  from: Type.Union([Type.Enum(INCIDENT_STAGES), Type.Null()]),
  to: Type.Enum(INCIDENT_STAGES),
  at: Type.String(),
  actor: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
});
/** One entry of the timeline: a stage move or a change of level, warning colour, areas or policy. */
export const IncidentChangeSchema = Type.Object({
  kind: Type.Enum(CHANGE_KINDS),
  from: Type.Union([Type.Integer(), Type.String(), Type.Array(Type.String()), PolicySchema, Type.Null()], {
    description: 'the value before: a level, a colour, a stage, the areas or the policy (null for none)',
  }),
  to: Type.Union([Type.Integer(), Type.String(), Type.Array(Type.String()), PolicySchema, Type.Null()]),
  at: Type.String(),
  actor: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
});
/** An incident as lists show it (no stage history). */
export const IncidentSummary = Type.Object({
  id: Id,
  name: Type.String(),
  category: Type.Enum(INCIDENT_CATEGORIES),
  type: Type.String(),
  level: Type.Enum(INCIDENT_LEVELS),
  warningColor: Type.Union([Type.Enum(WARNING_COLORS), Type.Null()]),
  jurisdictions: Type.Array(Type.String()),
  stage: Type.Enum(INCIDENT_STAGES),
  policy: PolicySchema,
  description: Type.Union([Type.String(), Type.Null()]),
  declaredBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const IncidentSchema = Type.Object({
  ...IncidentSummary.properties,
  stages: Type.Array(StageChangeSchema),
  timeline: Type.Array(IncidentChangeSchema, { description: 'stage moves and command changes, oldest first' }),
});
/** One incident with its stage history and what the reader may do with it. */
export const IncidentDetail = Type.Object({
  ...IncidentSchema.properties,
  viewerCanManage: Type.Boolean(),
  viewerCanCoordinate: Type.Boolean(),
  viewerCanReportNeeds: Type.Boolean({ description: 'whether the reader may report needs to this (open) incident' }),
  viewerCanFilterVulnerable: Type.Boolean({
    description: 'whether the reader may filter its needs on vulnerable groups (only who sees them on every need of its areas)',
  }),
});
export const IncidentList = Type.Object({ items: Type.Array(IncidentSummary), total: Type.Integer(), nextCursor: Type.Null() });
