/** The response pages, fetched together as one chunk (see lazy-pages.ts). */
export { BoardPage } from './board-page';
export { IncidentsPage } from './incidents-page';
export { MyTasksPage } from './my-tasks-page';
export { NeedImportPage } from './need-import-page';
