/**
 * EDXL-RM 1.0 (README, Exchange formats): a need as a RequestResource, with the privacy of the
 * JSON answer for the same reader; a RequestResource posted to an incident becomes a need
 * through the same service as the form (Idempotency-Key honoured). Bad XML is a 400 naming the
 * offending element; a document type declaration is refused.
 */
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import {
  claimToCommitResource,
  EDXL_MAX_BYTES,
  EDXL_RM_MEDIA_TYPE,
  ELEMENT_OF_FIELD,
  needToRequestResource,
  parseRequestResource,
} from '../../interop/edxl-rm';
import { AppError } from '../../model/errors';
import { findJurisdiction } from '../../model/jurisdictions';
import { actorId, type Deps, nowIso } from '../../services/context';
import { duplicatesShownTo, getNeed, newNeedView } from '../../services/needs/read-needs';
import { reportNeed } from '../../services/needs/report-need';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { idempotencyOf } from '../idempotency-header';
import { NeedBody, ReportedNeedSchema } from './schemas';

const tags = ['needs'];

/**
 * The need as its reader sees it, as an EDXL-RM RequestResource; with a claim, that holder's
 * claim as a CommitResource answering it (holders are shown to whoever reads the need).
 */
export async function needAsEdxl(
  deps: Deps,
  request: Parameters<typeof actorOf>[0],
  id: string,
  claimId?: string,
): Promise<string> {
  const need = await getNeed(deps, actorOf(request), id);
  if (claimId !== undefined) {
    const holder = need.holders.find((h) => h.claimId === claimId);
    if (!holder) throw new AppError('not_found', { field: 'claim', detail: `the need has no claim ${claimId}` });
    return claimToCommitResource(
      {
        ...holder,
        id: holder.claimId,
        needId: need.id,
        incidentId: need.incidentId,
        category: need.category,
        title: need.title,
        unit: need.unit,
      },
      nowIso(deps),
    );
  }
  return needToRequestResource(
    {
      ...need,
      incidentName: null,
      jurisdictionName: findJurisdiction(need.jurisdiction)?.name ?? null,
      kind: need.kind,
      vulnerableGroups: need.vulnerableGroups,
    },
    nowIso(deps),
  );
}

export async function edxlNeedRoutes(app: App, deps: Deps): Promise<void> {
  // Encapsulated: the XML body parser applies to this route only.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/xml', 'text/xml'],
      { parseAs: 'string', bodyLimit: EDXL_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/v1/incidents/:id/needs/edxl-rm',
      {
        bodyLimit: EDXL_MAX_BYTES,
        schema: {
          tags,
          summary:
            'Report a need from an EDXL-RM 1.0 RequestResource (body: application/xml), as the form does; 400 names the offending element',
          params: IdParams,
          response: { 201: ReportedNeedSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (typeof request.body !== 'string') {
          throw new AppError('unsupported_media_type', { detail: 'send the RequestResource as application/xml' });
        }
        const fields = parseRequestResource(request.body);
        if (!Value.Check(NeedBody, fields)) {
          const [first] = Value.Errors(NeedBody, fields);
          const field = (first?.instancePath ?? '').split('/')[1] ?? 'RequestResource';
          const element = ELEMENT_OF_FIELD[field] ?? 'RequestResource';
          throw new AppError('invalid_input', {
            field: element,
            detail: `${element}: ${field} ${first?.message ?? 'is not valid'}`,
          });
        }
        let outcome: Awaited<ReturnType<typeof reportNeed>>;
        try {
          outcome = await reportNeed(
            deps,
            actor,
            (request.params as { id: string }).id,
            fields as never,
            idempotencyOf(request, actorId(actor)),
          );
        } catch (error) {
          if (error instanceof AppError && error.field && ELEMENT_OF_FIELD[error.field]) {
            const element = ELEMENT_OF_FIELD[error.field] as string;
            throw new AppError(error.code, { field: element, detail: `${element}: ${error.detail ?? error.message}` });
          }
          throw error;
        }
        if (outcome.replayed) {
          return reply.status(201).send({ need: await getNeed(deps, actor, outcome.needId), possibleDuplicates: [] });
        }
        const { need, possibleDuplicates } = outcome.reported;
        return reply
          .status(201)
          .send({ need: newNeedView(actor, need), possibleDuplicates: duplicatesShownTo(actor, possibleDuplicates) });
      },
    );
  });
}

export const EdxlFormat = Type.Optional(
  Type.Enum(['json', 'edxl-rm'], { description: `edxl-rm: the need as an EDXL-RM 1.0 RequestResource (${EDXL_RM_MEDIA_TYPE})` }),
);
