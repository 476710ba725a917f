/** What I follow: incidents, areas, service categories and event kinds, in the app and/or by e-mail. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EVENT_TYPES } from '../../../../src/model/platform-event';
import { SERVICE_CATEGORIES } from '../../../../src/model/taxonomy';
import { incidentApi, notificationApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { PageHeader } from '../../components/page-header';
import type { SubscriptionInput, SubscriptionView } from '../../types';

const KEY = ['subscriptions'] as const;
// As the server's schema spells them (src/model/notification.ts, which the browser does not load: it reads the divisions table).
const CHANNELS: SubscriptionInput['channels'] = ['in_app', 'email'];
const NOTIFICATION_LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;

export function SubscriptionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<SubscriptionInput>();
  const subscriptions = useQuery({ queryKey: KEY, queryFn: notificationApi.subscriptions });
  const incidents = useQuery({ queryKey: ['incidents', 'all'], queryFn: () => incidentApi.list() });
  const incidentName = (id: string | null) => incidents.data?.find((i) => i.id === id)?.name ?? id;
  const add = useMutation({
    mutationFn: (body: SubscriptionInput) => notificationApi.subscribe(body),
    onSuccess: async () => {
      form.resetFields();
      message.success(t('notifications.subscribed'));
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => notificationApi.unsubscribe(id),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const any = <Tag>{t('notifications.any')}</Tag>;
  return (
    <>
      <PageHeader
        title={t('notifications.settings')}
        crumbs={[{ title: t('notifications.title'), to: '/notifications' }, { title: t('notifications.settings') }]}
        subtitle={t('notifications.defaults')}
      />
      <Card title={t('notifications.newSubscription')} className="section-card">
        <ErrorAlert error={add.error} />
        <Form
          form={form}
          layout="vertical"
          initialValues={{ channels: ['in_app'] }}
          onFinish={(values) =>
            add.mutate({
              incidentId: values.incidentId || null,
              jurisdiction: values.jurisdiction || null,
              category: values.category || null,
              kinds: values.kinds?.length ? values.kinds : null,
              channels: values.channels,
              language: values.language || null,
            })
          }
        >
          <Form.Item name="incidentId" label={t('notifications.incident')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('notifications.any')}
              options={(incidents.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
          <Form.Item name="jurisdiction" label={t('notifications.area')}>
            <JurisdictionCascader placeholder={t('notifications.any')} />
          </Form.Item>
          <Form.Item name="category" label={t('notifications.category')}>
            <Select
              allowClear
              placeholder={t('notifications.any')}
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="kinds" label={t('notifications.kinds')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('notifications.anyKind')}
              options={EVENT_TYPES.map((k) => ({ value: k, label: t(`notifications.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="channels" label={t('notifications.channels')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={CHANNELS.map((c) => ({ value: c, label: t(`notifications.channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="language" label={t('notifications.language')}>
            <Select
              allowClear
              placeholder="简体中文"
              options={NOTIFICATION_LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`, { defaultValue: l }) }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="subscribe">
            {t('notifications.subscribe')}
          </Button>
        </Form>
      </Card>
      <Table<SubscriptionView>
        rowKey="id"
        loading={subscriptions.isLoading}
        dataSource={subscriptions.data ?? []}
        pagination={false}
        data-testid="subscriptions"
        columns={[
          { title: t('notifications.incident'), render: (_, s) => (s.incidentId ? incidentName(s.incidentId) : any) },
          {
            title: t('notifications.area'),
            render: (_, s) => (s.jurisdiction ? <JurisdictionName code={s.jurisdiction} /> : any),
          },
          { title: t('notifications.category'), render: (_, s) => (s.category ? t(`category.${s.category}`) : any) },
          {
            title: t('notifications.kinds'),
            render: (_, s) => (s.kinds ? s.kinds.map((k) => <Tag key={k}>{t(`notifications.kind.${k}`)}</Tag>) : any),
          },
          {
            title: t('notifications.channels'),
            render: (_, s) => s.channels.map((c) => <Tag key={c}>{t(`notifications.channel.${c}`)}</Tag>),
          },
          {
            title: '',
            render: (_, s) => (
              <Button
                danger
                size="small"
                onClick={() => remove.mutate(s.id)}
                loading={remove.isPending && remove.variables === s.id}
              >
                {t('notifications.unsubscribe')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
