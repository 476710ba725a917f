import { Type } from 'typebox';
import { listAuditRecords } from '../../services/audit/list-audit-records';
import { verifyAuditChain } from '../../services/audit/verify-audit-chain';
import type { Deps } from '../../services/context';
import { decodeCursor, encodeCursor } from '../../services/pagination';
import { assertCanReadAudit } from '../../services/policy';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { Cursor, Limit } from '../common-schemas';

const tags = ['audit'];

export async function auditRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'The audit log, newest first (personal data stays encrypted)',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 50 })),
            entityId: Type.Optional(Type.String({ maxLength: 64 })),
            limit: Limit,
            cursor: Type.Optional(Cursor),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { cursor, ...query } = request.query;
      const beforeSeq = cursor ? Number(decodeCursor(cursor, 1)[0]) : undefined;
      const page = await listAuditRecords(deps, actorOf(request), { ...query, beforeSeq });
      return {
        items: page.items,
        total: page.total,
        nextCursor: page.nextBeforeSeq !== undefined ? encodeCursor([page.nextBeforeSeq]) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Walk the hash chain and report the first record that does not hold',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      assertCanReadAudit(actorOf(request));
      return verifyAuditChain(deps.db);
    },
  );
}
