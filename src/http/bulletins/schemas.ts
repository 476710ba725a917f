import { Type } from 'typebox';
import {
  AUTHORITY_LEVELS,
  BULLETIN_AUDIENCES,
  BULLETIN_KINDS,
  BULLETIN_RELATIONS,
  BULLETIN_STATUSES,
} from '../../model/bulletin';
import { Id, JurisdictionCode, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const AttachmentSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'an http(s) link' }),
  },
  strict,
);

const title = Type.String({ minLength: 1, maxLength: 200 });
const body = Type.String({ minLength: 1, maxLength: 50_000, description: 'Markdown (rendered without raw HTML)' });
const source = Nullable(Type.String({ maxLength: 500, description: 'where the information comes from' }));
const attachments = Type.Array(AttachmentSchema, { maxItems: 20, description: 'titled links' });

export const BulletinBody = Type.Object(
  {
    incidentId: Type.Optional(Nullable(Id)),
    jurisdiction: Type.Optional(Nullable(JurisdictionCode)),
    kind: Type.Optional(Type.Enum(BULLETIN_KINDS)),
    title,
    body,
    source: Type.Optional(source),
    authorOrganizationId: Id,
    audience: Type.Enum(BULLETIN_AUDIENCES),
    attachments: Type.Optional(attachments),
    supersedesId: Type.Optional(Nullable(Id)),
    relation: Type.Optional(Nullable(Type.Enum(BULLETIN_RELATIONS))),
  },
  strict,
);

export const BulletinPatchBody = Type.Object(
  {
    title: Type.Optional(title),
    body: Type.Optional(body),
    source: Type.Optional(source),
    audience: Type.Optional(Type.Enum(BULLETIN_AUDIENCES)),
    attachments: Type.Optional(attachments),
  },
  { ...strict, minProperties: 1 },
);

export const SituationReportBody = Type.Object(
  { authorOrganizationId: Id, audience: Type.Optional(Type.Enum(BULLETIN_AUDIENCES)) },
  strict,
);

export const BulletinSchema = Type.Object({
  id: Id,
  incidentId: Nullable(Id),
  jurisdiction: Nullable(Type.String()),
  kind: Type.Enum(BULLETIN_KINDS),
  title: Type.String(),
  body: Type.String({ description: 'Markdown' }),
  source: Nullable(Type.String()),
  authorOrganizationId: Id,
  authorName: Type.String(),
  authority: Type.Enum(AUTHORITY_LEVELS),
  audience: Type.Enum(BULLETIN_AUDIENCES),
  attachments: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
  supersedesId: Nullable(Id),
  relation: Nullable(Type.Enum(BULLETIN_RELATIONS)),
  supersededBy: Nullable(Type.Object({ id: Id, relation: Type.Enum(BULLETIN_RELATIONS) })),
  status: Type.Enum(BULLETIN_STATUSES),
  verifiedBy: Nullable(Type.String({ description: 'null for the public' })),
  createdBy: Nullable(Type.String({ description: 'null for the public' })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  publishedAt: Nullable(Type.String()),
  viewerCanEdit: Nullable(Type.Boolean()),
  personalDataVisible: Type.Boolean(),
});

export const BulletinList = Type.Object({ items: Type.Array(BulletinSchema) });

export const FeedQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('atom')], { default: 'json' })) },
  strict,
);

/** The public list: JSON, or (format=atom) an Atom feed. */
export const PublicBulletinAnswer = Type.Union([BulletinList, Type.String({ description: 'format=atom: application/atom+xml' })]);
