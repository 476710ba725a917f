/** The signed-in frame: header bar, left navigation, and the page. */
import { ApartmentOutlined, ApiOutlined, AuditOutlined, PlusSquareOutlined, TeamOutlined } from '@ant-design/icons';
import { Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { canCreateOrganization, canManageUsers, canReadApiDocs, canReadAudit } from '../permissions';
import { useCurrentUser } from '../session';
import { AccountMenu } from './account-menu';
import { LanguageSwitcher } from './language-switcher';

type MenuItem = Required<MenuProps>['items'][number];

function selectedKey(pathname: string): string {
  if (pathname === '/organizations/new') return '/organizations/new';
  if (pathname.startsWith('/organizations')) return '/organizations';
  return pathname;
}

function useNavItems(): MenuItem[] {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const network: MenuItem[] = [{ key: '/organizations', icon: <ApartmentOutlined />, label: t('nav.organizations') }];
  if (canCreateOrganization(user.role)) {
    network.push({ key: '/organizations/new', icon: <PlusSquareOutlined />, label: t('nav.newOrganization') });
  }
  const admin: MenuItem[] = [];
  if (canManageUsers(user.role)) admin.push({ key: '/admin/users', icon: <TeamOutlined />, label: t('nav.users') });
  if (canReadAudit(user.role)) admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: t('nav.audit') });
  const items: MenuItem[] = [{ key: 'network', type: 'group', label: t('nav.network'), children: network }];
  if (admin.length) items.push({ key: 'admin', type: 'group', label: t('nav.admin'), children: admin });
  return items;
}

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const items = useNavItems();
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout className="app-shell">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <Layout.Header className="app-header">
        <Link to="/organizations" className="brand" aria-label={t('app.fullName')}>
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
          {canReadApiDocs(user.role) ? (
            <a href="/api/docs" target="_blank" rel="noreferrer" className="header-link">
              <ApiOutlined aria-hidden="true" /> {t('nav.apiDocs')}
            </a>
          ) : null}
          <LanguageSwitcher />
          <AccountMenu />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={208}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          className="app-sider"
        >
          <nav aria-label={t('nav.main')}>
            <Menu
              mode="inline"
              selectedKeys={[selectedKey(location.pathname)]}
              items={items}
              onClick={({ key }) => navigate(key)}
              className="app-menu"
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="app-content" id="main" tabIndex={-1}>
          <div className="page">
            <Outlet />
          </div>
          <footer className="app-footer">{t('app.footer')}</footer>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
