/** The signed-in frame: header bar, left navigation, and the page. */
import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  FileSearchOutlined,
  MenuOutlined,
  NotificationOutlined,
  PlusSquareOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Drawer, Grid, Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { applicationApi, currentCsrfToken } from '../api';
import { PageLoader } from '../components/page-loader';
import { useOutboxSender } from '../offline/use-outbox';
import { useCapabilities, useCurrentUser } from '../session';
import { AccountMenu } from './account-menu';
import { useDialogFocusWrap } from './dialog-focus';
import { LanguageSwitcher } from './language-switcher';
import { NotificationBell } from './notification-bell';

type MenuItem = Required<MenuProps>['items'][number];

function selectedKey(pathname: string): string {
  if (pathname === '/organizations/new' || pathname === '/organizations/import') return pathname;
  if (pathname.startsWith('/organizations')) return '/organizations';
  if (pathname.startsWith('/incidents')) return '/incidents';
  if (pathname.startsWith('/analytics')) return '/analytics';
  if (pathname.startsWith('/knowledge')) return '/knowledge';
  if (pathname.startsWith('/programs')) return '/programs';
  if (pathname.startsWith('/warehouses')) return '/warehouses';
  return pathname;
}

/**
 * How many applications wait for the reader's decision (the queue's badge): those of the
 * newest 200 under review that the reader may decide (the home area is theirs).
 */
function usePendingApplications(enabled: boolean): number {
  const { data } = useQuery({
    queryKey: ['applications', 'under_review', 'badge'],
    queryFn: () => applicationApi.list({ status: 'under_review', limit: 200 }),
    enabled,
    refetchInterval: 60_000,
  });
  return data?.items.filter((application) => application.viewerCanDecide).length ?? 0;
}

function useNavItems(): MenuItem[] {
  const { t } = useTranslation();
  const may = useCapabilities();
  const reviews = may.reviewMembership;
  const pending = usePendingApplications(reviews);
  const network: MenuItem[] = [{ key: '/organizations', icon: <ApartmentOutlined />, label: t('nav.organizations') }];
  if (may.createOrganizations) {
    network.push({ key: '/organizations/new', icon: <PlusSquareOutlined />, label: t('nav.newOrganization') });
  }
  if (may.importOrganizations) {
    network.push({ key: '/organizations/import', icon: <CloudUploadOutlined />, label: t('nav.import') });
  }
  // Aggregates only, so every signed-in role may look.
  network.push({ key: '/analytics', icon: <BarChartOutlined />, label: t('nav.analytics') });
  const membership: MenuItem[] = reviews
    ? [
        {
          key: '/membership/applications',
          icon: <FileSearchOutlined />,
          label: (
            <span className="nav-with-badge">
              <span>{t('nav.applications')}</span>
              {pending > 0 ? (
                <Badge
                  count={pending}
                  overflowCount={99}
                  size="small"
                  aria-label={t('nav.pendingCount', { count: pending })}
                  data-testid="pending-badge"
                />
              ) : null}
            </span>
          ),
        },
        { key: '/membership/desk', icon: <ScheduleOutlined />, label: t('nav.desk') },
      ]
    : [];
  const admin: MenuItem[] = [];
  if (may.manageUsers) admin.push({ key: '/admin/users', icon: <TeamOutlined />, label: t('nav.users') });
  if (may.readAudit) admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: t('nav.audit') });
  if (may.manageWebhooks) admin.push({ key: '/settings/webhooks', icon: <ApiOutlined />, label: t('nav.webhooks') });
  const response: MenuItem[] = [
    { key: '/incidents', icon: <AlertOutlined />, label: t('nav.incidents') },
    // Every signed-in role reads warehouses and their stock.
    { key: '/warnings', icon: <NotificationOutlined />, label: t('nav.alerts') },
    { key: '/warehouses', icon: <DatabaseOutlined />, label: t('nav.warehouses') },
    { key: '/checkpoint', icon: <SafetyCertificateOutlined />, label: t('nav.checkpoint') },
  ];
  if (may.fieldOrganizationId) response.unshift({ key: '/tasks', icon: <CarryOutOutlined />, label: t('nav.tasks') });
  // Normal-time work and what was learned: every signed-in role reads them.
  const normalTime: MenuItem[] = [
    { key: '/programs', icon: <ProjectOutlined />, label: t('nav.programs') },
    { key: '/knowledge', icon: <BookOutlined />, label: t('nav.knowledge') },
  ];
  const items: MenuItem[] = [
    { key: 'response', type: 'group', label: t('nav.response'), children: response },
    { key: 'network', type: 'group', label: t('nav.network'), children: network },
    { key: 'normal-time', type: 'group', label: t('nav.normalTime'), children: normalTime },
  ];
  if (membership.length) items.push({ key: 'membership', type: 'group', label: t('nav.membership'), children: membership });
  if (admin.length) items.push({ key: 'admin', type: 'group', label: t('nav.admin'), children: admin });
  return items;
}

