/**
 * 预警: the warnings published here and ingested from other senders, newest first; the tab of
 * those attached to no incident offers "open incident" (declared in stage preparedness over
 * the alert's areas).
 */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { alertApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import type { AlertView } from '../../types';
import { AlertTags } from './alert-parts';

type Scope = 'all' | 'unattached';

export function AlertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<Scope>('all');
  const list = useQuery({
    queryKey: ['alerts', scope],
    queryFn: () => alertApi.list(scope === 'unattached' ? { attached: false } : {}),
  });
  const open = useMutation({
    mutationFn: (id: string) => alertApi.openIncident(id),
    onSuccess: (incident) => {
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
      void message.success(t('alerts.incidentOpened', { name: incident.name }));
      navigate(`/incidents/${encodeURIComponent(incident.id)}`);
    },
  });
  const columns: ColumnsType<AlertView> = [
    {
      key: 'headline',
      title: t('alerts.field.headline'),
      render: (_, a) => <Link to={`/alerts/${encodeURIComponent(a.id)}`}>{a.headline ?? a.event}</Link>,
    },
    { key: 'tags', title: t('alerts.field.state'), render: (_, a) => <AlertTags alert={a} /> },
    { key: 'areas', title: t('alerts.field.areas'), render: (_, a) => a.areaDesc || '—' },
    { key: 'sent', title: t('alerts.field.sent'), render: (_, a) => new Date(a.sent).toLocaleString() },
    {
      key: 'incident',
      title: t('alerts.field.incidents'),
      render: (_, a) =>
        a.incidentIds.length > 0 ? (
          a.incidentIds.map((id) => (
            <Link key={id} to={`/incidents/${encodeURIComponent(id)}`}>
              {t('alerts.toBoard')}
            </Link>
          ))
        ) : list.data?.viewerCanPublish && a.jurisdictions.length > 0 ? (
          <Button
            size="small"
            loading={open.isPending && open.variables === a.id}
            onClick={() => open.mutate(a.id)}
            data-testid="alert-open-incident"
          >
            {t('alerts.openIncident')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('alerts.unattached')}</Typography.Text>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('alerts.title')}
        crumbs={[{ title: t('nav.alerts') }]}
        subtitle={t('alerts.subtitle')}
        extra={
          list.data?.viewerCanPublish ? (
            <Link to="/warnings/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="alert-compose">
                {t('alerts.compose')}
              </Button>
            </Link>
          ) : undefined
        }
      />
      <Tabs
        activeKey={scope}
        onChange={(key) => setScope(key as Scope)}
        items={[
          { key: 'all', label: t('alerts.all') },
          { key: 'unattached', label: t('alerts.unattachedTab') },
        ]}
      />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {open.error ? <ErrorAlert error={open.error} /> : null}
      <Table<AlertView>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
      />
    </>
  );
}
