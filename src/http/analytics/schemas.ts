/** Network analytics (SPEC §1): aggregates of an area and a period, in the study's terms. */
import { Type } from 'typebox';
import { TIE_KINDS } from '../../analysis/collaboration';
import { MODES, RECOGNITIONS } from '../../analysis/cooperation-modes';
import { SUBSYSTEMS } from '../../model/embedding';
import { INCIDENT_STAGES } from '../../model/incident';
import { ORGANIZATION_KINDS } from '../../model/organization';
import { COOPERATION_TYPES } from '../../model/program';
import { PHASES, SERVICE_CATEGORIES, STRATEGIES } from '../../model/taxonomy';
import { Cursor, Day, Id, JurisdictionCode } from '../common-schemas';

const strict = { additionalProperties: false } as const;
const Share = Type.Union([Type.Number(), Type.Null()]);
const Page = { total: Type.Integer(), nextCursor: Type.Union([Type.String(), Type.Null()]) };

/** An area (and everything below it) and a period (a year to today by default). */
const scopeFields = { jurisdiction: JurisdictionCode, from: Type.Optional(Day), to: Type.Optional(Day) };
export const Scope = Type.Object(scopeFields, strict);
/** A scope and a page of a long list (a province has tens of thousands of organizations). */
export const pagedScope = (limit: { default: number; maximum: number }) =>
  Type.Object(
    { ...scopeFields, limit: Type.Optional(Type.Integer({ minimum: 1, ...limit })), cursor: Type.Optional(Cursor) },
    strict,
  );
export const CooperationModesQuery = Type.Object(
  {
    jurisdiction: JurisdictionCode,
    to: Type.Optional(Day),
    mode: Type.Optional(Type.Enum(MODES)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
    cursor: Type.Optional(Cursor),
  },
  strict,
);
export const CollaborationQuery = Type.Object(
  { ...scopeFields, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 300 })) },
  strict,
);
export const SubstitutionQuery = Type.Object({ incidentId: Id }, strict);
export const WhoWhatWhereQuery = Type.Object(
  {
    ...scopeFields,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
    cursor: Type.Optional(Cursor),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    format: Type.Optional(
      Type.Enum(['json', 'hxl'], {
        description: 'hxl: every row (not a page) as HXL-tagged CSV (README, Exchange formats)',
      }),
    ),
  },
  strict,
);
export const AnnualReportQuery = Type.Object(
  {
    jurisdiction: JurisdictionCode,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
    format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('pdf')])),
  },
  strict,
);

/** One non-government organization placed by service similarity × embedding. */
export const CooperationModeItem = Type.Object({
  organizationId: Id,
  name: Type.String(),
  kind: Type.Enum(ORGANIZATION_KINDS),
  similarity: Type.Number(),
  embedding: Type.Number(),
  mode: Type.Enum(MODES),
  explanation: Type.String(),
  shared: Type.Array(Type.Enum(SERVICE_CATEGORIES)),
  recognitions: Type.Array(Type.Enum(RECOGNITIONS)),
});
/** How many organizations of a mode sit at a point of the plane (both axes rounded to tenths). */
export const CooperationModeCell = Type.Object({
  similarity: Type.Number(),
  embedding: Type.Number(),
  mode: Type.Enum(MODES),
  count: Type.Integer(),
});
/** One cell of the function map: organizations, activities and needs in the area and period. */
export const CoverageCell = Type.Object({
  strategy: Type.Enum(STRATEGIES),
  phase: Type.Enum(PHASES),
  organizations: Type.Integer(),
  activities: Type.Integer(),
  needs: Type.Integer(),
  gap: Type.Boolean(),
});
/** How one group's needs were served. */
export const GroupCoverage = Type.Object({
  needs: Type.Integer(),
  served: Type.Integer(),
  shareServed: Type.Union([Type.Number(), Type.Null()]),
  medianHoursToServe: Type.Union([Type.Number(), Type.Null()]),
});
/** A vulnerable person's need still unserved. */
export const UnservedNeed = Type.Object({
  id: Id,
  title: Type.String(),
  category: Type.String(),
  urgency: Type.String(),
  jurisdiction: Type.String(),
  reportedAt: Type.String(),
});
const Side = Type.Object({ social: Type.Integer(), government: Type.Integer(), socialShare: Share });
/** One row of 3W: an organization did something somewhere in a month. */
export const ActivityRow = Type.Object({
  organizationId: Id,
  name: Type.String(),
  what: Type.String(),
  source: Type.Union([Type.Literal('need'), Type.Literal('program'), Type.Literal('imported')], {
    description: 'imported: read from a partner’s HXL 3W table',
  }),
  external: Type.Boolean({ description: 'an organization outside the platform, known from a partner’s HXL table' }),
  where: Type.String(),
  when: Type.String(),
  count: Type.Integer(),
  reached: Type.Union([Type.Integer(), Type.Null()], { description: 'people reached, where known' }),
});
/** A total of the 3W rows by organization (its id), by what or by place (its code). */
export const ActivityTotal = Type.Object({ key: Type.String(), count: Type.Integer(), organizations: Type.Integer() });
/** A place's total, named, and where its activity lies (null when nothing there has a position). */
export const PlaceTotal = Type.Object({
  ...ActivityTotal.properties,
  name: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
});

