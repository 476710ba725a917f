/** Alarms the server's sweep raised (missed check-ins, stale needs): the incident's list and acknowledging one. */
import { acknowledgeAlarm, listAlarms } from '../../services/alarms/alarms';
import type { Deps } from '../../services/context';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { AlarmList, AlarmQuery, AlarmSchema } from './schemas';

const tags = ['alarms'];

export async function alarmRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/incidents/:id/alarm-log',
    {
      schema: {
        tags,
        summary: "The alarms raised for an incident (coordinators: all; an organization's people: their own teams')",
        params: IdParams,
        querystring: AlarmQuery,
        response: { 200: AlarmList },
      },
    },
    async (request) => ({ items: await listAlarms(deps, actorOf(request), request.params.id, request.query) }),
  );

  app.post(
    '/api/v1/alarms/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge an alarm (coordinators of the incident); recorded once',
        params: IdParams,
        response: { 200: AlarmSchema },
      },
    },
    async (request) => acknowledgeAlarm(deps, actorOf(request), request.params.id),
  );
}
