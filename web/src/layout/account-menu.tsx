import { ApiOutlined, CheckOutlined, DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage } from '../i18n';
import { useCurrentUser, useSignOut } from '../session';
import { ChangePasswordModal } from './change-password-modal';

type MenuItem = Required<MenuProps>['items'][number];

/**
 * The signed-in account's menu. On narrow screens, where the header has no room for them,
 * it also holds the language choice and the link to the API documentation.
 */
export function AccountMenu({ compact = false, apiDocs = false }: { compact?: boolean; apiDocs?: boolean }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  const name = user.displayName || user.email;
  const language = currentLanguage();

  const extra: MenuItem[] = [];
  if (compact) {
    extra.push({
      key: 'language',
      type: 'group',
      label: t('language.label'),
      children: LANGUAGES.map((option) => ({
        key: `language:${option}`,
        icon: option === language ? <CheckOutlined /> : <span className="menu-icon-space" aria-hidden="true" />,
        label: <span lang={option}>{LANGUAGE_NAMES[option]}</span>,
      })),
    });
    if (apiDocs) {
      extra.push({
        key: 'api-docs',
        icon: <ApiOutlined />,
        label: (
          <a href="/api/docs" target="_blank" rel="noreferrer">
            {t('nav.apiDocs')}
          </a>
        ),
      });
    }
    extra.push({ type: 'divider' });
  }

  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          selectable: false,
          items: [
            {
              key: 'who',
              type: 'group',
              label: (
                <div className="account-who">
                  <div className="strong">{name}</div>
                  <div className="muted small">{user.email}</div>
                  <div className="muted small">{t(`role.${user.role}`)}</div>
                </div>
              ),
            },
            { type: 'divider' },
            ...extra,
            { key: 'password', icon: <KeyOutlined />, label: t('account.changePassword') },
            { key: 'logout', icon: <LogoutOutlined />, label: t('account.logout'), danger: true },
          ],
          onClick: ({ key }) => {
            if (key.startsWith('language:')) {
              const chosen = LANGUAGES.find((option) => key === `language:${option}`);
              if (chosen) setLanguage(chosen);
            }
            if (key === 'password') setChanging(true);
            if (key === 'logout') void signOut().then(() => navigate('/login', { replace: true }));
          },
        }}
      >
        <Button type="text" className="header-button" aria-label={t('account.menu', { name })} data-testid="account-menu">
          <Avatar size="small" icon={<UserOutlined />} className="header-avatar" />
          <span className="header-user-name">{name}</span>
          <DownOutlined aria-hidden="true" className="small" />
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
