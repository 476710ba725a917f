/** The evaluation report of an incident on the wire. */
import { Type } from 'typebox';
import { Id } from '../common-schemas';

const strict = { additionalProperties: false } as const;
const Count = Type.Integer({ minimum: 0 });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Minutes = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);
const Group = Type.Object({
  needs: Count,
  served: Count,
  shareServed: NullableNumber,
  medianHoursToServe: NullableNumber,
});
const Text = Type.String();
const Language = Type.Union([Type.Literal('zh'), Type.Literal('zh-Hant'), Type.Literal('en')]);

export const EvaluationQuery = Type.Object(
  {
    lang: Type.Optional(Language),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('html'), Type.Literal('pdf')], {
        description: 'json (default): figures and texts; html: the printable page; pdf: printed by headless Chromium',
      }),
    ),
  },
  strict,
);

export const EvaluationSchema = Type.Object({
  lang: Language,
  incident: Type.Object({
    id: Id,
    name: Type.String(),
    level: Type.Integer(),
    warningColor: Type.Union([Type.String(), Type.Null()]),
    stage: Type.String(),
    declaredAt: Type.String(),
    closedAt: Type.Union([Type.String(), Type.Null()]),
  }),
  generatedAt: Type.String(),
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      kind: Type.String({ description: 'stage, or level, warning colour, areas, policy where their history is recorded' }),
      from: Type.Union([Type.String(), Type.Null()]),
      to: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  needs: Type.Object({
    total: Count,
    served: Count,
    byCategory: Type.Array(
      Type.Object({
        category: Type.String(),
        needs: Count,
        served: Count,
        withdrawn: Count,
        open: Count,
        medianMinutesToClaim: Minutes,
        medianMinutesToFulfil: Minutes,
      }),
    ),
  }),
  vulnerable: Type.Object(
    { vulnerable: Group, others: Group },
    { description: 'counts and shares only: no need of vulnerable people is named' },
  ),
  deployments: Type.Object({
    filed: Count,
    deployed: Count,
    people: Count,
    organizations: Count,
    byStatus: Type.Record(Type.String(), Count),
    checkIns: Type.Object({ kept: Count, missed: Count, share: NullableNumber }),
    alarms: Type.Integer({
      minimum: 0,
      description:
        'missed check-ins while teams were accountable, counted from their check-in intervals (past incidents included)',
    }),
    recorded: Type.Object(
      { missedCheckIns: Count, staleNeeds: Count, acknowledged: Count },
      { description: 'the alarms the server’s sweep recorded for the incident' },
    ),
  }),
  organizations: Type.Array(
    Type.Object({
      organizationId: Id,
      name: Type.String(),
      claims: Count,
      fulfilledClaims: Count,
      quantityFulfilled: Type.Number({ minimum: 0 }),
      deployments: Count,
      people: Count,
      rating: NullableNumber,
    }),
  ),
  lessons: Type.Object({
    total: Count,
    reviews: Count,
    meanRating: NullableNumber,
    items: Type.Array(Type.Object({ id: Id, kind: Type.String(), title: Type.String(), createdAt: Type.String() })),
  }),
  texts: Type.Object({
    timeline: Text,
    needs: Text,
    vulnerable: Text,
    deployments: Text,
    organizations: Text,
    lessons: Text,
  }),
});

/** What the route answers: the figures and texts (JSON), the page (HTML) or the PDF. */
export const EvaluationAnswer = Type.Union([
  EvaluationSchema,
  Type.String({ description: 'format=html: the printable page' }),
  Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'format=pdf: the printed report' }),
]);
