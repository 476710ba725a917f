/** Accounts: platform admins see everyone, org admins their own organization's people. */
import { CheckCircleOutlined, EditOutlined, KeyOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { LoadMore } from '../../components/load-more';
import { OrganizationName } from '../../components/organization-name';
import { PageHeader } from '../../components/page-header';
import { useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import { SESSION_KEY, useCapabilities, useCurrentUser } from '../../session';
import type { ManagedUser, User } from '../../types';
import { CreateUserModal } from './create-user-modal';
import { EditUserModal } from './edit-user-modal';
import { ResetPasswordModal } from './reset-password-modal';

const PAGE_SIZE = 100;

const ROLE_COLORS: Record<User['role'], string> = {
  platform_admin: 'magenta',
  coordinator: 'red',
  agency_staff: 'orange',
  org_admin: 'blue',
  org_member: 'cyan',
  observer: 'default',
};

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const may = useCapabilities();
  const { message } = App.useApp();
  const { full } = useErrorText();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const users = useInfiniteQuery({
    queryKey: ['users'],
    queryFn: ({ pageParam }) => userApi.list({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];
  const total = users.data?.pages[0]?.total ?? 0;

  const setDisabled = useMutation({
    mutationFn: (user: User) => userApi.update(user.id, { disabled: !user.disabled }),
    onSuccess: async (_, user) => {
      message.success(user.disabled ? t('users.enabledDone') : t('users.disabledDone'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => message.error(full(error)),
  });

  const columns: ColumnsType<ManagedUser> = [
    {
      title: t('users.user'),
      key: 'user',
      render: (_, user) => (
        <div>
          <div className="strong">{user.displayName || user.email}</div>
          {user.displayName ? <div className="muted small">{user.email}</div> : null}
        </div>
      ),
    },
    {
      title: t('field.role'),
      key: 'role',
      width: 150,
      render: (_, user) => <Tag color={ROLE_COLORS[user.role]}>{t(`role.${user.role}`)}</Tag>,
    },
    { title: t('field.organizationId'), key: 'organization', render: (_, user) => <OrganizationName id={user.organizationId} /> },
    { title: t('field.jurisdiction'), key: 'jurisdiction', render: (_, user) => <JurisdictionName code={user.jurisdiction} /> },
    {
      title: t('users.status'),
      key: 'status',
      width: 100,
      render: (_, user) =>
        user.disabled ? (
          <Badge status="default" text={t('users.disabled')} />
        ) : (
          <Badge status="success" text={t('users.active')} />
        ),
    },
    { title: t('field.createdAt'), key: 'createdAt', width: 170, render: (_, user) => dateTime(user.createdAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 290,
      render: (_, user) => {
        const self = user.id === me.id;
        const edit = (
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(user)}>
            {t('users.edit')}
          </Button>
        );
        if (self) {
          return (
            <Flex gap={4} wrap align="center">
              {edit}
              <Typography.Text type="secondary">{t('users.you')}</Typography.Text>
            </Flex>
          );
        }
        if (!user.viewerCanManage) return <span className="muted">—</span>;
        return (
          <Flex gap={4} wrap>
            {edit}
            {user.disabled ? (
              <Button size="small" type="link" icon={<CheckCircleOutlined />} onClick={() => setDisabled.mutate(user)}>
                {t('users.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('users.disableConfirm', { name: user.displayName || user.email })}
                okText={t('users.disable')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => setDisabled.mutateAsync(user)}
              >
                <Button size="small" type="link" danger icon={<StopOutlined />}>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )}
            <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => setResetting(user)}>
              {t('users.resetPassword')}
            </Button>
          </Flex>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={may.chooseOrganization ? t('users.subtitleAdmin') : t('users.subtitleOrg')}
        crumbs={[{ title: t('nav.admin') }, { title: t('users.title') }]}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
      />
      <Card className="section-card table-card">
        <ErrorAlert error={users.error} />
        <Typography.Text className="table-summary" aria-live="polite">
          {t('users.total', { count: total })}
        </Typography.Text>
        <Table<ManagedUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={users.isFetching && !users.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 1100 }}
        />
        <LoadMore pager={users} />
      </Card>
      <CreateUserModal
        open={creating}
        creator={me}
        onClose={() => setCreating(false)}
        onCreated={async () => {
          setCreating(false);
          message.success(t('users.created'));
          await queryClient.invalidateQueries({ queryKey: ['users'] });
        }}
      />
      <EditUserModal
        user={editing}
        editor={me}
        onClose={() => setEditing(null)}
        onSaved={async (saved) => {
          setEditing(null);
          message.success(t('users.saved'));
          await queryClient.invalidateQueries({ queryKey: ['users'] });
          if (saved.id === me.id) await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          setResetting(null);
          message.success(t('users.resetDone'));
        }}
      />
    </>
  );
}