/** The main navigation: a side bar on wide screens; on phones a drawer opened from the header. */
function Navigation({ compact, open, onClose }: { compact: boolean; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const items = useNavItems();
  const [collapsed, setCollapsed] = useState(false);
  const menu = (
    <nav aria-label={t('nav.main')}>
      <Menu
        mode="inline"
        selectedKeys={[selectedKey(location.pathname)]}
        items={items}
        onClick={({ key }) => {
          onClose();
          navigate(key);
        }}
        className="app-menu"
      />
    </nav>
  );
  if (compact) {
    return (
      <Drawer
        open={open}
        onClose={onClose}
        placement="left"
        size="min(280px, 85vw)"
        title={t('nav.main')}
        className="app-nav-drawer"
      >
        {menu}
      </Drawer>
    );
  }
  return (
    <Layout.Sider
      width={208}
      theme="light"
      collapsible
      collapsed={collapsed}
      onCollapse={setCollapsed}
      breakpoint="lg"
      className="app-sider"
    >
      {menu}
    </Layout.Sider>
  );
}

function Frame() {
  const { t } = useTranslation();
  const [navigationOpen, setNavigationOpen] = useState(false);
  useDialogFocusWrap();
  // On phones the header keeps only the menu button, the brand and the account menu, which
  // takes over the language choice and the API documentation link; the navigation is a drawer.
  const compact = Grid.useBreakpoint().md === false;
  const apiDocs = useCapabilities().readApiDocs;

  return (
    <Layout className="app-shell">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <Layout.Header className="app-header">
        {compact ? (
          <Button
            type="text"
            className="header-button nav-toggle"
            icon={<MenuOutlined aria-hidden="true" />}
            aria-label={t('nav.openMenu')}
            aria-expanded={navigationOpen}
            onClick={() => setNavigationOpen(true)}
            data-testid="nav-toggle"
          />
        ) : null}
        <Link to="/organizations" className="brand">
          <span className="brand-mark" aria-hidden="true">
            协
          </span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-latin" lang="en">
            CoRespond
          </span>
          <span className="brand-divider" aria-hidden="true" />
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <div className="header-actions">
          {apiDocs && !compact ? (
            <a href="/api/docs" target="_blank" rel="noreferrer" className="header-link">
              <ApiOutlined aria-hidden="true" /> {t('nav.apiDocs')}
            </a>
          ) : null}
          <NotificationBell />
          {compact ? null : <LanguageSwitcher />}
          <AccountMenu compact={compact} apiDocs={apiDocs} />
        </div>
      </Layout.Header>
      <Layout>
        <Navigation compact={compact} open={navigationOpen} onClose={() => setNavigationOpen(false)} />
        <Layout.Content className="app-content" id="main" tabIndex={-1}>
          <div className="page">
            {/* Each area is a chunk of its own (lazy-pages.ts): the frame stays while one loads. */}
            <PageLoader inline>
              <Outlet />
            </PageLoader>
          </div>
          <footer className="app-footer">{t('app.footer')}</footer>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/**
 * The signed-in frame. Ant Design's App (the context of App.useApp's messages and modals)
 * starts here rather than around the whole UI: the public pages use none of it.
 */
/** Sends the signed-in user's outbox now and whenever the network returns (web/src/offline). */
function OutboxSender() {
  useOutboxSender(useCurrentUser().id, currentCsrfToken);
  return null;
}

export function AppLayout() {
  return (
    <App>
      <OutboxSender />
      <Frame />
    </App>
  );
}
