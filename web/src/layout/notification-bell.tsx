/**
 * The header's bell: my unread notifications, kept current by polling the (indexed, one-row)
 * count every five seconds, and refreshed at once when I read them.
 */
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { notificationApi } from '../api';

export const UNREAD_KEY = ['notifications', 'unread'] as const;

export function NotificationBell() {
  const { t } = useTranslation();
  const { data: unread = 0 } = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: notificationApi.unreadCount,
    refetchInterval: 5_000,
    refetchIntervalInBackground: false,
  });
  return (
    <Link
      to="/notifications"
      className="header-link notification-bell"
      aria-label={t('notifications.bell', { count: unread })}
      data-testid="notification-bell"
    >
      <Badge count={unread} overflowCount={99} size="small" data-testid="unread-count" title={String(unread)}>
        <BellOutlined aria-hidden="true" style={{ fontSize: 18, color: 'inherit' }} />
      </Badge>
    </Link>
  );
}
