/** Providers, theme and routes. */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { Button, ConfigProvider } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError, authApi } from './api';
import { ErrorAlert } from './components/error-alert';
import { Notice } from './components/notice';
import { PageLoader, PageSpin } from './components/page-loader';
import { antdLocale, currentLanguage } from './i18n';
import {
  AlertsPage,
  AnalyticsPage,
  AppLayout,
  ApplicationsPage,
  AuditPage,
  BoardPage,
  BulletinsPage,
  ComposeAlertPage,
  DeskPage,
  DirectoryPage,
  DonationPage,
  ForbiddenPage,
  GiveFormPage,
  GiveStartPage,
  ImportPage,
  IncidentsPage,
  KnowledgePage,
  LoginPage,
  MyTasksPage,
  NeedImportPage,
  NewOrganizationPage,
  NotFoundPage,
  NotificationsPage,
  PassPage,
  ProfilePage,
  ProgramsPage,
  PublicAlertPage,
  preloadPage,
  SetupPage,
  StatementPage,
  SubscriptionsPage,
  TransparencyPage,
  TransparencyStartPage,
  UsersPage,
  WarehousePage,
  WarehousesPage,
  WebhooksPage,
} from './lazy-pages';
import { SESSION_KEY, useCapabilities, useSessionQuery } from './session';
import { prefersReducedMotion, themeFor } from './theme';
import type { Capabilities } from './types';

/** Ant Design's animations stay off for readers who asked their system for less motion. */
const APP_THEME = themeFor(prefersReducedMotion());

