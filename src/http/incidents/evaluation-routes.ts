/** The evaluation report of an incident: figures and texts, the printable page, or its PDF. */
import type { Config } from '../../config';
import type { Deps } from '../../services/context';
import {
  getIncidentEvaluation,
  incidentEvaluationHtml,
  incidentEvaluationPdf,
} from '../../services/incidents/incident-evaluation';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { EvaluationAnswer, EvaluationQuery } from './evaluation-schemas';

export async function evaluationRoutes(app: App, deps: Deps, config: Pick<Config, 'reportRateLimit'>): Promise<void> {
  app.get(
    '/api/v1/incidents/:id/evaluation',
    {
      config: {
        // A PDF starts a Chromium, like the annual report's: limited the same way; JSON and HTML are not.
        rateLimit: {
          max: config.reportRateLimit,
          timeWindow: '1 minute',
          allowList: (request) => (request.query as { format?: unknown }).format !== 'pdf',
        },
      },
      schema: {
        tags: ['incidents'],
        summary:
          'The incident’s evaluation: timeline, needs by category with time to claim and to fulfil, vulnerable people’s needs against the others, deployments and alarms, organizations’ contributions, lessons; a text per section (JSON, HTML or PDF)',
        params: IdParams,
        querystring: EvaluationQuery,
        response: { 200: EvaluationAnswer },
      },
    },
    async (request, reply) => {
      const { format = 'json', lang = 'zh' } = request.query;
      const actor = actorOf(request);
      const id = request.params.id;
      if (format === 'json') return getIncidentEvaluation(deps, actor, id, lang);
      if (format === 'html') {
        return reply.type('text/html; charset=utf-8').send(await incidentEvaluationHtml(deps, actor, id, lang));
      }
      const pdf = await incidentEvaluationPdf(deps, actor, id, lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="incident-evaluation-${id}.pdf"`)
        .send(pdf);
    },
  );
}
