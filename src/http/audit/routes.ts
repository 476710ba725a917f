import { listAuditRecords } from '../../services/audit/list-audit-records';
import { verifyAuditLog } from '../../services/audit/verify-audit-chain';
import type { Deps } from '../../services/context';
import { decodeCursor, encodeCursor } from '../../services/pagination';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { AuditPage, AuditQuery, ChainReportSchema } from './schemas';

const tags = ['audit'];

export async function auditRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'The audit log, newest first (personal data stays encrypted)',
        querystring: AuditQuery,
        response: { 200: AuditPage },
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
        response: { 200: ChainReportSchema },
      },
    },
    async (request) => verifyAuditLog(deps, actorOf(request)),
  );
}
