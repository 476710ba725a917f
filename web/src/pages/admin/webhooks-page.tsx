/**
 * Webhooks (Standard Webhooks): register a URL and the events it receives, see the signing
 * secret once (with a copy button), turn a disabled webhook back on, delete one, and read each
 * webhook's delivery log with every attempt and what the receiver answered.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Drawer, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { webhookApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { LoadMore, usePagedList } from '../../components/load-more';
import { PageHeader } from '../../components/page-header';
import { useDateTime } from '../../format';
import { type CreatedWebhook, EVENT_TYPES, type WebhookDelivery, type WebhookView } from '../../types';

const STATUS_COLORS: Record<string, string> = { pending: 'gold', delivered: 'green', failed: 'red' };

function CreateWebhookCard({ onCreated }: { onCreated: (created: CreatedWebhook) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ url: string; events: string[] }>();
  const create = useMutation({
    mutationFn: webhookApi.create,
    onSuccess: (created) => {
      form.resetFields();
      onCreated(created);
    },
  });
  return (
    <Card title={t('webhooks.create')}>
      <ErrorAlert error={create.error} detail />
      <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)} data-testid="webhook-form">
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          rules={[{ required: true, type: 'url', message: t('webhooks.urlNeeded') }]}
        >
          <Input placeholder="https://example.org/corespond-hooks" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="events" label={t('webhooks.events')} rules={[{ required: true, message: t('webhooks.eventsNeeded') }]}>
          <Checkbox.Group
            options={EVENT_TYPES.map((event) => ({ value: event, label: `${t(`notifications.kind.${event}`)} (${event})` }))}
            data-testid="webhook-events"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('webhooks.privacyNote')}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="webhook-create">
          {t('webhooks.create')}
        </Button>
      </Form>
    </Card>
  );
}

function DeliveryLog({ webhook, onClose }: { webhook: WebhookView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { items, query } = usePagedList<WebhookDelivery>({
    queryKey: ['webhooks', webhook?.id, 'deliveries'],
    fetchPage: (cursor) => webhookApi.deliveries(webhook?.id ?? '', { limit: 50, cursor }),
  });
  const columns: ColumnsType<WebhookDelivery> = [
    {
      title: t('webhooks.eventType'),
      dataIndex: 'eventType',
      render: (type: string) => <span className="code-text">{type}</span>,
    },
    { title: 'webhook-id', dataIndex: 'webhookMessageId', render: (id: string) => <span className="code-text">{id}</span> },
    {
      title: t('webhooks.status'),
      dataIndex: 'status',
      render: (status: string) => <Tag color={STATUS_COLORS[status]}>{t(`webhooks.deliveryStatus.${status}`)}</Tag>,
    },
    { title: t('webhooks.attempts'), dataIndex: 'attempts' },
    { title: t('webhooks.nextAttempt'), dataIndex: 'nextAttemptAt', render: (at: string | null) => dateTime(at) },
    { title: t('webhooks.createdAt'), dataIndex: 'createdAt', render: (at: string) => dateTime(at) },
  ];
  return (
    <Drawer open={webhook !== null} onClose={onClose} width={960} title={t('webhooks.deliveries', { url: webhook?.url ?? '' })}>
      <ErrorAlert error={query.error} />
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={query.isLoading}
        pagination={false}
        data-testid="webhook-deliveries"
        expandable={{
          expandedRowRender: (delivery) => (
            <Table
              rowKey="attempt"
              size="small"
              pagination={false}
              dataSource={delivery.attemptLog}
              columns={[
                { title: '#', dataIndex: 'attempt' },
                { title: t('webhooks.startedAt'), dataIndex: 'startedAt', render: (at: string) => dateTime(at) },
                { title: t('webhooks.statusCode'), dataIndex: 'statusCode', render: (code: number | null) => code ?? '—' },
                {
                  title: t('webhooks.response'),
                  dataIndex: 'responseExcerpt',
                  render: (text: string | null) => <span className="code-text">{text ?? ''}</span>,
                },
                { title: t('webhooks.error'), dataIndex: 'error', render: (text: string | null) => text ?? '' },
              ]}
            />
          ),
        }}
      />
      <LoadMore pager={query} />
    </Drawer>
  );
}

export function WebhooksPage() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const client = useQueryClient();
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [viewing, setViewing] = useState<WebhookView | null>(null);
  const list = useQuery({ queryKey: ['webhooks'], queryFn: webhookApi.list });
  const refresh = () => client.invalidateQueries({ queryKey: ['webhooks'] });
  const enable = useMutation({ mutationFn: webhookApi.enable, onSuccess: refresh });
  const remove = useMutation({ mutationFn: webhookApi.remove, onSuccess: refresh });
  const columns: ColumnsType<WebhookView> = [
    { title: t('webhooks.url'), dataIndex: 'url', render: (url: string) => <span className="code-text">{url}</span> },
    {
      title: t('webhooks.events'),
      dataIndex: 'events',
      render: (events: string[]) => events.map((event) => <Tag key={event}>{t(`notifications.kind.${event}`)}</Tag>),
    },
    {
      title: t('webhooks.state'),
      key: 'state',
      render: (_, webhook) =>
        webhook.enabled ? (
          <Tag color="green">{t('webhooks.enabled')}</Tag>
        ) : (
          <Space direction="vertical" size={0}>
            <Tag color="red">{t('webhooks.disabled')}</Tag>
            <Typography.Text type="secondary">{webhook.disabledReason}</Typography.Text>
          </Space>
        ),
    },
    { title: t('webhooks.createdAt'), dataIndex: 'createdAt', render: (at: string) => dateTime(at) },
    {
      title: '',
      key: 'actions',
      render: (_, webhook) => (
        <Space>
          <Button size="small" onClick={() => setViewing(webhook)} data-testid="webhook-log">
            {t('webhooks.log')}
          </Button>
          {webhook.enabled ? null : (
            <Button size="small" onClick={() => enable.mutate(webhook.id)} loading={enable.isPending}>
              {t('webhooks.enable')}
            </Button>
          )}
          <Popconfirm title={t('webhooks.confirmDelete')} onConfirm={() => remove.mutate(webhook.id)}>
            <Button size="small" danger>
              {t('webhooks.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('webhooks.title')} crumbs={[{ title: t('nav.admin') }, { title: t('webhooks.title') }]} />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <CreateWebhookCard
          onCreated={(made) => {
            setCreated(made);
            void refresh();
          }}
        />
        <Card title={t('webhooks.list')}>
          <ErrorAlert error={list.error ?? enable.error ?? remove.error} />
          <Table<WebhookView>
            rowKey="id"
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.isLoading}
            pagination={false}
            data-testid="webhook-list"
          />
        </Card>
      </Space>
      <Modal
        open={created !== null}
        onCancel={() => setCreated(null)}
        onOk={() => setCreated(null)}
        title={t('webhooks.secretTitle')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('webhooks.secretOnce')} />
        <Typography.Paragraph copyable={{ text: created?.secret ?? '' }} className="code-text" data-testid="webhook-secret">
          {created?.secret}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('webhooks.verifyHint')}</Typography.Paragraph>
      </Modal>
      <DeliveryLog webhook={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
