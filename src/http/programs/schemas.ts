import { Type } from 'typebox';
import { COOPERATION_TYPES, PROGRAM_KINDS, RECOVERY_FOCI } from '../../model/program';
import { PHASES, STAGES, STRATEGIES } from '../../model/taxonomy';
import { Cursor, Day, Id, JurisdictionCode, Limit, Nullable, Page } from '../common-schemas';

const strict = { additionalProperties: false } as const;
const Cell = Type.Object({ strategy: Type.Enum(STRATEGIES), phase: Type.Enum(PHASES) }, strict);

export const ProgramBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum(PROGRAM_KINDS),
    recoveryFocus: Type.Optional(Nullable(Type.Enum(RECOVERY_FOCI))),
    cell: Cell,
    stage: Type.Enum(STAGES),
    leadOrganizationId: Id,
    partnerIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    jurisdictions: Type.Array(JurisdictionCode, { minItems: 1, maxItems: 50 }),
    startsOn: Day,
    endsOn: Type.Optional(Nullable(Day)),
    peopleReached: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    cooperationType: Type.Enum(COOPERATION_TYPES),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  },
  strict,
);

/** A normal-time program or activity. */
/** An edit: any of a program's fields; at least one. */
export const ProgramPatchBody = Type.Partial(ProgramBody, { ...strict, minProperties: 1 });
export const ProgramSchema = Type.Object({
  ...ProgramBody.properties,
  id: Id,
  recoveryFocus: Nullable(Type.Enum(RECOVERY_FOCI)),
  partnerIds: Type.Array(Id),
  endsOn: Nullable(Day),
  peopleReached: Type.Integer(),
  description: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  viewerCanEdit: Type.Boolean({ description: 'the reader may edit it (its lead’s admin, coordinators of all its areas)' }),
});
export const ProgramPage = Page(ProgramSchema);
export const ProgramQuery = Type.Object(
  {
    jurisdiction: Type.Optional(JurisdictionCode),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    organizationId: Type.Optional(Id),
    kind: Type.Optional(Type.Enum(PROGRAM_KINDS)),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  strict,
);
