/** "My tasks": what is the reader's organization's to do now. */
import type { Deps } from '../../services/context';
import { myTasks } from '../../services/tasks/my-tasks';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { MyTasksQuery, MyTasksSchema } from './schemas';

export async function taskRoutes(app: App, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/me/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary:
          "What is your organization's to do now: dispatches to answer, claims, teams and their next check-in, unclaimed needs",
        querystring: MyTasksQuery,
        response: { 200: MyTasksSchema },
      },
    },
    async (request) => myTasks(deps, actorOf(request)),
  );
}