// A session that ends on the server (expired, disabled) sends the reader back to sign in.
const onError = (error: unknown) => {
  if (error instanceof ApiError && error.code === 'not_authenticated') queryClient.setQueryData(SESSION_KEY, null);
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

function Unreachable({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="full-page-center">
      <Notice title={t('app.unreachable')} action={<Button onClick={retry}>{t('common.retry')}</Button>}>
        <ErrorAlert error={error} />
      </Notice>
    </div>
  );
}

/** Sends everything to /setup until the first administrator exists, and nothing after. */
function SetupGate({ children }: { children: ReactNode }) {
  const location = useLocation();
  const setup = useQuery({ queryKey: ['setup'], queryFn: authApi.setupNeeded, staleTime: Number.POSITIVE_INFINITY });
  if (setup.isPending) return <PageSpin />;
  if (setup.isError) return <Unreachable error={setup.error} retry={() => void setup.refetch()} />;
  const onSetup = location.pathname === '/setup';
  if (setup.data && !onSetup) return <Navigate to="/setup" replace />;
  if (!setup.data && onSetup) return <Navigate to="/login" replace />;
  return children;
}

function RequireSession() {
  const location = useLocation();
  const session = useSessionQuery();
  const signedIn = Boolean(session.data);
  useEffect(() => {
    if (signedIn) preloadPage(location.pathname, true);
  }, [signedIn, location.pathname]);
  if (session.isPending) return <PageSpin />;
  if (session.isError) return <Unreachable error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}

/** The yes-or-no capabilities, which a page can require. */
type Gate = { [K in keyof Capabilities]: Capabilities[K] extends boolean ? K : never }[keyof Capabilities];

/** A page for those the server says may use it (the session's capabilities). */
function RequireCapability({ allow, children }: { allow: Gate; children: ReactNode }) {
  return useCapabilities()[allow] ? children : <ForbiddenPage />;
}

/** The pages of the light public entry (web/src/public-entry), which the server serves as public-pages.html. */
const PUBLIC_ENTRY_PATHS = ['/join', '/report', '/report/:incidentId', '/receipt', '/receipt/:code', '/checkpoint'];

// The path this document was loaded at: a light public page reached inside the app is loaded
// from the server, unless the server itself answered it with this app (a dev server), which
// would load it again and again.
const LOADED_AT = window.location.pathname;

/** A link inside this app to a light public page (the sign-in page's 公众求助): load that page from the server. */
function LightPublicPage() {
  const location = useLocation();
  const loop = location.pathname === LOADED_AT;
  useEffect(() => {
    if (!loop) window.location.replace(`${location.pathname}${location.search}`);
  }, [loop, location.pathname, location.search]);
  return loop ? <NotFoundPage /> : <PageSpin />;
}

function AppRoutes() {
  return (
    <SetupGate>
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/login" element={<LoginPage />} />
        {PUBLIC_ENTRY_PATHS.map((path) => (
          <Route key={path} path={path} element={<LightPublicPage />} />
        ))}
        <Route path="/give" element={<GiveStartPage />} />
        <Route path="/give/:incidentId" element={<GiveFormPage />} />
        <Route path="/donation" element={<DonationPage />} />
        <Route path="/donation/:code" element={<DonationPage />} />
        <Route path="/transparency" element={<TransparencyStartPage />} />
        <Route path="/transparency/:incidentId" element={<TransparencyPage />} />
        <Route path="/alerts/:id" element={<PublicAlertPage />} />
        <Route path="/statements/:id" element={<StatementPage />} />
        <Route path="/bulletins/:incidentId" element={<BulletinsPage />} />
        <Route element={<RequireSession />}>
          <Route element={<AppLayout />}>
            <Route index element={<Navigate to="/organizations" replace />} />
            <Route path="organizations" element={<DirectoryPage />} />
            <Route
              path="organizations/new"
              element={
                <RequireCapability allow="createOrganizations">
                  <NewOrganizationPage />
                </RequireCapability>
              }
            />
            <Route
              path="organizations/import"
              element={
                <RequireCapability allow="importOrganizations">
                  <ImportPage />
                </RequireCapability>
              }
            />
            <Route path="organizations/:id" element={<ProfilePage />} />
            <Route path="incidents" element={<IncidentsPage />} />
            <Route path="incidents/:id" element={<BoardPage />} />
            <Route path="tasks" element={<MyTasksPage />} />
            <Route path="deployments/:id/pass" element={<PassPage />} />
            <Route path="incidents/:id/import-needs" element={<NeedImportPage />} />
            <Route path="warehouses" element={<WarehousesPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="notifications/settings" element={<SubscriptionsPage />} />
            <Route path="warehouses/:id" element={<WarehousePage />} />
            <Route path="warnings" element={<AlertsPage />} />
            <Route path="warnings/new" element={<ComposeAlertPage />} />
            <Route path="analytics" element={<AnalyticsPage />} />
            <Route path="knowledge" element={<KnowledgePage />} />
            <Route path="programs" element={<ProgramsPage />} />
            <Route
              path="membership/applications"
              element={
                <RequireCapability allow="reviewMembership">
                  <ApplicationsPage />
                </RequireCapability>
              }
            />
            <Route
              path="membership/desk"
              element={
                <RequireCapability allow="reviewMembership">
                  <DeskPage />
                </RequireCapability>
              }
            />
            <Route
              path="admin/users"
              element={
                <RequireCapability allow="manageUsers">
                  <UsersPage />
                </RequireCapability>
              }
            />
            <Route
              path="admin/audit"
              element={
                <RequireCapability allow="readAudit">
                  <AuditPage />
                </RequireCapability>
              }
            />
            <Route
              path="settings/webhooks"
              element={
                <RequireCapability allow="manageWebhooks">
                  <WebhooksPage />
                </RequireCapability>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </SetupGate>
  );
}

export function Root() {
  useTranslation(); // re-render the providers when the language changes
  const language = currentLanguage();
  return (
    // autoInsertSpace off: "登录" must stay "登录" (not "登 录") for readers and for tests.
    <ConfigProvider locale={antdLocale(language)} theme={APP_THEME} button={{ autoInsertSpace: false }}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          {/* The pages are chunks loaded on first visit (lazy-pages.ts); the signed-in frame has
              a loader of its own around its pages, so it stays on screen while an area loads. */}
          <PageLoader>
            <AppRoutes />
          </PageLoader>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
