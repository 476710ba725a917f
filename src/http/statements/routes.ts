/** Official statements (权威发布), signed by the platform, and the rumours they answer (辟谣). */
import type { Config } from '../../config';
import type { Deps } from '../../services/context';
import { answerRumourWith, listRumours, recordRumour } from '../../services/statements/rumours';
import { issueStatement, listIncidentStatements, publicStatement } from '../../services/statements/statements';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { AnswerBody, RumourBody, RumourList, RumourSchema, StatementBody, StatementList, StatementSchema } from './schemas';

const tags = ['statements'];

export async function statementRoutes(app: App, deps: Deps, config: Pick<Config, 'publicRateLimit'>): Promise<void> {
  const rateLimit = { max: config.publicRateLimit, timeWindow: '1 minute' };

  app.post(
    '/api/v1/statements',
    {
      schema: {
        tags,
        summary:
          'Issue an official statement on behalf of a government agency (its staff; coordinators of its area); signed as a JWS',
        body: StatementBody,
        response: { 201: StatementSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await issueStatement(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/public/statements/:id',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary: 'A statement, its signed token and the rumours it answers (verify the token with /.well-known/jwks.json)',
        params: IdParams,
        response: { 200: StatementSchema },
      },
    },
    async (request) => publicStatement(deps, request.params.id),
  );

  app.get(
    '/api/v1/public/incidents/:id/statements',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary: 'An incident’s statements, newest first',
        params: IdParams,
        response: { 200: StatementList },
      },
    },
    async (request) => ({ items: await listIncidentStatements(deps, request.params.id, 'public') }),
  );

  app.get(
    '/api/v1/incidents/:id/statements',
    {
      schema: {
        tags,
        summary: 'An incident’s statements, newest first, with the account that issued each',
        params: IdParams,
        response: { 200: StatementList },
      },
    },
    async (request) => {
      actorOf(request);
      return { items: await listIncidentStatements(deps, request.params.id, 'member') };
    },
  );

  app.post(
    '/api/v1/incidents/:id/rumours',
    {
      schema: {
        tags,
        summary: 'Record a rumour seen about the incident (its coordinators, organizations in the field)',
        params: IdParams,
        body: RumourBody,
        response: { 201: RumourSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await recordRumour(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/incidents/:id/rumours',
    {
      schema: {
        tags,
        summary: 'The rumours recorded about the incident, answered or not',
        params: IdParams,
        response: { 200: RumourList },
      },
    },
    async (request) => {
      actorOf(request);
      return { items: await listRumours(deps, request.params.id, 'member') };
    },
  );

  app.get(
    '/api/v1/public/incidents/:id/rumours',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public'],
        summary: 'The rumours about the incident that a statement answers (辟谣), each with its statement id',
        params: IdParams,
        response: { 200: RumourList },
      },
    },
    async (request) => ({ items: await listRumours(deps, request.params.id, 'public') }),
  );

  app.post(
    '/api/v1/rumours/:id/answer',
    {
      schema: {
        tags,
        summary:
          'Link a rumour to the statement that answers it (the incident’s coordinators, or who may issue for the statement’s agency)',
        params: IdParams,
        body: AnswerBody,
        response: { 200: RumourSchema },
      },
    },
    async (request) => answerRumourWith(deps, actorOf(request), request.params.id, request.body.statementId),
  );
}
