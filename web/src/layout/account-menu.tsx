import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser, useSignOut } from '../session';
import { ChangePasswordModal } from './change-password-modal';

export function AccountMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  const name = user.displayName || user.email;

  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
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
            { key: 'password', icon: <KeyOutlined />, label: t('account.changePassword') },
            { key: 'logout', icon: <LogoutOutlined />, label: t('account.logout'), danger: true },
          ],
          onClick: ({ key }) => {
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