export const CooperationModesSchema = Type.Object({
  to: Day,
  counts: Type.Object(
    Object.fromEntries(MODES.map((m) => [m, Type.Integer()])) as Record<(typeof MODES)[number], ReturnType<typeof Type.Integer>>,
  ),
  density: Type.Array(CooperationModeCell),
  ...Page,
  items: Type.Array(CooperationModeItem),
});

export const FunctionCoverageSchema = Type.Object({
  from: Day,
  to: Day,
  cells: Type.Array(CoverageCell),
});

export const SpecialNeedsSchema = Type.Object({
  from: Day,
  to: Day,
  vulnerable: GroupCoverage,
  others: GroupCoverage,
  unservedCount: Type.Integer(),
  unservedListed: Type.Union([Type.Integer(), Type.Null()]),
  unserved: Type.Union([Type.Array(UnservedNeed), Type.Null()], {
    description: 'only for coordinators of the area, a page at a time; null for everyone else',
  }),
  unservedNextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const LifecycleSchema = Type.Object({
  from: Day,
  to: Day,
  active: Type.Integer(),
  reactiveOnly: Type.Integer(),
  share: Type.Union([Type.Number(), Type.Null()]),
  byPhase: Type.Object({ risk: Type.Integer(), crisis: Type.Integer(), recovery: Type.Integer() }),
  organizations: Type.Array(Type.Object({ organizationId: Id, name: Type.String(), phases: Type.Array(Type.Enum(PHASES)) })),
  ...Page,
});

export const CollaborationSchema = Type.Object({
  from: Day,
  to: Day,
  nodes: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      kind: Type.String(),
      degree: Type.Integer(),
      betweenness: Type.Number(),
      community: Type.Integer(),
    }),
  ),
  edges: Type.Array(Type.Object({ a: Id, b: Id, weight: Type.Integer(), kinds: Type.Array(Type.Enum(TIE_KINDS)) })),
  density: Type.Number(),
  components: Type.Integer(),
  largestComponent: Type.Integer(),
  isolated: Type.Array(Id),
  brokers: Type.Array(Type.Object({ id: Id, name: Type.String(), betweenness: Type.Number() })),
  communities: Type.Integer(),
  betweenness: Type.Object({ approximate: Type.Boolean(), samples: Type.Union([Type.Integer(), Type.Null()]) }),
  order: Type.Integer(),
  size: Type.Integer(),
  isolatedCount: Type.Integer(),
});

export const PrinciplesSchema = Type.Object({
  from: Day,
  to: Day,
  normalization: Type.Object({ organizations: Type.Integer(), normalTimeActive: Type.Integer(), share: Share }),
  comprehensiveness: Type.Object({
    cellsCovered: Type.Integer(),
    cellShare: Share,
    cooperationTypes: Type.Array(Type.Enum(COOPERATION_TYPES)),
    cooperationEvenness: Share,
  }),
  embedding: Type.Object({
    tiedIn: Type.Integer(),
    share: Share,
    subsystems: Type.Array(Type.Enum(SUBSYSTEMS)),
    subsystemShare: Share,
  }),
  openness: Type.Object({
    applications: Type.Integer(),
    decided: Type.Integer(),
    admissionRate: Share,
    medianDaysToDecision: Share,
    newMembers: Type.Integer(),
    grassrootsShare: Share,
  }),
});

export const SubstitutionSchema = Type.Object({
  incidentId: Id,
  days: Type.Array(Type.Object({ day: Day, stage: Type.Enum(INCIDENT_STAGES), fulfilled: Side, deployed: Side })),
  byStage: Type.Array(Type.Object({ stage: Type.Enum(INCIDENT_STAGES), days: Type.Integer(), fulfilled: Side, deployed: Side })),
  peak: Type.Union([Type.Object({ day: Day, socialDeployed: Type.Integer() }), Type.Null()]),
  recoveryAverageSocialDeployed: Share,
  drop: Share,
  departures: Type.Array(
    Type.Object({ organizationId: Id, name: Type.String(), lastDay: Day, stage: Type.Enum(INCIDENT_STAGES) }),
  ),
});

export const WhoWhatWhereSchema = Type.Object({
  from: Day,
  to: Day,
  rows: Type.Array(ActivityRow),
  ...Page,
  byOrganization: Type.Array(ActivityTotal),
  organizations: Type.Integer(),
  byWhat: Type.Array(ActivityTotal),
  byPlace: Type.Array(PlaceTotal),
});

/** What became of each row of a partner's HXL 3W table. */
export const HxlImportReportSchema = Type.Object({
  hashtagRow: Type.Integer({ description: 'the sheet row holding the hashtags' }),
  total: Type.Integer(),
  counts: Type.Object({ created: Type.Integer(), unchanged: Type.Integer(), refused: Type.Integer() }),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'the row number as the sheet shows it' }),
      outcome: Type.Enum(['created', 'unchanged', 'refused']),
      name: Type.Union([Type.String(), Type.Null()]),
      match: Type.Union([Type.Enum(['credit_code', 'name', 'external']), Type.Null()]),
      organizationId: Type.Union([Type.String(), Type.Null()]),
      problems: Type.Array(Type.Object({ field: Type.String({ description: 'the column’s hashtag' }), message: Type.String() })),
    }),
  ),
});
