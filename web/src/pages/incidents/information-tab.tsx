/**
 * 信息发布: the board's information tab — official statements (issue, with their signature),
 * the rumour log and which statement answers each, and bulletins (compose, draft a situation
 * report, edit and publish a draft, verify, supersede or correct a published one). The server
 * decides who may do what; a refused action shows its error.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { informationApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { Markdown } from '../../components/markdown';
import { OrganizationPicker } from '../../components/organization-picker';
import { useCurrentUser } from '../../session';
import type { BulletinView, IncidentDetail } from '../../types';

const key = (incidentId: string, what: string) => ['information', incidentId, what];

function StatementsCard({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const statements = useQuery({
    queryKey: key(incident.id, 'statements'),
    queryFn: () => informationApi.statements(incident.id),
  });
  const issue = useMutation({
    mutationFn: (v: { title: string; body: string; issuingOrganizationId: string }) =>
      informationApi.issue({ ...v, incidentId: incident.id }),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['information', incident.id] });
    },
  });
  const mayIssue = user.role === 'agency_staff' || user.role === 'coordinator';
  return (
    <Card title={t('information.statements')} data-testid="statements-card">
      {mayIssue && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ issuingOrganizationId: user.role === 'agency_staff' ? user.organizationId : null }}
          onFinish={(v) => issue.mutate(v)}
        >
          <Form.Item name="issuingOrganizationId" label={t('information.issuer')} rules={[{ required: true }]}>
            <OrganizationPicker kind="government_agency" disabled={user.role === 'agency_staff'} />
          </Form.Item>
          <Form.Item name="title" label={t('information.title')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="statement-title" />
          </Form.Item>
          <Form.Item name="body" label={t('information.body')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} data-testid="statement-body" />
          </Form.Item>
          <ErrorAlert error={issue.error} />
          <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="statement-issue">
            {t('information.issue')}
          </Button>
        </Form>
      )}
      <ErrorAlert error={statements.error} />
      <List
        dataSource={statements.data ?? []}
        locale={{ emptyText: <Empty description={t('information.noStatements')} /> }}
        renderItem={(s) => (
          <List.Item data-testid="statement-item">
            <List.Item.Meta
              title={
                <Space>
                  <Link to={`/statements/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                  <Tag color="blue">{s.issuer.name}</Tag>
                </Space>
              }
              description={<Markdown text={s.body} />}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function RumoursCard({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const rumours = useQuery({ queryKey: key(incident.id, 'rumours'), queryFn: () => informationApi.rumours(incident.id) });
  const statements = useQuery({
    queryKey: key(incident.id, 'statements'),
    queryFn: () => informationApi.statements(incident.id),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['information', incident.id] });
  const record = useMutation({
    mutationFn: (v: { text: string; seenWhere: string; seenAt: dayjs.Dayjs }) =>
      informationApi.recordRumour(incident.id, { text: v.text, seenWhere: v.seenWhere, seenAt: v.seenAt.toISOString() }),
    onSuccess: () => {
      form.resetFields();
      void refresh();
    },
  });
  const answer = useMutation({
    mutationFn: (v: { rumourId: string; statementId: string }) => informationApi.answerRumour(v.rumourId, v.statementId),
    onSuccess: () => void refresh(),
  });
  const titleOf = new Map((statements.data ?? []).map((s) => [s.id, s.title]));
  return (
    <Card title={t('information.rumours')} data-testid="rumours-card">
      <Form form={form} layout="inline" initialValues={{ seenAt: dayjs() }} onFinish={(v) => record.mutate(v)}>
        <Form.Item name="text" rules={[{ required: true }]}>
          <Input placeholder={t('information.rumourText')} />
        </Form.Item>
        <Form.Item name="seenWhere" rules={[{ required: true }]}>
          <Input placeholder={t('information.seenWhere')} />
        </Form.Item>
        <Form.Item name="seenAt" rules={[{ required: true }]}>
          <DatePicker showTime />
        </Form.Item>
        <Button htmlType="submit" loading={record.isPending}>
          {t('information.recordRumour')}
        </Button>
      </Form>
      <ErrorAlert error={record.error ?? answer.error ?? rumours.error} />
      <List
        dataSource={rumours.data ?? []}
        locale={{ emptyText: <Empty description={t('information.noRumours')} /> }}
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>
                「{r.text}」 <Typography.Text type="secondary">— {r.seenWhere}</Typography.Text>
              </Typography.Text>
              {r.statementId ? (
                <Typography.Text>
                  {t('information.answeredBy')}{' '}
                  <Link to={`/statements/${encodeURIComponent(r.statementId)}`}>
                    {titleOf.get(r.statementId) ?? r.statementId}
                  </Link>
                </Typography.Text>
              ) : (
                <Select
                  style={{ minWidth: 240 }}
                  placeholder={t('information.answerWith')}
                  options={(statements.data ?? []).map((s) => ({ value: s.id, label: s.title }))}
                  onChange={(statementId: string) => answer.mutate({ rumourId: r.id, statementId })}
                />
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

interface BulletinValues {
  title: string;
  body: string;
  source?: string;
  authorOrganizationId: string;
  audience: 'public' | 'network' | 'coordinators';
  attachmentTitle?: string;
  attachmentUrl?: string;
}

function BulletinItem({
  bulletin,
  onEdit,
  onSupersede,
}: {
  bulletin: BulletinView;
  onEdit: () => void;
  onSupersede: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const refresh = () => client.invalidateQueries({ queryKey: ['information', bulletin.incidentId ?? ''] });
  const publish = useMutation({ mutationFn: () => informationApi.publishBulletin(bulletin.id), onSuccess: () => void refresh() });
  const verify = useMutation({ mutationFn: () => informationApi.verifyBulletin(bulletin.id), onSuccess: () => void refresh() });
  const failed = publish.error ?? verify.error;
  if (failed) void message.error(String((failed as Error).message));
  return (
    <List.Item data-testid="bulletin-item">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{bulletin.title}</Typography.Text>
          <Tag>{t(`information.kind.${bulletin.kind}`)}</Tag>
          <Tag color={bulletin.authority === 'official' ? 'red' : bulletin.authority === 'verified' ? 'green' : 'default'}>
            {t(`information.authority.${bulletin.authority}`)}
          </Tag>
          <Tag>{t(`information.audience.${bulletin.audience}`)}</Tag>
          <Tag color={bulletin.status === 'draft' ? 'orange' : 'blue'}>{t(`information.status.${bulletin.status}`)}</Tag>
          {bulletin.supersededBy && <Tag color="volcano">{t(`information.supersededBy.${bulletin.supersededBy.relation}`)}</Tag>}
          <Typography.Text type="secondary">{bulletin.authorName}</Typography.Text>
        </Space>
        {bulletin.source && (
          <Typography.Text type="secondary">
            {t('information.source')}: {bulletin.source}
          </Typography.Text>
        )}
        <Markdown text={bulletin.body} />
        {bulletin.attachments.length > 0 && (
          <ul>
            {bulletin.attachments.map((a) => (
              <li key={a.url}>
                <a href={a.url} target="_blank" rel="noopener noreferrer">
                  {a.title}
                </a>
              </li>
            ))}
          </ul>
        )}
        <Space>
          {bulletin.viewerCanEdit && <Button onClick={onEdit}>{t('information.edit')}</Button>}
          {bulletin.viewerCanEdit && (
            <Button type="primary" loading={publish.isPending} onClick={() => publish.mutate()} data-testid="bulletin-publish">
              {t('information.publish')}
            </Button>
          )}
          {bulletin.status === 'published' && bulletin.authority === 'unverified' && (
            <Button loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('information.verify')}
            </Button>
          )}
          {bulletin.status === 'published' && !bulletin.supersededBy && (
            <Button onClick={onSupersede}>{t('information.supersede')}</Button>
          )}
        </Space>
      </Space>
    </List.Item>
  );
}

function BulletinsCard({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const client = useQueryClient();
  const [form] = Form.useForm<BulletinValues>();
  const [editing, setEditing] = useState<BulletinView | null>(null);
  const [superseding, setSuperseding] = useState<BulletinView | null>(null);
  const bulletins = useQuery({ queryKey: key(incident.id, 'bulletins'), queryFn: () => informationApi.bulletins(incident.id) });
  const refresh = () => client.invalidateQueries({ queryKey: ['information', incident.id] });
  const reset = () => {
    form.resetFields();
    setEditing(null);
    setSuperseding(null);
  };
  const save = useMutation({
    mutationFn: async (v: BulletinValues) => {
      const attachments = v.attachmentUrl ? [{ title: v.attachmentTitle || v.attachmentUrl, url: v.attachmentUrl }] : [];
      if (editing)
        return informationApi.editBulletin(editing.id, {
          title: v.title,
          body: v.body,
          source: v.source ?? null,
          audience: v.audience,
          attachments,
        });
      return informationApi.createBulletin({
        incidentId: incident.id,
        title: v.title,
        body: v.body,
        source: v.source ?? null,
        authorOrganizationId: v.authorOrganizationId,
        audience: v.audience,
        attachments,
        ...(superseding ? { supersedesId: superseding.id, relation: 'supersedes' as const } : {}),
      });
    },
    onSuccess: () => {
      reset();
      void refresh();
    },
  });
  const report = useMutation({
    mutationFn: () => informationApi.situationReport(incident.id, form.getFieldValue('authorOrganizationId') as string),
    onSuccess: () => void refresh(),
  });
  const startEdit = (b: BulletinView) => {
    setSuperseding(null);
    setEditing(b);
    form.setFieldsValue({
      title: b.title,
      body: b.body,
      source: b.source ?? undefined,
      audience: b.audience,
      authorOrganizationId: b.authorOrganizationId,
    });
  };
  const startSupersede = (b: BulletinView) => {
    setEditing(null);
    setSuperseding(b);
    form.setFieldsValue({
      title: b.title,
      body: b.body,
      source: b.source ?? undefined,
      audience: b.audience,
      authorOrganizationId: b.authorOrganizationId,
    });
  };
  const mayWrite = user.role !== 'observer' && user.role !== 'org_member';
  return (
    <Card title={t('information.bulletins')} data-testid="bulletins-card">
      {mayWrite && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ audience: 'public', authorOrganizationId: user.organizationId ?? null }}
          onFinish={(v) => save.mutate(v)}
        >
          {editing && <Typography.Text type="warning">{t('information.editing', { title: editing.title })}</Typography.Text>}
          {superseding && (
            <Typography.Text type="warning">{t('information.superseding', { title: superseding.title })}</Typography.Text>
          )}
          <Form.Item name="authorOrganizationId" label={t('information.author')} rules={[{ required: true }]}>
            <OrganizationPicker disabled={Boolean(editing)} />
          </Form.Item>
          <Form.Item name="title" label={t('information.title')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="bulletin-title" />
          </Form.Item>
          <Form.Item name="body" label={t('information.bodyMarkdown')} rules={[{ required: true }]}>
            <Input.TextArea rows={6} data-testid="bulletin-body" />
          </Form.Item>
          <Row gutter={8}>
            <Col span={8}>
              <Form.Item name="source" label={t('information.source')}>
                <Input data-testid="bulletin-source" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="audience" label={t('information.audienceLabel')}>
                <Select
                  data-testid="bulletin-audience"
                  options={(['public', 'network', 'coordinators'] as const).map((a) => ({
                    value: a,
                    label: t(`information.audience.${a}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="attachmentUrl" label={t('information.attachment')}>
                <Input placeholder="https://…" />
              </Form.Item>
              <Form.Item name="attachmentTitle" noStyle>
                <Input placeholder={t('information.attachmentTitle')} />
              </Form.Item>
            </Col>
          </Row>
          <ErrorAlert error={save.error ?? report.error} />
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="bulletin-save">
              {editing ? t('information.saveDraft') : t('information.createDraft')}
            </Button>
            {(editing || superseding) && <Button onClick={reset}>{t('information.cancel')}</Button>}
            <Button loading={report.isPending} onClick={() => report.mutate()} data-testid="situation-report">
              {t('information.draftSituationReport')}
            </Button>
          </Space>
        </Form>
      )}
      <ErrorAlert error={bulletins.error} />
      <List
        dataSource={bulletins.data ?? []}
        locale={{ emptyText: <Empty description={t('information.noBulletins')} /> }}
        renderItem={(b) => <BulletinItem bulletin={b} onEdit={() => startEdit(b)} onSupersede={() => startSupersede(b)} />}
      />
      <Typography.Paragraph type="secondary">
        <Link to={`/bulletins/${encodeURIComponent(incident.id)}`}>{t('information.publicPage')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}

export function InformationTab({ incident }: { incident: IncidentDetail }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <BulletinsCard incident={incident} />
      </Col>
      <Col xs={24} xl={10}>
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          <StatementsCard incident={incident} />
          <RumoursCard incident={incident} />
        </Space>
      </Col>
    </Row>
  );
}
