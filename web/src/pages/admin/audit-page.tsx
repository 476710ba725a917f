/** The append-only audit log and a check of its hash chain. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { auditApi, userApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { LoadMore } from '../../components/load-more';
import { PageHeader } from '../../components/page-header';
import { useDateTime } from '../../format';
import type { AuditRecord } from '../../types';

const PAGE_SIZE = 50;

/** Tag colours by what an action does (the part after the entity type). */
const VERB_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  archive: 'orange',
  password_reset: 'gold',
  password_change: 'gold',
  issue: 'purple',
};

/** Names of the accounts that appear as actors (one page of users is enough to name most). */
function useUserNames(): Map<string, string> {
  const { data } = useQuery({
    queryKey: ['users', 'names'],
    queryFn: () => userApi.list({ limit: 200 }),
    staleTime: 60_000,
  });
  return new Map((data?.items ?? []).map((user) => [user.id, user.displayName || user.email]));
}

/**
 * The reader's words for an audit action ("organization.archive") or entity type ("user"),
 * from audit.actions / audit.entityTypes; an id the catalogue does not know shows as is.
 */
function useAuditLabels(): { action: (id: string) => string; entityType: (id: string) => string } {
  const { t, i18n } = useTranslation();
  const label = (section: string, id: string) => {
    const key = `audit.${section}.${id}`;
    // An id naming a group ("organization") resolves to an object, which is no label either.
    const text: unknown = i18n.exists(key) ? t(key, { returnObjects: true }) : null;
    return typeof text === 'string' ? text : id;
  };
  return { action: (id) => label('actions', id), entityType: (id) => label('entityTypes', id) };
}

/** The name an organization had in the record itself (names are not personal data). */
function recordedName(record: AuditRecord): string | null {
  for (const side of [record.after, record.before]) {
    if (side && typeof side === 'object' && 'name' in side && typeof side.name === 'string') return side.name;
  }
  return null;
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

function Actor({ id, names }: { id: string | null; names: Map<string, string> }) {
  const { t } = useTranslation();
  if (!id) return <span className="muted">{t('audit.system')}</span>;
  const name = names.get(id);
  if (name) return <span title={id}>{name}</span>;
  return (
    <span className="code-text" title={id}>
      {id.includes(':') ? id : shortId(id)}
    </span>
  );
}

function entityLabel(record: AuditRecord, names: Map<string, string>): string {
  const { entityType, entityId } = record;
  if (!entityId) return '';
  if (entityType === 'user') return names.get(entityId) ?? shortId(entityId);
  if (entityType === 'organization') return recordedName(record) ?? shortId(entityId);
  return shortId(entityId);
}

function Entity({ record, names }: { record: AuditRecord; names: Map<string, string> }) {
  const labels = useAuditLabels();
  const { entityType, entityId } = record;
  const label = entityLabel(record, names);
  return (
    <span>
      <span title={entityType}>{labels.entityType(entityType)}</span>
      {entityId ? (
        <>
          {' · '}
          {entityType === 'organization' ? (
            <Link to={`/organizations/${encodeURIComponent(entityId)}`} title={entityId}>
              {label}
            </Link>
          ) : (
            <span title={entityId}>{label}</span>
          )}
        </>
      ) : null}
    </span>
  );
}

function Change({ record }: { record: AuditRecord }) {
  const { t } = useTranslation();
  const show = (value: unknown) =>
    value === null || value === undefined ? (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    ) : (
      <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>
    );
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        {show(record.before)}
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        {show(record.after)}
      </Col>
      <Col span={24}>
        <Typography.Text type="secondary">{t('audit.hashLabel')}</Typography.Text>
        <Typography.Text className="code-text" copyable>
          {record.hash}
        </Typography.Text>
      </Col>
    </Row>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const names = useUserNames();
  const labels = useAuditLabels();
  const records = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => auditApi.list({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });
  const rows = records.data?.pages.flatMap((page) => page.items) ?? [];
  const total = records.data?.pages[0]?.total ?? 0;

  const columns: ColumnsType<AuditRecord> = [
    {
      title: t('audit.seq'),
      dataIndex: 'seq',
      key: 'seq',
      width: 90,
      render: (seq: number) => <span className="code-text">{seq}</span>,
    },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 180, render: (at: string) => dateTime(at) },
    { title: t('audit.actor'), key: 'actor', width: 180, render: (_, record) => <Actor id={record.actorId} names={names} /> },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (action: string) => {
        const label = labels.action(action);
        return label === action ? (
          <span className="code-text">{action}</span>
        ) : (
          <Tag color={VERB_COLORS[action.slice(action.indexOf('.') + 1)] ?? 'default'} title={action} data-action={action}>
            {label}
          </Tag>
        );
      },
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, record) => <Entity record={record} names={names} />,
    },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      key: 'hash',
      width: 140,
      render: (hash: string) => (
        <span className="code-text" title={hash}>
          {hash.slice(0, 12)}…
        </span>
      ),
    },
  ];

  const result = verify.data;
  const bad = result?.firstBad ?? null;
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        crumbs={[{ title: t('nav.admin') }, { title: t('audit.title') }]}
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() => verify.mutate()}
            loading={verify.isPending}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
        }
      />
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {result ? (
        <Alert
          className="section-card"
          role="status"
          showIcon
          type={result.ok ? 'success' : 'error'}
          title={
            result.ok
              ? t('audit.verifyOk', { checked: result.checked })
              : t('audit.verifyBad', { checked: result.checked, seq: bad?.seq ?? '?' })
          }
          description={!result.ok && bad ? bad.reason : undefined}
          data-testid="audit-verify-result"
        />
      ) : null}
      <Card className="section-card table-card">
        <ErrorAlert error={records.error} />
        <Typography.Text className="table-summary" aria-live="polite">
          {t('audit.total', { count: total })}
        </Typography.Text>
        <Table<AuditRecord>
          rowKey="seq"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={records.isFetching && !records.isFetchingNextPage}
          pagination={false}
          expandable={{ expandedRowRender: (record) => <Change record={record} /> }}
          scroll={{ x: 900 }}
        />
        <LoadMore pager={records} />
      </Card>
    </>
  );
}
