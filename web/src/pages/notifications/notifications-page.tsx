/** My notification centre: unread first, newest first; opening one marks it read and follows its link. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { notificationApi } from '../../api';
import { LoadMore, usePagedList } from '../../components/load-more';
import { PageHeader } from '../../components/page-header';
import { useDateTime } from '../../format';
import { UNREAD_KEY } from '../../layout/notification-bell';
import type { NotificationPage, NotificationView } from '../../types';

const LIST_KEY = ['notifications', 'list'] as const;

export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const when = useDateTime();
  const client = useQueryClient();
  const { items, query } = usePagedList<NotificationView, NotificationPage>({
    queryKey: LIST_KEY,
    fetchPage: (cursor) => notificationApi.list({ limit: 20, cursor }),
  });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: LIST_KEY });
    await client.invalidateQueries({ queryKey: UNREAD_KEY });
  };
  const readAll = useMutation({ mutationFn: notificationApi.readAll, onSuccess: refresh });
  const open = async (note: NotificationView) => {
    if (note.readAt === null) {
      await notificationApi.read(note.id);
      await refresh();
    }
    if (note.link) navigate(note.link);
  };
  const unread = query.data?.pages[0]?.unread ?? 0;
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        crumbs={[{ title: t('notifications.title') }]}
        extra={
          <Space>
            <Link to="/notifications/settings">{t('notifications.settings')}</Link>
            <Button onClick={() => readAll.mutate()} disabled={unread === 0} loading={readAll.isPending} data-testid="read-all">
              {t('notifications.readAll')}
            </Button>
          </Space>
        }
      />
      <List
        loading={query.isLoading}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
        data-testid="notification-list"
        renderItem={(note) => (
          <List.Item
            key={note.id}
            data-testid="notification-item"
            data-unread={note.readAt === null}
            actions={[
              <Button key="open" type="link" onClick={() => void open(note)}>
                {note.link ? t('notifications.open') : t('notifications.markRead')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              avatar={
                note.readAt === null ? (
                  <Badge status="processing" aria-label={t('notifications.unread')} />
                ) : (
                  <Badge status="default" />
                )
              }
              title={<Typography.Text strong={note.readAt === null}>{note.title}</Typography.Text>}
              description={
                <Space size="small">
                  <span>{t(`notifications.kind.${note.type}`, { defaultValue: note.type })}</span>
                  <span>{when(note.createdAt)}</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <LoadMore pager={query} />
    </>
  );
}
