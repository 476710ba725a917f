/** Providers, theme and routes. */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result, Spin, type ThemeConfig } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from '../../src/model/roles';
import { ApiError, authApi } from './api';
import { ErrorAlert } from './components/error-alert';
import { antdLocale, currentLanguage } from './i18n';
import { AppLayout } from './layout/app-layout';
import { AuditPage } from './pages/admin/audit-page';
import { UsersPage } from './pages/admin/users-page';
import { BoardPage } from './pages/incidents/board-page';
import { IncidentsPage } from './pages/incidents/incidents-page';
import { JoinPage } from './pages/join-page';
import { LoginPage } from './pages/login-page';
import { ApplicationsPage } from './pages/membership/applications-page';
import { DeskPage } from './pages/membership/desk-page';
import { ForbiddenPage, NotFoundPage } from './pages/not-found-page';
import { DirectoryPage } from './pages/organizations/directory-page';
import { ImportPage } from './pages/organizations/import-page';
import { NewOrganizationPage } from './pages/organizations/new-organization-page';
import { ProfilePage } from './pages/organizations/profile-page';
import { ReceiptPage } from './pages/public/receipt-page';
import { ReportFormPage, ReportStartPage } from './pages/public/report-page';
import { SetupPage } from './pages/setup-page';
import { canCreateOrganization, canImportOrganizations, canManageUsers, canReadAudit, canReviewMembership } from './permissions';
import { SESSION_KEY, useCurrentUser, useSessionQuery } from './session';

const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d5bbf',
    colorLink: '#1d5bbf',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#0b3a82', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f0f2f5' },
    Table: { headerBg: '#f5f7fa' },
  },
};

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

function PageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

function Unreachable({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="full-page-center">
      <Result
        status="warning"
        title={t('app.unreachable')}
        subTitle={<ErrorAlert error={error} />}
        extra={<Button onClick={retry}>{t('common.retry')}</Button>}
      />
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
  if (session.isPending) return <PageSpin />;
  if (session.isError) return <Unreachable error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}

function RequireRole({ allow, children }: { allow: (role: Role) => boolean; children: ReactNode }) {
  const user = useCurrentUser();
  return allow(user.role) ? children : <ForbiddenPage />;
}

function AppRoutes() {
  return (
    <SetupGate>
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/join" element={<JoinPage />} />
        <Route path="/report" element={<ReportStartPage />} />
        <Route path="/report/:incidentId" element={<ReportFormPage />} />
        <Route path="/receipt" element={<ReceiptPage />} />
        <Route path="/receipt/:code" element={<ReceiptPage />} />
        <Route element={<RequireSession />}>
          <Route element={<AppLayout />}>
            <Route index element={<Navigate to="/organizations" replace />} />
            <Route path="organizations" element={<DirectoryPage />} />
            <Route
              path="organizations/new"
              element={
                <RequireRole allow={canCreateOrganization}>
                  <NewOrganizationPage />
                </RequireRole>
              }
            />
            <Route
              path="organizations/import"
              element={
                <RequireRole allow={canImportOrganizations}>
                  <ImportPage />
                </RequireRole>
              }
            />
            <Route path="organizations/:id" element={<ProfilePage />} />
            <Route path="incidents" element={<IncidentsPage />} />
            <Route path="incidents/:id" element={<BoardPage />} />
            <Route
              path="membership/applications"
              element={
                <RequireRole allow={canReviewMembership}>
                  <ApplicationsPage />
                </RequireRole>
              }
            />
            <Route
              path="membership/desk"
              element={
                <RequireRole allow={canReviewMembership}>
                  <DeskPage />
                </RequireRole>
              }
            />
            <Route
              path="admin/users"
              element={
                <RequireRole allow={canManageUsers}>
                  <UsersPage />
                </RequireRole>
              }
            />
            <Route
              path="admin/audit"
              element={
                <RequireRole allow={canReadAudit}>
                  <AuditPage />
                </RequireRole>
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
    <ConfigProvider locale={antdLocale(language)} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
