/**
 * The UI's pages, each area a chunk of its own fetched on first visit, so that a coordinator's
 * board does not wait for the admin pages. The public report, receipt, join and checkpoint
 * pages are not here: they are the light entry of their own (web/src/public-entry).
 */
import { type ComponentType, lazy } from 'react';

/** A named page export of a lazily imported module, as a component React can suspend on. */
function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

// One import per area: the pages of an area share one chunk.
const giving = () => import('./pages/public/give-area');
const transparency = () => import('./pages/public/transparency-area');
const information = () => import('./pages/public/information-area');
const organizations = () => import('./pages/organizations/area');
const incidents = () => import('./pages/incidents/area');
const membership = () => import('./pages/membership/area');
const admin = () => import('./pages/admin/area');
const analytics = () => import('./pages/analytics/area');
const knowledge = () => import('./pages/knowledge/area');
const passes = () => import('./pages/passes/area');
const warehouses = () => import('./pages/warehouses/area');
const alerts = () => import('./pages/alerts/area');
const publicAlert = () => import('./pages/alerts/public-area');
const notifications = () => import('./pages/notifications/area');
const layout = () => import('./layout/app-layout');
const setup = () => import('./pages/setup-page');
const login = () => import('./pages/login-page');

export const GiveStartPage = lazyPage(giving, 'GiveStartPage');
export const GiveFormPage = lazyPage(giving, 'GiveFormPage');
export const DonationPage = lazyPage(giving, 'DonationPage');
export const TransparencyStartPage = lazyPage(transparency, 'TransparencyStartPage');
export const TransparencyPage = lazyPage(transparency, 'TransparencyPage');
export const StatementPage = lazyPage(information, 'StatementPage');
export const BulletinsPage = lazyPage(information, 'BulletinsPage');

export const SetupPage = lazyPage(setup, 'SetupPage');
export const LoginPage = lazyPage(login, 'LoginPage');

/** The signed-in frame (header, navigation), shared by every area below. */
export const AppLayout = lazyPage(layout, 'AppLayout');
export const NotFoundPage = lazyPage(() => import('./pages/not-found-page'), 'NotFoundPage');
export const ForbiddenPage = lazyPage(() => import('./pages/not-found-page'), 'ForbiddenPage');

export const DirectoryPage = lazyPage(organizations, 'DirectoryPage');
export const NewOrganizationPage = lazyPage(organizations, 'NewOrganizationPage');
export const ImportPage = lazyPage(organizations, 'ImportPage');
export const ProfilePage = lazyPage(organizations, 'ProfilePage');

export const IncidentsPage = lazyPage(incidents, 'IncidentsPage');
export const BoardPage = lazyPage(incidents, 'BoardPage');
export const MyTasksPage = lazyPage(incidents, 'MyTasksPage');
export const NeedImportPage = lazyPage(incidents, 'NeedImportPage');

export const ApplicationsPage = lazyPage(membership, 'ApplicationsPage');
export const DeskPage = lazyPage(membership, 'DeskPage');

export const AnalyticsPage = lazyPage(analytics, 'AnalyticsPage');

export const KnowledgePage = lazyPage(knowledge, 'KnowledgePage');
export const ProgramsPage = lazyPage(knowledge, 'ProgramsPage');

export const PassPage = lazyPage(passes, 'PassPage');

export const WarehousesPage = lazyPage(warehouses, 'WarehousesPage');
export const NotificationsPage = lazyPage(notifications, 'NotificationsPage');
export const SubscriptionsPage = lazyPage(notifications, 'SubscriptionsPage');
export const WarehousePage = lazyPage(warehouses, 'WarehousePage');

export const AlertsPage = lazyPage(alerts, 'AlertsPage');
export const ComposeAlertPage = lazyPage(alerts, 'ComposeAlertPage');
export const PublicAlertPage = lazyPage(publicAlert, 'PublicAlertPage');

export const UsersPage = lazyPage(admin, 'UsersPage');
export const AuditPage = lazyPage(admin, 'AuditPage');
export const WebhooksPage = lazyPage(admin, 'WebhooksPage');

type Load = () => Promise<unknown>;

/** What each path needs, by its first segment. */
const OUTSIDE = new Map<string, Load>([
  ['give', giving],
  ['donation', giving],
  ['transparency', transparency],
  ['statements', information],
  ['bulletins', information],
  ['alerts', publicAlert],
  ['login', login],
  ['setup', setup],
]);
const INSIDE = new Map<string, Load>([
  ['organizations', organizations],
  ['incidents', incidents],
  ['tasks', incidents],
  ['membership', membership],
  ['admin', admin],
  ['analytics', analytics],
  ['knowledge', knowledge],
  ['programs', knowledge],
  ['deployments', passes],
  ['warehouses', warehouses],
  ['warnings', alerts],
]);

/**
 * Starts fetching the chunks of the page at this path, so they download alongside the first
 * API calls rather than after them (React.lazy later finds them loaded). The signed-in frame
 * and its area come together, and only once a session is known: an anonymous visitor at "/"
 * is on the way to the sign-in page, not to the directory.
 */
export function preloadPage(pathname: string, signedIn: boolean): void {
  const segment = pathname.split('/')[1] ?? '';
  const outside = OUTSIDE.get(segment);
  // Any other path is in the signed-in frame ("/" and unknown ones show the directory).
  const loads = outside ? [outside] : signedIn ? [layout, INSIDE.get(segment) ?? organizations] : [];
  // A failure here is met again, and shown, when the page itself asks for the chunk.
  for (const load of loads) load().catch(() => undefined);
}
