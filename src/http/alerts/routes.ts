/** Early warnings as CAP 1.2: publish, update, cancel, preview, ingest, and read (signed-in and public). */
import type { Config } from '../../config';
import { atomFeed } from '../../interop/cap/atom';
import { CAP_MEDIA_TYPE } from '../../interop/cap/cap-xml';
import { alertsGeoJson } from '../../interop/geojson-alerts';
import { ingestAlert } from '../../services/alerts/ingest-alert';
import { openIncidentFromAlert } from '../../services/alerts/open-incident';
import { CAP_DOCUMENT_LIMIT } from '../../services/alerts/poll-feeds';
import type { AlertSettings } from '../../services/alerts/present-alerts';
import { amendAlert, previewAlert, publishAlert } from '../../services/alerts/publish-alert';
import { currentPublicAlerts, getAlert, listAlerts, publicAlert } from '../../services/alerts/read-alerts';
import type { Deps } from '../../services/context';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import {
  AlertBody,
  AlertChangeBody,
  AlertList,
  AlertListAnswer,
  AlertListQuery,
  AlertSchema,
  OpenedIncident,
  OpenIncidentBody,
  PreviewAnswer,
  PublicAlertAnswer,
  PublicAlertListAnswer,
  PublicAlertQuery,
  PublicAlertsQuery,
} from './schemas';

const tags = ['alerts'];

export async function alertRoutes(
  app: App,
  deps: Deps,
  config: Pick<Config, 'publicRateLimit'> & Partial<Pick<Config, 'capSender' | 'capAllowedSenders'>>,
): Promise<void> {
  const settings: AlertSettings = {
    sender: config.capSender ?? 'corespond',
    allowedSenders: config.capAllowedSenders ?? null,
  };
  const rateLimit = { max: config.publicRateLimit, timeWindow: '1 minute' };

  // CAP documents arrive as text, with their own size limit (a feed's documents are small).
  app.addContentTypeParser(
    [CAP_MEDIA_TYPE, 'application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: CAP_DOCUMENT_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        summary:
          'Publish an early warning as CAP 1.2 (coordinators for their area, admins); severity follows from the warning colour; identifier <sender>-<yyyymmdd>-<sequence>',
        body: AlertBody,
        response: { 201: AlertSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await publishAlert(deps, settings, actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/alerts/preview',
    {
      schema: {
        tags,
        summary: 'The CAP 1.2 document the server would publish for this warning, without publishing it',
        body: AlertBody,
        response: { 200: PreviewAnswer },
      },
    },
    async (request) => previewAlert(deps, settings, actorOf(request), request.body),
  );

  app.post(
    '/api/v1/alerts/ingest',
    {
      schema: {
        tags,
        summary:
          'Ingest a CAP 1.2 alert (body application/cap+xml; admins and coordinators): validated against the OASIS schema (422 names the first error), de-duplicated by sender and identifier (200 with the record kept), attached to the open incidents whose areas its GB/T 2260 geocodes overlap',
        body: { type: 'string', maxLength: CAP_DOCUMENT_LIMIT },
        response: { 200: AlertSchema, 201: AlertSchema },
      },
    },
    async (request, reply) => {
      const { created, alert } = await ingestAlert(deps, settings, actorOf(request), request.body as string);
      return reply.status(created ? 201 : 200).send(alert);
    },
  );

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        summary:
          'Alerts, newest first; filter by incident, attached=false for those attached to no incident, origin, current; format=geojson for their areas',
        querystring: AlertListQuery,
        response: { 200: AlertListAnswer },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const list = await listAlerts(deps, actorOf(request), filter);
      if (format === 'geojson') return reply.type('application/geo+json').send(JSON.stringify(alertsGeoJson(list.items)));
      return list;
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    { schema: { tags, summary: 'One alert', params: IdParams, response: { 200: AlertSchema } } },
    async (request) => getAlert(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/incidents/:id/alerts',
    {
      schema: {
        tags,
        summary: 'The alerts concerning an incident, newest first',
        params: IdParams,
        response: { 200: AlertList },
      },
    },
    async (request) => listAlerts(deps, actorOf(request), { incidentId: request.params.id }),
  );

  for (const [path, msgType] of [
    ['update', 'Update'],
    ['cancel', 'Cancel'],
  ] as const) {
    app.post(
      `/api/v1/alerts/:id/${path}`,
      {
        schema: {
          tags,
          summary: `${msgType === 'Update' ? 'Update' : 'Cancel'} one of our alerts: a new CAP message (msgType ${msgType}) whose <references> names the earlier one; { reason, …changed fields }`,
          params: IdParams,
          body: AlertChangeBody,
          response: { 201: AlertSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await amendAlert(deps, settings, actorOf(request), request.params.id, request.body, msgType)),
    );
  }

  app.post(
    '/api/v1/alerts/:id/incident',
    {
      schema: {
        tags,
        summary: 'Open an incident (stage preparedness) from an alert over its areas and attach the alert to it',
        params: IdParams,
        body: OpenIncidentBody,
        response: { 201: OpenedIncident },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await openIncidentFromAlert(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/public/alerts',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public', ...tags],
        summary:
          'Public alerts in force; format=atom for the CAP feed (entries link to application/cap+xml), geojson for their areas',
        querystring: PublicAlertsQuery,
        response: { 200: PublicAlertListAnswer },
      },
    },
    async (request, reply) => {
      const alerts = await currentPublicAlerts(deps);
      const format = request.query.format ?? 'json';
      if (format === 'atom') {
        const base = `${request.protocol}://${request.host}`;
        return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(alerts, base, settings.sender, deps.now()));
      }
      if (format === 'geojson') return reply.type('application/geo+json').send(JSON.stringify(alertsGeoJson(alerts)));
      return { items: alerts };
    },
  );

  app.get(
    '/api/v1/public/alerts/:id',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['public', ...tags],
        summary: 'A public alert as JSON, or format=cap for its CAP 1.2 document (application/cap+xml)',
        params: IdParams,
        querystring: PublicAlertQuery,
        response: { 200: PublicAlertAnswer },
      },
    },
    async (request, reply) => {
      const { view, xml } = await publicAlert(deps, request.params.id);
      if (request.query.format === 'cap') return reply.type(`${CAP_MEDIA_TYPE}; charset=utf-8`).send(xml);
      return view;
    },
  );
}
